// Direct uploads as the two parties see them: the tenant's backend creates, lists, reads and cancels them; a browser
// holding only the id sends one file (resuming the same file, refused another one, refused past the size limit, the
// deadline or a cancellation) and the file becomes a ready video with the backend's settings.
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DomainDeps } from '../../src/domain/deps.js';
import {
  cancelDirectUpload,
  completeDirectUpload,
  createDirectUpload,
  directUploadCorsOrigin,
  directUploadParts,
  directUploadPartUrls,
  directUploadProgress,
  getDirectUpload,
  listDirectUploads,
  startDirectUpload,
} from '../../src/domain/videos/direct-uploads.js';
import { TestClock } from '../support/billing-fixtures.js';
import { makeClip } from '../support/media-fixtures.js';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.js';
import { signUpActiveTenant } from '../support/tenants.js';
import { putPart, readPart } from '../support/upload-file.js';
import { waitFor } from '../support/wait-for.js';

let platform: TestPlatform;
let scratch: string;
let clip: string;
let tenantId: string;
let otherTenantId: string;
let deps: DomainDeps;
let clock: TestClock;

beforeAll(async () => {
  platform = await startTestPlatform();
  await platform.startWorker();
  scratch = await mkdtemp(path.join(tmpdir(), 'ott-direct-'));
  clip = await makeClip(path.join(scratch, 'clip.mp4'), { seconds: 2, width: 320, height: 240 });
  const [acme, other] = await Promise.all([signUpActiveTenant(platform, 'direct'), signUpActiveTenant(platform, 'other')]);
  tenantId = (await acme.admin.tenants.me()).id;
  otherTenantId = (await other.admin.tenants.me()).id;
  clock = new TestClock(new Date());
  deps = { ...platform.app.deps, clock };
});
afterAll(async () => {
  await platform?.close();
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

async function sendParts(ticket: { partSize: number; parts: { partNumber: number; url: string }[] }): Promise<void> {
  for (const part of ticket.parts) {
    const response = await putPart(part.url, await readPart(clip, ticket.partSize, part.partNumber));
    expect(response.status).toBe(200);
  }
}

describe('direct uploads', () => {
  it('takes one file from a browser holding only the id, and the file becomes a ready video with the backend settings', async () => {
    const created = await createDirectUpload(deps, tenantId, { title: 'From the phone', accessMode: 'token', passthrough: 'order-42', corsOrigin: 'HTTPS://Shop.Example.com/' });
    expect(created).toMatchObject({ status: 'waiting', corsOrigin: 'https://shop.example.com', passthrough: 'order-42', videoId: null });
    expect(created.id).toMatch(/^du_[A-Za-z0-9_-]{32}$/);
    expect(await directUploadCorsOrigin(deps, created.id)).toBe('https://shop.example.com');

    const { size } = await stat(clip);
    const ticket = await startDirectUpload(deps, created.id, { filename: 'clip.mp4', size });
    // The browser restarts before sending anything: the same file resumes the same video.
    const again = await startDirectUpload(deps, created.id, { filename: 'clip.mp4', size });
    expect(again.videoId).toBe(ticket.videoId);
    expect((await directUploadProgress(deps, created.id)).video).toMatchObject({ id: ticket.videoId, status: 'uploading' });
    await expect(startDirectUpload(deps, created.id, { filename: 'another.mp4', size: 1000 })).rejects.toThrow(/already receiving another file \(clip\.mp4/);

    await sendParts(ticket);
    expect((await directUploadParts(deps, created.id)).parts).toHaveLength(ticket.partCount);
    // Everything stored: a resume has nothing left to send.
    expect((await startDirectUpload(deps, created.id, { filename: 'clip.mp4', size })).parts).toEqual([]);
    expect(await completeDirectUpload(deps, created.id)).toEqual({ videoId: ticket.videoId, status: 'queued' });
    // Retried completion: harmless.
    expect((await completeDirectUpload(deps, created.id)).videoId).toBe(ticket.videoId);

    await waitFor(async () => ((await directUploadProgress(deps, created.id)).video?.status === 'ready' ? true : undefined), { what: 'the video to be ready', timeoutMs: 60_000 });
    const video = await platform.app.deps.db.selectFrom('videos').selectAll().where('id', '=', ticket.videoId).executeTakeFirstOrThrow();
    expect(video).toMatchObject({ tenant_id: tenantId, title: 'From the phone', access_mode: 'token' });
    expect(await getDirectUpload(deps, tenantId, created.id)).toMatchObject({ status: 'completed', videoId: ticket.videoId });

    // Used up: a second video is refused, and so are more parts.
    await expect(startDirectUpload(deps, created.id, { filename: 'second.mp4', size })).rejects.toThrow(/already receiving another file|already been used/);
    await expect(directUploadPartUrls(deps, created.id, [1])).rejects.toThrow(/complete: nothing more to send/);
    await expect(cancelDirectUpload(deps, tenantId, created.id)).rejects.toThrow(/Delete the video instead/);
  });

  it('refuses a file over its limit, past its deadline, or after a cancellation, saying so', async () => {
    const small = await createDirectUpload(deps, tenantId, { maxSizeBytes: 1000 });
    await expect(startDirectUpload(deps, small.id, { filename: 'big.mp4', size: 5000 })).rejects.toMatchObject({ kind: 'limit', message: expect.stringMatching(/accepts files up to 1 kB/i) });

    const short = await createDirectUpload(deps, tenantId, { expiresInSeconds: 60 });
    clock.advance(61_000);
    expect((await getDirectUpload(deps, tenantId, short.id)).status).toBe('expired');
    await expect(startDirectUpload(deps, short.id, { filename: 'late.mp4', size: 100 })).rejects.toMatchObject({
      kind: 'conflict',
      message: expect.stringMatching(/expired at .* Ask the site for a new upload/),
    });

    const cancelled = await createDirectUpload(deps, tenantId, {});
    await cancelDirectUpload(deps, tenantId, cancelled.id);
    await expect(startDirectUpload(deps, cancelled.id, { filename: 'x.mp4', size: 100 })).rejects.toThrow(/cancelled by the site/);

    // Started, then cancelled: the unfinished video goes, and the browser's next call is refused.
    const started = await createDirectUpload(deps, tenantId, {});
    const ticket = await startDirectUpload(deps, started.id, { filename: 'clip.mp4', size: (await stat(clip)).size });
    await cancelDirectUpload(deps, tenantId, started.id);
    await expect(directUploadPartUrls(deps, started.id, [1])).rejects.toThrow(/cancelled by the site/);
    expect(await platform.app.deps.db.selectFrom('videos').select('id').where('id', '=', ticket.videoId).executeTakeFirst()).toBeUndefined();

    await expect(startDirectUpload(deps, 'du_' + 'x'.repeat(32), { filename: 'x.mp4', size: 1 })).rejects.toMatchObject({ kind: 'not-found' });
    await expect(startDirectUpload(deps, "du_' or 1=1 --", { filename: 'x.mp4', size: 1 })).rejects.toMatchObject({ kind: 'not-found' });
  });

  it('checks what the backend asks for', async () => {
    await expect(createDirectUpload(deps, tenantId, { maxSizeBytes: 10e12 })).rejects.toMatchObject({ kind: 'limit', message: expect.stringMatching(/plan accepts files up to/) });
    await expect(createDirectUpload(deps, tenantId, { expiresInSeconds: 8 * 24 * 3600 })).rejects.toThrow(/7 days/);
    await expect(createDirectUpload(deps, tenantId, { corsOrigin: 'https://*.example.com' })).rejects.toThrow(/corsOrigin: .* wildcard/);
    await expect(createDirectUpload(deps, tenantId, { passthrough: 'x'.repeat(1025) })).rejects.toThrow(/passthrough is 1025 bytes/);
  });

  it('lists a tenant its own, newest first, a page at a time, and never another tenant', async () => {
    const ids: string[] = [];
    for (let index = 0; index < 3; index += 1) {
      clock.advance(1000);
      ids.unshift((await createDirectUpload(deps, otherTenantId, { passthrough: `n${index}` })).id);
    }
    const first = await listDirectUploads(deps, otherTenantId, { limit: 2 });
    expect(first.data.map((upload) => upload.id)).toEqual(ids.slice(0, 2));
    const second = await listDirectUploads(deps, otherTenantId, { limit: 2, cursor: first.nextCursor ?? '' });
    expect(second).toEqual({ data: [expect.objectContaining({ id: ids[2] })], nextCursor: null });
    await expect(getDirectUpload(deps, tenantId, ids[0] ?? '')).rejects.toMatchObject({ kind: 'not-found' });
    await expect(cancelDirectUpload(deps, tenantId, ids[0] ?? '')).rejects.toMatchObject({ kind: 'not-found' });
    expect((await listDirectUploads(deps, tenantId, { limit: 100 })).data.map((upload) => upload.id)).not.toContain(ids[0]);
  });
});
