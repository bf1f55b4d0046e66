// QoE reports from players: one row per session holding the latest running totals (late or repeated beacons
// change nothing), bounded inputs, a per-session rate limit, the text/plain /qoe route sendBeacon uses, the
// admin summary; and the /sdk route that serves the script-tag bundle.
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiServer } from '../../src/api/http-server.js';
import { listen } from '../../src/bin/process-lifecycle.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { createTestDatabase } from '../support/test-database.js';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.js';
import { signUpActiveTenant } from '../support/tenants.js';

let platform: TestPlatform;
let tenant: Awaited<ReturnType<typeof signUpActiveTenant>>;
let videoId: string;
let otherVideoId: string;

const report = (overrides: Partial<{ sessionId: string; videoId: string; startupMs: number | null; rebufferMs: number; rebufferCount: number; bitrateSwitches: number; errors: number; watchedSeconds: number }> = {}) => ({
  sessionId: randomUUID(),
  videoId,
  startupMs: 420,
  rebufferMs: 0,
  rebufferCount: 0,
  bitrateSwitches: 0,
  errors: 0,
  watchedSeconds: 10,
  ...overrides,
});

const row = (sessionId: string) => platform.app.deps.db.selectFrom('playback_sessions').selectAll().where('session_id', '=', sessionId).executeTakeFirst();

beforeAll(async () => {
  platform = await startTestPlatform();
  await platform.startWorker();
  tenant = await signUpActiveTenant(platform, 'qoe');
  // Rows only need the video to exist; nothing has to be transcoded.
  videoId = (await tenant.admin.videos.createUpload({ filename: 'a.mp4', size: 100 })).videoId;
  otherVideoId = (await tenant.admin.videos.createUpload({ filename: 'b.mp4', size: 100 })).videoId;
});
afterAll(() => platform?.close());

describe('qoe.report', () => {
  it('keeps one row per session with the newest totals; a late, smaller report lowers nothing', async () => {
    const first = report({ startupMs: 640, watchedSeconds: 12, rebufferMs: 300, rebufferCount: 1 });
    await platform.caller().qoe.report(first);
    await platform.caller().qoe.report({ ...first, startupMs: 9_999, watchedSeconds: 40, rebufferMs: 900, rebufferCount: 2, bitrateSwitches: 3, errors: 1 });
    await platform.caller().qoe.report({ ...first, watchedSeconds: 20, rebufferMs: 300 });
    expect(await row(first.sessionId)).toMatchObject({ tenant_id: tenant.session.tenantId, video_id: videoId, startup_ms: 640, watched_seconds: 40, rebuffer_ms: 900, rebuffer_count: 2, bitrate_switches: 3, errors: 1 });
  });

  it('never moves a session to another video', async () => {
    const mine = report();
    await platform.caller().qoe.report(mine);
    await platform.caller().qoe.report({ ...mine, videoId: otherVideoId, watchedSeconds: 500 });
    expect(await row(mine.sessionId)).toMatchObject({ video_id: videoId, watched_seconds: 10 });
  });

  it('refuses unknown videos and numbers no real session reaches', async () => {
    await expect(platform.caller().qoe.report(report({ videoId: randomUUID() }))).rejects.toMatchObject({ code: 'NOT_FOUND' });
    for (const bad of [{ startupMs: -1 }, { rebufferCount: 1.5 }, { watchedSeconds: 10 ** 9 }, { errors: 1e6 }]) {
      await expect(platform.caller().qoe.report(report(bad)), JSON.stringify(bad)).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    }
    await expect(platform.caller().qoe.report({ ...report(), sessionId: 'not-a-uuid' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });

  it('limits one session to a dozen reports a minute', async () => {
    const chatty = report();
    for (let i = 0; i < 12; i += 1) await platform.caller().qoe.report({ ...chatty, watchedSeconds: i });
    await expect(platform.caller().qoe.report(chatty)).rejects.toMatchObject({ code: 'TOO_MANY_REQUESTS' });
    // Other sessions are not held back by it.
    await platform.caller().qoe.report(report());
  });
});

describe('POST /qoe (navigator.sendBeacon)', () => {
  it('stores a text/plain beacon and answers 204, with CORS for any site', async () => {
    const beacon = report({ startupMs: 777 });
    const response = await fetch(`${platform.apiUrl}/qoe`, { method: 'POST', body: JSON.stringify(beacon), headers: { 'Content-Type': 'text/plain;charset=UTF-8', Origin: 'https://tenant-site.example' } });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(await row(beacon.sessionId)).toMatchObject({ startup_ms: 777 });
  });

  it('answers broken beacons with a status and a reason', async () => {
    const post = (body: string) => fetch(`${platform.apiUrl}/qoe`, { method: 'POST', body, headers: { 'Content-Type': 'text/plain' } });
    expect((await post('{not json')).status).toBe(400);
    const invalid = await post(JSON.stringify({ ...report(), rebufferMs: -5 }));
    expect(invalid.status).toBe(400);
    expect(((await invalid.json()) as { error: { message: string } }).error.message).toMatch(/rebufferMs/);
    expect((await post('x'.repeat(10_000))).status).toBe(413);
    expect((await fetch(`${platform.apiUrl}/qoe`)).status).toBe(405);
  });
});

describe('qoe.summary', () => {
  it('gives plays, the median start-up and the rebuffer ratio of one video', async () => {
    const video = (await tenant.admin.videos.createUpload({ filename: 'c.mp4', size: 100 })).videoId;
    for (const [startupMs, rebufferMs, watchedSeconds] of [
      [100, 0, 30],
      [300, 2_000, 30],
      [200, 1_000, 30],
      [null, 0, 0],
    ] as const) {
      await platform.caller().qoe.report(report({ videoId: video, startupMs, rebufferMs, watchedSeconds, rebufferCount: rebufferMs > 0 ? 1 : 0 }));
    }
    const summary = await tenant.admin.qoe.summary({ videoId: video });
    expect(summary).toMatchObject({ videoId: video, plays: 3, sessions: 4, medianStartupMs: 200, rebufferCount: 2, watchedSeconds: 90 });
    expect(summary.rebufferRatio).toBeCloseTo(3_000 / (3_000 + 90_000), 6);
  });

  it('reads as empty for a video nobody watched', async () => {
    const video = (await tenant.admin.videos.createUpload({ filename: 'd.mp4', size: 100 })).videoId;
    expect(await tenant.admin.qoe.summary({ videoId: video })).toMatchObject({ plays: 0, sessions: 0, medianStartupMs: null, rebufferRatio: 0 });
  });
});

describe('GET /sdk/ott-player.js', () => {
  let sdkDir: string;
  let server: Server;
  let base: string;

  beforeAll(async () => {
    sdkDir = await mkdtemp(path.join(tmpdir(), 'ott-sdk-'));
    server = createApiServer({ deps: platform.app.deps, sdkDir });
    base = `http://127.0.0.1:${await listen(server, 0, '127.0.0.1')}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await rm(sdkDir, { recursive: true, force: true });
  });

  it('says how to build the SDK when it is not built, and serves nothing else from the folder', async () => {
    const missing = await fetch(`${base}/sdk/ott-player.js`);
    expect(missing.status).toBe(404);
    expect(await missing.text()).toMatch(/pnpm --filter @ott\/player-sdk build/);
    await writeFile(path.join(sdkDir, 'secret.txt'), 'no');
    expect((await fetch(`${base}/sdk/secret.txt`)).status).toBe(404);
    expect((await fetch(`${base}/sdk/..%2Fsecret.txt`)).status).toBe(404);
  });

  it('serves the bundle gzipped to any site, revalidated by ETag', async () => {
    const bundle = `(function(){window.OttPlayer={};${'/* padding */'.repeat(200)}})();`;
    await writeFile(path.join(sdkDir, 'ott-player.js'), bundle);
    const response = await fetch(`${base}/sdk/ott-player.js`, { headers: { 'Accept-Encoding': 'gzip' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(response.headers.get('content-encoding')).toBe('gzip');
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
    // fetch decodes the gzip body.
    expect(await response.text()).toBe(bundle);
    const etag = response.headers.get('etag');
    expect(etag).toMatch(/^"[0-9a-z]+-[0-9a-z]+"$/);
    expect((await fetch(`${base}/sdk/ott-player.js`, { headers: { 'If-None-Match': etag ?? '' } })).status).toBe(304);
  });
});

describe('migration 0005 on a database that already has row-level security', () => {
  it('puts playback_sessions behind the same tenant policy as every other tenant table', async () => {
    const database = await createTestDatabase();
    try {
      const policies = () => sql<{ tablename: string }>`select tablename from pg_policies where policyname = 'tenant_isolation' and tablename = 'playback_sessions'`.execute(database.db);
      expect((await policies()).rows).toHaveLength(1);
      // As on a developer's database that ran 0007 before 0005 was written.
      await sql`drop table playback_sessions`.execute(database.db);
      await sql`delete from kysely_migration where name = '0005-playback-qoe'`.execute(database.db);
      await migrateToLatest(database.db);
      expect((await policies()).rows).toHaveLength(1);
    } finally {
      await database.drop();
    }
  });
});
