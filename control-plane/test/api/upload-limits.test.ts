// Upload sizes and plan storage, attacked as a hostile tenant would over real HTTP: a part URL takes its part's
// exact size and nothing else (refused while streaming, connection closed, nothing stored); completion checks the
// total; uploads in progress reserve plan storage, also when created all at once; an unfinished upload expires,
// its parts deleted and its reservation released, and holds nothing once past its deadline; an upload started keeps
// the parts it was cut into; parallel parts share kept-alive connections.
import { randomBytes } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import { Agent, request as httpRequest } from 'node:http';
import type { Socket } from 'node:net';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expireUnfinishedUploads } from '../../src/domain/videos/upload-expiry.js';
import { createUpload } from '../../src/domain/videos/uploads.js';
import { storedBytesByTenant } from '../../src/domain/usage/storage-sampling.js';
import { TestClock } from '../support/billing-fixtures.js';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.js';
import { signUpActiveTenant } from '../support/tenants.js';
import { putPart } from '../support/upload-file.js';
import { waitFor } from '../support/wait-for.js';

const GB = 1e9;
const MiB = 1024 * 1024;
const HOUR_MS = 3_600_000;

let platform: TestPlatform;

beforeAll(async () => {
  platform = await startTestPlatform();
  await platform.startWorker();
});
afterAll(() => platform?.close());

interface PutOutcome {
  status: number;
  body: string;
  connectionHeader: string | undefined;
  sentBytes: number;
}

/**
 * PUTs `total` random bytes as a client that keeps sending until the server answers: chunked (no Content-Length)
 * or announcing the length. Resolves once the connection is closed: by the server when it says `Connection: close`
 * (the client's agent keeps connections alive, so that close is the server's doing), otherwise by the client.
 */
function streamPart(url: string, total: number, framing: 'chunked' | 'content-length'): Promise<PutOutcome> {
  return new Promise((resolve, reject) => {
    const agent = new Agent({ keepAlive: true });
    const headers = framing === 'chunked' ? { 'Transfer-Encoding': 'chunked' } : { 'Content-Length': String(total) };
    const request = httpRequest(url, { method: 'PUT', headers, agent });
    const chunk = randomBytes(64 * 1024);
    const outcome: PutOutcome = { status: 0, body: '', connectionHeader: undefined, sentBytes: 0 };
    request.on('response', (response) => {
      outcome.status = response.statusCode ?? 0;
      outcome.connectionHeader = response.headers.connection;
      response.setEncoding('utf8');
      response.on('data', (text: string) => (outcome.body += text));
      // A connection the server keeps open for the next request: this client has no next request.
      response.on('end', () => outcome.connectionHeader !== 'close' && agent.destroy());
    });
    // Writing into a connection the server closed fails (EPIPE): expected once it has answered.
    request.on('error', (error) => outcome.status === 0 && reject(error));
    request.on('socket', (socket) =>
      socket.on('close', () => {
        agent.destroy();
        resolve(outcome);
      }),
    );
    const pump = () => {
      while (outcome.sentBytes < total && outcome.status === 0 && !request.destroyed) {
        const piece = chunk.subarray(0, Math.min(chunk.length, total - outcome.sentBytes));
        outcome.sentBytes += piece.length;
        if (!request.write(piece)) return void request.once('drain', pump);
      }
      if (outcome.sentBytes >= total) request.end();
    };
    pump();
  });
}

async function uploadIdOf(videoId: string): Promise<string> {
  const row = await platform.database.db.selectFrom('videos').select('upload_id').where('id', '=', videoId).executeTakeFirstOrThrow();
  return row.upload_id ?? '';
}

/** Part files the local store holds for an upload (temporary files included); none once the upload is gone. */
async function partFilesOf(uploadId: string): Promise<string[]> {
  const names = await readdir(path.join(platform.dataDir, 'store', '.uploads', uploadId)).catch(() => undefined);
  return names?.filter((name) => name !== 'upload.json') ?? [];
}

describe('a part URL takes exactly its part (the /store/parts body limit)', () => {
  let tenant: Awaited<ReturnType<typeof signUpActiveTenant>>;
  beforeAll(async () => {
    tenant = await signUpActiveTenant(platform, 'partsize');
  });

  for (const framing of ['chunked', 'content-length'] as const) {
    it(`refuses 100 MB sent (${framing}) to the part of a 1,000-byte upload with 413, closes the connection and stores nothing`, async () => {
      const ticket = await tenant.admin.videos.createUpload({ filename: 'tiny.mp4', size: 1_000 });
      const [part] = ticket.parts;
      const outcome = await streamPart(part!.url, 100 * 1024 * 1024, framing);
      expect(outcome.status).toBe(413);
      expect(outcome.body).toBe(
        'This part must be 1,000 bytes, the size fixed when the upload started, and more was sent. Send exactly that slice of the file; if the file changed, start a new upload.',
      );
      expect(outcome.connectionHeader).toBe('close');
      // Refused while streaming: the server stopped taking bytes long before the 100 MB were sent.
      expect(outcome.sentBytes).toBeLessThan(100 * 1024 * 1024);
      expect((await tenant.admin.videos.listParts({ videoId: ticket.videoId })).parts).toEqual([]);
      expect(await partFilesOf(await uploadIdOf(ticket.videoId))).toEqual([]);
      // The same URL still takes the part it was made for.
      expect((await putPart(part!.url, randomBytes(1_000))).status).toBe(200);
      expect((await tenant.admin.videos.listParts({ videoId: ticket.videoId })).parts.map(({ partNumber, size }) => ({ partNumber, size }))).toEqual([{ partNumber: 1, size: 1_000 }]);
    });
  }

  it('refuses a part shorter than its size (400, the upload could never complete with it) and stores nothing', async () => {
    const ticket = await tenant.admin.videos.createUpload({ filename: 'short.mp4', size: 1_000 });
    const outcome = await streamPart(ticket.parts[0]!.url, 999, 'chunked');
    expect(outcome.status).toBe(400);
    expect(outcome.body).toBe('This part must be 1,000 bytes and only 999 bytes arrived. Send the whole part again.');
    expect((await tenant.admin.videos.listParts({ videoId: ticket.videoId })).parts).toEqual([]);
    expect(await partFilesOf(await uploadIdOf(ticket.videoId))).toEqual([]);
  });

  it('refuses to complete an upload whose parts add up to another size than declared, saying what to do', async () => {
    // A part stored through a URL signed for another size: what the URLs of the previous version (no size in them)
    // let a client store in an upload that is still open after the upgrade.
    const ticket = await tenant.admin.videos.createUpload({ filename: 'grown.mp4', size: 1_000 });
    const row = await platform.database.db.selectFrom('videos').select(['source_key', 'upload_id']).where('id', '=', ticket.videoId).executeTakeFirstOrThrow();
    const oldUrl = await platform.app.deps.store.signPartUrl(row.source_key, row.upload_id!, { partNumber: 1, size: 1_500 }, new Date(Date.now() + 60_000));
    expect((await putPart(oldUrl, randomBytes(1_500))).status).toBe(200);
    await expect(tenant.admin.videos.completeUpload({ videoId: ticket.videoId })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message:
        "The parts add up to 1,500 bytes but this upload was started for a file of 1,000 bytes (part 1 has 1,500 bytes, expected 1,000 bytes). Send those parts again from the same file, or start a new upload with the file's real size.",
    });
    expect((await tenant.admin.videos.get({ videoId: ticket.videoId })).status).toBe('uploading');
    // Doing what the message says completes it.
    expect((await putPart(ticket.parts[0]!.url, randomBytes(1_000))).status).toBe(200);
    expect(await tenant.admin.videos.completeUpload({ videoId: ticket.videoId })).toEqual({ videoId: ticket.videoId, status: 'queued' });
  });

  it('keeps cutting an upload into the parts it was given when it started, whatever the part size is for new ones', async () => {
    const file = randomBytes(12 * MiB);
    const ticket = await tenant.admin.videos.createUpload({ filename: 'older.mp4', size: file.length });
    expect({ partSize: ticket.partSize, partCount: ticket.partCount }).toEqual({ partSize: 8 * MiB, partCount: 2 });
    // Started by a version that cut 4 MiB parts: what its row holds.
    await platform.database.db
      .updateTable('videos')
      .set({ part_size: 4 * MiB })
      .where('id', '=', ticket.videoId)
      .execute();
    const resumed = await tenant.admin.videos.listParts({ videoId: ticket.videoId });
    expect({ partSize: resumed.partSize, partCount: resumed.partCount }).toEqual({ partSize: 4 * MiB, partCount: 3 });
    const { parts } = await tenant.admin.videos.partUrls({ videoId: ticket.videoId, partNumbers: [1, 2, 3] });
    for (const { partNumber, url } of parts) expect((await putPart(url, file.subarray((partNumber - 1) * 4 * MiB, partNumber * 4 * MiB))).status).toBe(200);
    expect(await tenant.admin.videos.completeUpload({ videoId: ticket.videoId })).toEqual({ videoId: ticket.videoId, status: 'queued' });
  });

  it('keeps the connection alive after every part it stores, so parallel parts reuse their connections', async () => {
    const ticket = await tenant.admin.videos.createUpload({ filename: 'parallel.mp4', size: 6_000 });
    const { parts } = await tenant.admin.videos.partUrls({ videoId: ticket.videoId, partNumbers: [1] });
    // Six PUTs, two at a time over at most two connections (the first part's URL takes its part again and again).
    const agent = new Agent({ keepAlive: true, maxSockets: 2 });
    const sockets = new Set<Socket>();
    const put = () =>
      new Promise<{ status: number; connection: string | undefined }>((resolve, reject) => {
        const request = httpRequest(parts[0]!.url, { method: 'PUT', agent, headers: { 'Content-Length': '6000' } }, (response) => {
          response.resume().on('end', () => resolve({ status: response.statusCode ?? 0, connection: response.headers.connection }));
        });
        request.on('socket', (socket) => sockets.add(socket));
        request.on('error', reject);
        request.end(randomBytes(6_000));
      });
    try {
      const answers = [];
      for (let round = 0; round < 3; round += 1) answers.push(...(await Promise.all([put(), put()])));
      expect(answers).toEqual(Array.from({ length: 6 }, () => ({ status: 200, connection: 'keep-alive' })));
      expect(sockets.size).toBeLessThanOrEqual(2);
    } finally {
      agent.destroy();
    }
  });
});

describe('plan storage counts uploads in progress', () => {
  it("admits two 1.9 GB uploads under the Free plan's 5 GB and refuses the third, saying how much is left", async () => {
    const tenant = await signUpActiveTenant(platform, 'reserve');
    const first = await tenant.admin.videos.createUpload({ filename: 'one.mov', size: 1.9 * GB });
    await tenant.admin.videos.createUpload({ filename: 'two.mov', size: 1.9 * GB });
    const refusal = {
      code: 'PAYLOAD_TOO_LARGE',
      message:
        'You have 1.2 GB left of 5 GB (2 uploads in progress hold 3.8 GB) and this file is 1.9 GB; the Free plan stores up to 5 GB. Delete videos you no longer need or unfinished uploads you will not finish, or upgrade to Pro.',
    };
    for (const filename of ['three.mov', 'four.mov', 'five.mov']) await expect(tenant.admin.videos.createUpload({ filename, size: 1.9 * GB })).rejects.toMatchObject(refusal);
    // What still fits is admitted; deleting an unfinished upload gives its space back.
    await tenant.admin.videos.createUpload({ filename: 'small.mov', size: 1.2 * GB });
    await expect(tenant.admin.videos.createUpload({ filename: 'byte.mov', size: 1 })).rejects.toMatchObject({
      code: 'PAYLOAD_TOO_LARGE',
      message: expect.stringMatching(/^You have 0 B left of 5 GB \(3 uploads in progress hold 5 GB\)/),
    });
    await tenant.admin.videos.delete({ videoId: first.videoId });
    await tenant.admin.videos.createUpload({ filename: 'three.mov', size: 1.9 * GB });
  });

  it('stops counting an upload once its deadline has passed, before the worker has swept it', async () => {
    const tenant = await signUpActiveTenant(platform, 'deadline');
    await tenant.admin.videos.createUpload({ filename: 'one.mov', size: 1.9 * GB });
    await tenant.admin.videos.createUpload({ filename: 'two.mov', size: 1.9 * GB });
    // A day and a minute later for the API; on the worker's clock (now) neither upload is due, so none is swept.
    const later = { ...platform.app.deps, clock: new TestClock(new Date(Date.now() + 24 * HOUR_MS + 60_000)) };
    const upload = (filename: string) => createUpload(later, tenant.session.tenantId, { filename, size: 1.9 * GB });
    await upload('three.mov');
    await upload('four.mov');
    await expect(upload('five.mov')).rejects.toMatchObject({ message: expect.stringMatching(/^You have 1.2 GB left of 5 GB \(2 uploads in progress hold 3.8 GB\)/) });
    const rows = await platform.database.db.selectFrom('videos').select('status').where('tenant_id', '=', tenant.session.tenantId).execute();
    expect(rows.map(({ status }) => status)).toEqual(['uploading', 'uploading', 'uploading', 'uploading']);
  });

  it('never lets uploads created at the same moment exceed the plan together', async () => {
    const tenant = await signUpActiveTenant(platform, 'burst');
    const attempts = await Promise.allSettled(Array.from({ length: 6 }, (_, index) => tenant.admin.videos.createUpload({ filename: `burst-${index}.mov`, size: 1.9 * GB })));
    expect(attempts.filter((attempt) => attempt.status === 'fulfilled')).toHaveLength(2);
    for (const attempt of attempts)
      if (attempt.status === 'rejected') expect(attempt.reason).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', message: expect.stringContaining('You have 1.2 GB left of 5 GB') });
    const reserved = await platform.database.db
      .selectFrom('videos')
      .select((eb) => eb.fn.sum<string>('source_size').as('bytes'))
      .where('tenant_id', '=', tenant.session.tenantId)
      .executeTakeFirstOrThrow();
    expect(Number(reserved.bytes)).toBe(3.8 * GB);
  });
});

describe('unfinished uploads expire', () => {
  it('deletes the parts after 24 hours, fails the video with the reason and frees its reserved storage; running again changes nothing', async () => {
    const tenant = await signUpActiveTenant(platform, 'expiry');
    const started = Date.now();
    const abandoned = await tenant.admin.videos.createUpload({ filename: 'abandoned.mov', size: 1.9 * GB });
    expect(abandoned.expiresAt.getTime()).toBeGreaterThanOrEqual(started + 24 * HOUR_MS);
    expect(abandoned.urlsExpireAt.getTime()).toBeLessThanOrEqual(abandoned.expiresAt.getTime());
    const firstPart = abandoned.parts[0]!;
    expect((await putPart(firstPart.url, randomBytes(abandoned.partSize))).status).toBe(200);
    const uploadId = await uploadIdOf(abandoned.videoId);
    expect(await partFilesOf(uploadId)).toEqual(['1', '1.etag']);
    await tenant.admin.videos.createUpload({ filename: 'other.mov', size: 1.9 * GB });
    await expect(tenant.admin.videos.createUpload({ filename: 'third.mov', size: 1.9 * GB })).rejects.toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });

    // A day and a minute pass for this upload (the API's and the worker's clocks stay real: sessions stay valid).
    const dayAndAMinute = sql`interval '24 hours 1 minute'`;
    await platform.database.db
      .updateTable('videos')
      .set({ created_at: sql`created_at - ${dayAndAMinute}`, upload_expires_at: sql`upload_expires_at - ${dayAndAMinute}` })
      .where('id', '=', abandoned.videoId)
      .execute();
    const reason = 'The upload was not finished within 24 hours; upload the file again.';
    // The worker's sweep (every second in tests) finds it.
    const failed = await waitFor(
      async () => {
        const video = await tenant.admin.videos.get({ videoId: abandoned.videoId });
        return video.status === 'failed' ? video : undefined;
      },
      { what: 'the abandoned upload to expire', timeoutMs: 20_000 },
    );
    expect(failed.failureReason).toBe(reason);
    expect(await partFilesOf(uploadId)).toEqual([]);
    // Nothing of it is stored or billed, and its share of the plan is free again.
    const [stored] = await storedBytesByTenant(platform.app.deps, tenant.session.tenantId);
    expect(stored?.sourceBytes).toBe(0);
    await tenant.admin.videos.createUpload({ filename: 'third.mov', size: 1.9 * GB });
    // Whatever the client still holds says why, and stores nothing.
    const { videoId } = abandoned;
    for (const call of [() => tenant.admin.videos.listParts({ videoId }), () => tenant.admin.videos.partUrls({ videoId, partNumbers: [2] }), () => tenant.admin.videos.completeUpload({ videoId })]) {
      await expect(call()).rejects.toMatchObject({ code: 'CONFLICT', message: reason });
    }
    expect((await putPart(firstPart.url, randomBytes(abandoned.partSize))).status).toBe(404);
    expect(await partFilesOf(uploadId)).toEqual([]);
    // Idempotent: another sweep finds nothing due and changes nothing.
    expect(await expireUnfinishedUploads(platform.app.deps)).toEqual({ expired: 0, failed: [] });
    expect((await tenant.admin.videos.get({ videoId: abandoned.videoId })).failureReason).toBe(reason);
  });
});
