// Faults over real processes: PostgreSQL restarting under load, the control plane killed mid-upload, and
// workers killed at random points of several transcodes. `npm run soak` runs the longer versions.
import { execFile, spawn } from 'node:child_process';
import { statSync } from 'node:fs';
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { startEmbeddedPostgres, type RunningPostgres } from '@ott/control-plane/internals/embedded-postgres';
import { makeClip } from '@ott/control-plane/test-support/media-fixtures';
import { readPart } from '@ott/control-plane/test-support/upload-file';
import { waitFor } from '@ott/control-plane/test-support/wait-for';
import { apiClient, type ApiClient } from '../support/api-client.js';
import { startPlatformProcesses, type PlatformProcesses } from '../support/platform-processes.js';

const soak = process.env.OTT_SOAK === '1';
const ottBin = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../packages/cli/bin/ott.mjs');

let dataDir: string;
let postgres: RunningPostgres;
let platform: PlatformProcesses;
let api: ApiClient;

// Its own PostgreSQL: this file stops and starts it, which must not touch the server other tests share.
beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'ott-faults-'));
  postgres = await startEmbeddedPostgres(path.join(dataDir, 'pg'));
  platform = await startPlatformProcesses({ databaseUrl: postgres.connectionString, dataDir, env: { OTT_X264_PRESET: 'ultrafast', OTT_JOB_STALE_SECONDS: '3' } });
  const session = await apiClient(platform.apiUrl).tenants.signup.mutate({ companyName: 'Faulty', slug: 'faulty', email: 'owner@faulty.example', password: 'a long enough password' });
  api = apiClient(platform.apiUrl, session.accessToken);
  await waitFor(async () => ((await api.tenants.me.query()).status === 'active' ? true : undefined), { what: 'provisioning' });
});
afterAll(async () => {
  await platform?.stop();
  await postgres?.stop();
  await rm(dataDir, { recursive: true, force: true });
});

const sha256 = (file: string) =>
  new Promise<string>((resolve, reject) => {
    const hash = createHash('sha256');
    createReadStream(file)
      .on('data', (chunk) => hash.update(chunk))
      .on('end', () => resolve(hash.digest('hex')))
      .on('error', reject);
  });

describe('PostgreSQL restarts under load', () => {
  it('answers 503 with a clear message while it is down, and recovers by itself', async () => {
    const { accessToken } = await signIn();
    const statuses: number[] = [];
    const messages = new Set<string>();
    let running = true;
    const load = Promise.all(
      Array.from({ length: 8 }, async () => {
        while (running) {
          const response = await fetch(`${platform.apiUrl}/trpc/videos.list`, { headers: { authorization: `Bearer ${accessToken}` } }).catch(() => undefined);
          if (response) {
            statuses.push(response.status);
            if (response.status >= 500) messages.add(((await response.json()) as { error: { message: string } }).error.message);
            else await response.arrayBuffer();
          }
          await new Promise((resolve) => setTimeout(resolve, 10));
        }
      }),
    );
    const health = async () => (await fetch(`${platform.apiUrl}/healthz`)).status;
    await waitFor(async () => (statuses.length > 20 ? true : undefined), { what: 'load to start' });
    expect(statuses.every((status) => status === 200)).toBe(true);

    await postgres.stop();
    await waitFor(async () => ((await health()) === 503 ? true : undefined), { what: '503 while PostgreSQL is down', timeoutMs: 15_000 });
    const downAt = statuses.length;
    await waitFor(async () => (statuses.length > downAt + 20 ? true : undefined), { what: 'requests while down' });

    postgres = await startEmbeddedPostgres(path.join(dataDir, 'pg'));
    await waitFor(async () => ((await health()) === 200 ? true : undefined), { what: 'recovery', timeoutMs: 30_000 });
    const upAt = statuses.length;
    await waitFor(async () => (statuses.length > upAt + 20 ? true : undefined), { what: 'requests after recovery' });
    running = false;
    await load;

    expect(statuses.filter((status) => status !== 200 && status !== 503)).toEqual([]);
    expect(statuses.slice(downAt, downAt + 20).every((status) => status === 503)).toBe(true);
    expect(statuses.slice(-10).every((status) => status === 200)).toBe(true);
    expect([...messages]).toEqual(['The service is briefly unavailable. Retry in a few seconds.']);
    await signIn();
  });
});

describe('the control plane killed mid-upload', () => {
  it('lets the client resume, and the stored original is byte-identical', async () => {
    const file = path.join(dataDir, 'big-upload.bin');
    await writeFile(file, randomBytes((soak ? 200 : 48) * 1024 * 1024));
    const env = { ...process.env, OTT_API: platform.apiUrl, OTT_CONFIG_DIR: path.join(dataDir, 'cli'), OTT_PASSWORD: 'a long enough password' };
    await promisify(execFile)(process.execPath, [ottBin, 'login', '--tenant', 'faulty', '--email', 'owner@faulty.example'], { env });

    const first = spawn(process.execPath, [ottBin, 'upload', file, '--concurrency', '1'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    const firstExit = new Promise<number | null>((resolve) => first.once('exit', resolve));
    const db = new pg.Client(postgres.connectionString);
    await db.connect();
    const storedParts = async () => {
      const { rows } = await db.query<{ id: string; source_key: string; upload_id: string | null }>(`select id, source_key, upload_id from videos where source_filename = 'big-upload.bin'`);
      const row = rows[0];
      if (!row?.upload_id) return 0;
      return (await readdir(path.join(dataDir, 'store', '.uploads', row.upload_id)).catch(() => [] as string[])).filter((name) => /^\d+$/.test(name)).length;
    };
    await waitFor(async () => ((await storedParts()) >= 2 ? true : undefined), { what: 'a few parts to arrive', timeoutMs: 60_000, intervalMs: 50 });
    await platform.kill('api', 'SIGKILL');
    first.kill('SIGKILL');
    await firstExit;
    await platform.start('api');

    const resumed = await promisify(execFile)(process.execPath, [ottBin, 'upload', file], { env });
    expect(resumed.stdout + resumed.stderr).toMatch(/Resuming video .*: [1-9]\d* of \d+ parts already stored/);
    const { rows } = await db.query<{ source_key: string; status: string }>(`select source_key, status from videos where source_filename = 'big-upload.bin'`);
    await db.end();
    expect(rows).toHaveLength(1);
    expect(await sha256(path.join(dataDir, 'store', rows[0]!.source_key))).toBe(await sha256(file));
  });
});

describe('workers killed at random points of several transcodes', () => {
  it(`ends every video ready, with no duplicate renditions`, async () => {
    const count = soak ? 10 : 3;
    const clip = await makeClip(path.join(dataDir, 'clip.mp4'), { seconds: soak ? 12 : 6, width: 1280, height: 720 });
    const admin = apiClient(platform.apiUrl, (await signIn()).accessToken);
    const videoIds: string[] = [];
    for (let index = 0; index < count; index += 1) {
      const ticket = await admin.videos.createUpload.mutate({ filename: `clip-${index}.mp4`, size: statSync(clip).size });
      for (const part of ticket.parts) {
        await fetch(part.url, { method: 'PUT', body: new Uint8Array(await readPart(clip, ticket.partSize, part.partNumber)) });
      }
      await admin.videos.completeUpload.mutate({ videoId: ticket.videoId });
      videoIds.push(ticket.videoId);
    }
    let kills = 0;
    const killer = (async () => {
      // Kill at random moments while work remains: after 1–4 s of a running transcode.
      while (kills < (soak ? 8 : 2)) {
        const videos = await Promise.all(videoIds.map((videoId) => admin.videos.get.query({ videoId })));
        if (videos.every((video) => video.status === 'ready' || video.status === 'failed')) return;
        if (videos.some((video) => video.status === 'processing')) {
          await new Promise((resolve) => setTimeout(resolve, 1000 + Math.random() * 3000));
          await platform.kill('worker', 'SIGKILL');
          kills += 1;
          await platform.start('worker');
        }
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    })();
    const settled = await waitFor(
      async () => {
        const videos = await Promise.all(videoIds.map((videoId) => admin.videos.get.query({ videoId })));
        return videos.every((video) => video.status === 'ready' || video.status === 'failed') ? videos : undefined;
      },
      { what: 'every transcode to finish', timeoutMs: soak ? 900_000 : 200_000, intervalMs: 500 },
    );
    await killer;
    expect(kills).toBeGreaterThan(0);
    expect(settled.map((video) => video.status)).toEqual(videoIds.map(() => 'ready'));
    const db = new pg.Client(postgres.connectionString);
    await db.connect();
    const { rows } = await db.query<{ video_id: string; renditions: string; distinct_names: string }>(
      `select video_id, count(*) as renditions, count(distinct name) as distinct_names from renditions where video_id = any($1) group by video_id`,
      [videoIds],
    );
    await db.end();
    expect(rows).toHaveLength(count);
    expect(rows.every((row) => row.renditions === row.distinct_names && Number(row.renditions) === 3)).toBe(true);
    console.log(`faults: ${count} transcodes, ${kills} worker kills, all ready, no duplicate renditions`);
  });
});

async function signIn() {
  return apiClient(platform.apiUrl).auth.login.mutate({ tenantSlug: 'faulty', email: 'owner@faulty.example', password: 'a long enough password' });
}
