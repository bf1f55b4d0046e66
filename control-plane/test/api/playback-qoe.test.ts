// QoE reports from players: only a playback session a grant opened may report, only for its own video and only
// while it lasts; a stranger (no session, a forged one, another video's, an expired one) writes nothing. One row
// per session holding the latest running totals (late or repeated beacons change nothing), bounded by the
// session's own age, a per-session rate limit and a report count that holds across API processes; renewing a
// grant keeps the session; the text/plain /qoe route sendBeacon uses; the admin summary; and the /sdk route that
// serves the script-tag bundle.
import { createHmac, hkdfSync, randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCaller } from '../../src/api/app-router.js';
import { createContextInner } from '../../src/api/context.js';
import { createApiServer } from '../../src/api/http-server.js';
import { RateLimiter } from '../../src/api/rate-limiter.js';
import { listen } from '../../src/bin/process-lifecycle.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { TestClock } from '../support/billing-fixtures.js';
import { createTestDatabase } from '../support/test-database.js';
import { testLogger } from '../support/test-logger.js';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.js';
import { signUpActiveTenant } from '../support/tenants.js';

let platform: TestPlatform;
let tenant: Awaited<ReturnType<typeof signUpActiveTenant>>;
let videoId: string;
let otherVideoId: string;

type Totals = { startupMs: number | null; rebufferMs: number; rebufferCount: number; bitrateSwitches: number; errors: number; watchedSeconds: number };

const report = (playbackSession: string, overrides: Partial<Totals & { videoId: string }> = {}) => ({
  playbackSession,
  videoId,
  startupMs: 420,
  rebufferMs: 0,
  rebufferCount: 0,
  bitrateSwitches: 0,
  errors: 0,
  watchedSeconds: 10,
  ...overrides,
});

/** The session id a token names: what the row is keyed by. */
const idOf = (playbackSession: string) => playbackSession.slice(0, playbackSession.indexOf('.'));
const row = (playbackSession: string) => platform.app.deps.db.selectFrom('playback_sessions').selectAll().where('session_id', '=', idOf(playbackSession)).executeTakeFirst();
const rowsOf = async (video: string) =>
  Number(
    (
      await platform.app.deps.db
        .selectFrom('playback_sessions')
        .select((eb) => eb.fn.countAll<string>().as('rows'))
        .where('video_id', '=', video)
        .executeTakeFirstOrThrow()
    ).rows,
  );

/** A caller with its own clock and rate limiter (another API process, at another moment). */
const callerAt = (clock: TestClock) =>
  createCaller(createContextInner({ ...platform.app.deps, clock }, undefined, { playbackRows: platform.app.playbackRows, rateLimiter: new RateLimiter(() => clock.now().getTime()) }));

/** A new session for the video, as the player gets it with its grant. */
const session = async (video = videoId, caller = platform.caller()) => (await caller.playback.authorize({ videoId: video })).playbackSession;

/** An uploaded video marked ready, so it can be authorised (nothing has to be transcoded for QoE rows). */
async function playableVideo(filename: string): Promise<string> {
  const { videoId: id } = await tenant.admin.videos.createUpload({ filename, size: 100 });
  const assets = {
    masterPlaylist: 'master.m3u8',
    poster: 'poster.jpg',
    thumbnails: [],
    storyboard: { image: 'storyboard.jpg', vtt: 'storyboard.vtt', intervalSeconds: 2, tileWidth: 160, tileHeight: 90 },
  };
  await platform.app.deps.db
    .updateTable('videos')
    .set({ status: 'ready', assets: JSON.stringify(assets) })
    .where('id', '=', id)
    .execute();
  return id;
}

beforeAll(async () => {
  platform = await startTestPlatform();
  await platform.startWorker();
  tenant = await signUpActiveTenant(platform, 'qoe');
  videoId = await playableVideo('a.mp4');
  otherVideoId = await playableVideo('b.mp4');
});
afterAll(() => platform?.close());

describe('playback.authorize opens a playback session', () => {
  it('signs a new session for every viewer, bound to the tenant and video, and a renewal that passes it back keeps it', async () => {
    // One moment for both, so both fall in one grant (expiry is rounded to the minute).
    const clock = new TestClock(new Date());
    const first = await callerAt(clock).playback.authorize({ videoId });
    const second = await callerAt(clock).playback.authorize({ videoId });
    expect(first.playbackSession).toMatch(/^[0-9a-f-]{36}\.[A-Za-z0-9_-]+$/);
    expect(idOf(second.playbackSession)).not.toBe(idOf(first.playbackSession));
    // Everything else is the one answer every viewer of this grant shares.
    expect({ ...second, playbackSession: '' }).toEqual({ ...first, playbackSession: '' });

    const renewed = await platform.caller().playback.authorize({ videoId, playbackSession: first.playbackSession });
    expect(idOf(renewed.playbackSession)).toBe(idOf(first.playbackSession));
    // Another video's session, or a made-up one, is not continued; playback is never refused over it.
    const elsewhere = await platform.caller().playback.authorize({ videoId: otherVideoId, playbackSession: first.playbackSession });
    expect(idOf(elsewhere.playbackSession)).not.toBe(idOf(first.playbackSession));
    const forged = `${idOf(first.playbackSession)}.${randomBytes(61).toString('base64url')}`;
    expect(idOf((await platform.caller().playback.authorize({ videoId, playbackSession: forged })).playbackSession)).not.toBe(idOf(first.playbackSession));
  });

  it('gives each HTTP caller its own session in an otherwise identical answer, on the fast route and through tRPC', async () => {
    const post = async (url: string, body: unknown) =>
      (await (await fetch(url, { method: 'POST', body: JSON.stringify(body), headers: { 'Content-Type': 'application/json' } })).json()) as { result: { data: Record<string, unknown> } }[] & {
        result: { data: Record<string, unknown> };
      };
    const fast = [await post(`${platform.apiUrl}/trpc/playback.authorize`, { videoId }), await post(`${platform.apiUrl}/trpc/playback.authorize`, { videoId })].map((answer) => answer.result.data);
    const [batched] = await post(`${platform.apiUrl}/trpc/playback.authorize?batch=1`, { 0: { videoId } });
    const answers = [...fast, batched!.result.data];
    expect(new Set(answers.map((answer) => idOf(String(answer.playbackSession)))).size).toBe(3);
    for (const answer of answers) {
      // The same fields in the same order (the grant itself may differ if a minute turned between the calls).
      expect(Object.keys(answer)).toEqual(Object.keys(answers[0]!));
      expect(Object.keys(answer).at(-1)).toBe('playbackSession');
      expect(answer).toMatchObject({ videoId, manifestUrl: answers[0]!.manifestUrl, title: answers[0]!.title });
      await platform.caller().qoe.report(report(String(answer.playbackSession)));
      expect(await row(String(answer.playbackSession))).toMatchObject({ video_id: videoId });
    }
  });
});

describe('qoe.report', () => {
  it('keeps one row per session with the newest totals; a late, smaller report lowers nothing', async () => {
    const mine = await session();
    await platform.caller().qoe.report(report(mine, { startupMs: 640, watchedSeconds: 12, rebufferMs: 300, rebufferCount: 1 }));
    await platform.caller().qoe.report(report(mine, { startupMs: 9_999, watchedSeconds: 40, rebufferMs: 900, rebufferCount: 2, bitrateSwitches: 3, errors: 1 }));
    await platform.caller().qoe.report(report(mine, { startupMs: 640, watchedSeconds: 20, rebufferMs: 300, rebufferCount: 1 }));
    expect(await row(mine)).toMatchObject({
      tenant_id: tenant.session.tenantId,
      video_id: videoId,
      startup_ms: 640,
      watched_seconds: 40,
      rebuffer_ms: 900,
      rebuffer_count: 2,
      bitrate_switches: 3,
      errors: 1,
      reports: 3,
    });
  });

  it('writes nothing for a stranger: no session, a forged one, another video’s, one from another installation, or one long over', async () => {
    const before = [await rowsOf(videoId), await rowsOf(otherVideoId)];
    // The report as it was before sessions: a player-chosen id is no proof of anything.
    const { playbackSession: _none, ...unsigned } = report('');
    await expect(platform.caller().qoe.report({ ...unsigned, sessionId: randomUUID() } as never)).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('playbackSession') });

    const genuine = await session();
    const [id, body] = genuine.split('.') as [string, string];
    const flipped = Buffer.from(body, 'base64url');
    flipped[5] = flipped[5]! ^ 1;
    for (const forged of [`${randomUUID()}.${body}`, `${id}.${flipped.toString('base64url')}`, `${id}.${randomBytes(61).toString('base64url')}`, 'not a session', id]) {
      await expect(platform.caller().qoe.report(report(forged)), forged).rejects.toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining('not issued by this platform') });
    }
    // Signed, but by another installation's secret.
    const elsewhere = await session(videoId, createCaller(createContextInner({ ...platform.app.deps, authSecret: randomBytes(32) }, undefined, { playbackRows: platform.app.playbackRows })));
    await expect(platform.caller().qoe.report(report(elsewhere))).rejects.toMatchObject({ code: 'FORBIDDEN' });
    // Genuine, for another video: neither video gets a row from it.
    await expect(platform.caller().qoe.report(report(genuine, { videoId: otherVideoId }))).rejects.toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining('another video') });
    // Genuine, but its grant ended more than an hour ago (ten-minute grants: issued three hours ago).
    const old = await session(videoId, callerAt(new TestClock(new Date(Date.now() - 3 * 3_600_000))));
    await expect(platform.caller().qoe.report(report(old))).rejects.toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining('has ended') });

    expect([await rowsOf(videoId), await rowsOf(otherVideoId)]).toEqual(before);
    expect(await row(genuine)).toBeUndefined();
  });

  it('still takes a report a while after the grant ended: the last beacon of a page closed late', async () => {
    const clock = new TestClock(new Date());
    const late = await session(videoId, callerAt(clock));
    clock.advance(50 * 60_000);
    await callerAt(clock).qoe.report(report(late, { watchedSeconds: 1_200 }));
    expect(await row(late)).toMatchObject({ video_id: videoId, watched_seconds: 1_200 });
  });

  it('bounds the totals by the session’s age: nothing claims more watching, stalling or events than the session had time for', async () => {
    const clock = new TestClock(new Date());
    const fresh = await session(videoId, callerAt(clock));
    clock.advance(1_000);
    await callerAt(clock).qoe.report(report(fresh, { startupMs: 600_000, rebufferMs: 86_400_000, rebufferCount: 100_000, bitrateSwitches: 100_000, errors: 10_000, watchedSeconds: 86_400 }));
    const capped = await row(fresh);
    // One second in: at most the slack (30 s), at twice the speed for watching, and 30 events plus one a second.
    expect(capped).toMatchObject({ startup_ms: 31_000, rebuffer_ms: 31_000, rebuffer_count: 31, bitrate_switches: 31, errors: 31, watched_seconds: 62 });

    // Ten minutes later a real viewer's totals pass untouched.
    clock.advance(10 * 60_000);
    await callerAt(clock).qoe.report(report(fresh, { startupMs: 900, rebufferMs: 4_000, rebufferCount: 3, bitrateSwitches: 4, errors: 1, watchedSeconds: 590 }));
    expect(await row(fresh)).toMatchObject({ startup_ms: 31_000, rebuffer_ms: 31_000, rebuffer_count: 31, bitrate_switches: 31, errors: 31, watched_seconds: 590 });
  });

  it('keeps a renewed session’s age from its first grant, so a long watch is not cut at the renewal', async () => {
    const clock = new TestClock(new Date());
    const first = await session(videoId, callerAt(clock));
    clock.advance(9 * 60_000);
    const renewed = (await callerAt(clock).playback.authorize({ videoId, playbackSession: first })).playbackSession;
    clock.advance(9 * 60_000);
    await callerAt(clock).qoe.report(report(renewed, { watchedSeconds: 18 * 60 }));
    expect(await row(first)).toMatchObject({ watched_seconds: 18 * 60, reports: 1 });
  });

  it('limits one session to a dozen reports a minute in each process, and to what its age allows across all of them', async () => {
    const chatty = await session();
    for (let i = 0; i < 12; i += 1) await platform.caller().qoe.report(report(chatty, { watchedSeconds: i }));
    await expect(platform.caller().qoe.report(report(chatty))).rejects.toMatchObject({
      code: 'TOO_MANY_REQUESTS',
      retryAfterSeconds: expect.any(Number),
      message: expect.stringMatching(/^Too many reports for this playback session\. Wait \d+ s/),
    });
    // Other sessions are not held back by it.
    await platform.caller().qoe.report(report(await session()));

    // Every report through another process (its own in-memory limiter): the database's count still holds.
    const clock = new TestClock(new Date());
    const spread = await session(videoId, callerAt(clock));
    for (let i = 0; i < 30; i += 1) await callerAt(clock).qoe.report(report(spread, { watchedSeconds: i }));
    // One more report is admitted for every 5 s of the session's age: the wait the refusal names.
    await expect(callerAt(clock).qoe.report(report(spread, { watchedSeconds: 40 }))).rejects.toMatchObject({
      code: 'TOO_MANY_REQUESTS',
      retryAfterSeconds: 5,
      message: 'Too many reports for this playback session. Wait 5 s; report at most every 30 s.',
    });
    clock.advance(5_000);
    await callerAt(clock).qoe.report(report(spread, { watchedSeconds: 35 }));
    await expect(callerAt(clock).qoe.report(report(spread, { watchedSeconds: 40 }))).rejects.toMatchObject({ code: 'TOO_MANY_REQUESTS', retryAfterSeconds: 5 });
    expect(await row(spread)).toMatchObject({ reports: 31, watched_seconds: 35 });
    clock.advance(60_000);
    await callerAt(clock).qoe.report(report(spread, { watchedSeconds: 40 }));
    expect(await row(spread)).toMatchObject({ reports: 32, watched_seconds: 40 });
  });

  it('refuses numbers no real session reaches', async () => {
    const mine = await session();
    for (const bad of [{ startupMs: -1 }, { rebufferCount: 1.5 }, { watchedSeconds: 10 ** 9 }, { errors: 1e6 }]) {
      await expect(platform.caller().qoe.report(report(mine, bad)), JSON.stringify(bad)).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    }
    await expect(platform.caller().qoe.report(report(mine, { videoId: 'not-a-uuid' }))).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });
});

describe('POST /qoe (navigator.sendBeacon)', () => {
  const post = (body: string) => fetch(`${platform.apiUrl}/qoe`, { method: 'POST', body, headers: { 'Content-Type': 'text/plain;charset=UTF-8', Origin: 'https://tenant-site.example' } });

  it('stores a text/plain beacon and answers 204, with CORS for any site', async () => {
    const mine = await session();
    const response = await post(JSON.stringify(report(mine, { startupMs: 777 })));
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(await row(mine)).toMatchObject({ startup_ms: 777 });
  });

  it('answers broken and stranger beacons with a status and a reason', async () => {
    expect((await post('{not json')).status).toBe(400);
    const invalid = await post(JSON.stringify(report(await session(), { rebufferMs: -5 })));
    expect(invalid.status).toBe(400);
    expect(((await invalid.json()) as { error: { message: string } }).error.message).toMatch(/rebufferMs/);
    const { playbackSession: _none, ...unsigned } = report('');
    const stranger = await post(JSON.stringify({ ...unsigned, sessionId: randomUUID() }));
    expect(stranger.status).toBe(400);
    expect(((await stranger.json()) as { error: { message: string } }).error.message).toMatch(/playbackSession that playback\.authorize returned/);
    const forged = await post(JSON.stringify(report(`${randomUUID()}.${randomBytes(61).toString('base64url')}`)));
    expect(forged.status).toBe(403);
    expect(((await forged.json()) as { error: { message: string } }).error.message).toMatch(/not issued by this platform/);
    expect((await post('x'.repeat(10_000))).status).toBe(413);
    expect((await fetch(`${platform.apiUrl}/qoe`)).status).toBe(405);
  });

  it('answers a session over its rate limit with 429 and a Retry-After header, as every limit does', async () => {
    const chatty = await session();
    for (let i = 0; i < 12; i += 1) expect((await post(JSON.stringify(report(chatty, { watchedSeconds: i })))).status).toBe(204);
    const refused = await post(JSON.stringify(report(chatty, { watchedSeconds: 12 })));
    expect(refused.status).toBe(429);
    const wait = Number(refused.headers.get('retry-after'));
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(60);
    expect(((await refused.json()) as { error: { message: string } }).error.message).toBe(`Too many reports for this playback session. Wait ${wait} s; report at most every 30 s.`);
  });
});

describe('qoe.summary', () => {
  it('gives plays, the median start-up and the rebuffer ratio of one video', async () => {
    const video = await playableVideo('c.mp4');
    for (const [startupMs, rebufferMs, watchedSeconds] of [
      [100, 0, 30],
      [300, 2_000, 30],
      [200, 1_000, 30],
      [null, 0, 0],
    ] as const) {
      await platform.caller().qoe.report(report(await session(video), { videoId: video, startupMs, rebufferMs, watchedSeconds, rebufferCount: rebufferMs > 0 ? 1 : 0 }));
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

describe('the admin’s previews in the portal', () => {
  /** The session the portal's player gets: authorised with the admin's preview token. */
  const previewSession = async (video: string, playbackSession?: string) =>
    (await platform.caller().playback.authorize({ videoId: video, credential: (await tenant.admin.videos.previewToken({ videoId: video })).token, playbackSession })).playbackSession;
  const viewsOf = async (video: string) => (await tenant.admin.videos.list({ limit: 200 })).data.find((listed) => listed.id === video)?.views;
  /** The token with one claims byte changed (the MAC left as it was): what a viewer tampering with it would send. */
  const withByte = (playbackSession: string, index: number, value: number) => {
    const body = Buffer.from(playbackSession.slice(playbackSession.indexOf('.') + 1), 'base64url');
    body[index] = value;
    return `${idOf(playbackSession)}.${body.toString('base64url')}`;
  };

  it('counts a viewer’s play as a view and in the QoE summary; the admin’s preview play in neither', async () => {
    const video = await playableVideo('e.mp4');
    await platform.caller().qoe.report(report(await previewSession(video), { videoId: video, startupMs: 900 }));
    expect(await viewsOf(video)).toBe(0);
    expect(await tenant.admin.qoe.summary({ videoId: video })).toMatchObject({ plays: 0, sessions: 0 });

    await platform.caller().qoe.report(report(await session(video), { videoId: video, startupMs: 300 }));
    expect(await viewsOf(video)).toBe(1);
    expect(await tenant.admin.qoe.summary({ videoId: video })).toMatchObject({ plays: 1, sessions: 1, medianStartupMs: 300 });
  });

  it('refuses a session whose preview flag was changed, either way, and never continues one kind of session as the other', async () => {
    const video = await playableVideo('f.mp4');
    const viewer = await session(video);
    const preview = await previewSession(video);
    // Byte 1 holds the flags: a viewer cannot make their session a preview, nor the admin's preview a viewer's.
    for (const tampered of [withByte(viewer, 1, 1), withByte(preview, 1, 0)])
      await expect(platform.caller().qoe.report(report(tampered, { videoId: video }))).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(await rowsOf(video)).toBe(0);

    // A renewal keeps the session only when it is of the same kind.
    expect(idOf(await previewSession(video, preview))).toBe(idOf(preview));
    expect(idOf(await previewSession(video, viewer))).not.toBe(idOf(viewer));
    expect(idOf((await platform.caller().playback.authorize({ videoId: video, playbackSession: preview })).playbackSession)).not.toBe(idOf(preview));
  });

  it('still takes reports of a session token issued before previews were marked, as a viewer’s', async () => {
    const video = await playableVideo('g.mp4');
    const { tenant_id: tenantId } = await platform.app.deps.db.selectFrom('videos').select('tenant_id').where('id', '=', video).executeTakeFirstOrThrow();
    const now = Date.now();
    const sessionId = randomUUID();
    // Version 1: version, tenant, video, start, end, then the MAC over the id and those 45 bytes (no flags byte).
    const claims = Buffer.alloc(45);
    claims[0] = 1;
    claims.write(tenantId.replaceAll('-', ''), 1, 16, 'hex');
    claims.write(video.replaceAll('-', ''), 17, 16, 'hex');
    claims.writeUIntBE(now, 33, 6);
    claims.writeUIntBE(now + 600_000, 39, 6);
    const key = Buffer.from(hkdfSync('sha256', platform.app.deps.authSecret, new Uint8Array(0), 'ott-cloud/playback-sessions', 32));
    const mac = createHmac('sha256', key).update(sessionId).update(claims).digest().subarray(0, 16);
    await platform.caller().qoe.report(report(`${sessionId}.${Buffer.concat([claims, mac]).toString('base64url')}`, { videoId: video }));
    expect(await row(sessionId + '.')).toMatchObject({ preview: false });
    expect(await viewsOf(video)).toBe(1);
  });
});

describe('GET /sdk/ott-player.js', () => {
  let sdkDir: string;
  let server: Server;
  let base: string;

  beforeAll(async () => {
    sdkDir = await mkdtemp(path.join(tmpdir(), 'ott-sdk-'));
    server = createApiServer({ deps: platform.app.deps, log: testLogger, sdkDir });
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
