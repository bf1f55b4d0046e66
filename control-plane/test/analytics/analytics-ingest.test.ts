// Viewer analytics from the players' beacons: a beacon is refused unless its playback session is genuine; it is
// broken down by country, device, OS, browser, embedding site, player version and access mode, with no address
// stored anywhere; the rollups count each session's growth once (a repeated beacon or a re-ingested batch adds
// nothing); retention, completion, start-up percentiles within the documented error, breakdowns, comparison with the
// previous period; the purge of raw events; a removed viewer's events go.
import { randomUUID } from 'node:crypto';
import { ANALYTICS_UNKNOWN, STARTUP_HISTOGRAM_BOUNDS_MS } from '@ott/contracts';
import { parseCidr } from '@ott/signing';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NO_CONTRIBUTION, nextAnalyticsEvent, type AnalyticsEvent } from '../../src/domain/analytics/analytics-event.js';
import { analyticsOverview } from '../../src/domain/analytics/analytics-overview.js';
import { ingestAnalyticsEvents } from '../../src/domain/analytics/ingest-analytics-events.js';
import { purgeAnalytics } from '../../src/domain/analytics/purge-analytics.js';
import { recordQoeReport } from '../../src/domain/playback/qoe-report.js';
import type { PlaybackSession } from '../../src/domain/playback/playback-session.js';
import { startApiServer, type ExtraApiServer } from '../support/api-server.js';
import { TestClock } from '../support/billing-fixtures.js';
import { insertReadyVideo } from '../support/playback-fixtures.js';
import { signUpActiveTenant } from '../support/tenants.js';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.js';

const IPHONE = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1';
const WINDOWS_CHROME = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36';
const VIEWER_ADDRESS = '203.0.113.77';
/** Noon of a fixed UTC day, so that "today" and "yesterday" are whole days in the rollups. */
const DAY = new Date('2026-11-10T00:00:00Z');
const NOON = new Date(DAY.getTime() + 12 * 3_600_000);

let platform: TestPlatform;
let tenant: Awaited<ReturnType<typeof signUpActiveTenant>>;
let tenantId: string;
let server: ExtraApiServer;
const clock = new TestClock(NOON);

const todayRange = { preset: 'custom' as const, from: DAY.toISOString(), to: new Date(DAY.getTime() + 86_400_000).toISOString() };

/** A ready video of the tenant with a known duration (retention points are shares of it). */
async function video(durationSeconds = 100): Promise<string> {
  const id = await insertReadyVideo(platform.app.deps.db, tenantId, { title: `Film ${randomUUID().slice(0, 4)}` });
  await platform.app.deps.db.updateTable('videos').set({ duration_seconds: durationSeconds }).where('id', '=', id).execute();
  return id;
}

async function authorize(videoId: string): Promise<string> {
  const answer = await fetch(`${server.url}/trpc/playback.authorize`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ videoId }) });
  const body = (await answer.json()) as { result: { data: { playbackSession: string } } };
  return body.result.data.playbackSession;
}

interface Beacon {
  startupMs?: number | null;
  watchedSeconds?: number;
  positionSeconds?: number;
  rebufferMs?: number;
  rebufferCount?: number;
  errors?: number;
  errorCode?: string | null;
  playerVersion?: string;
  firstFrameHeight?: number;
  renditions?: { height: number; bitrateKbps: number; seconds: number }[];
}

/** A beacon as sendBeacon sends it, from a viewer's browser behind the trusted proxy that names their country. */
async function beacon(playbackSession: string, videoId: string, totals: Beacon, viewer: { userAgent?: string; country?: string; referrer?: string } = {}): Promise<Response> {
  return fetch(`${server.url}/qoe`, {
    method: 'POST',
    headers: {
      'Content-Type': 'text/plain;charset=UTF-8',
      'User-Agent': viewer.userAgent ?? IPHONE,
      Referer: viewer.referrer ?? 'https://shop.example/films/1?customer=jane@example.com',
      'X-Forwarded-For': VIEWER_ADDRESS,
      'CloudFront-Viewer-Country': viewer.country ?? 'FR',
    },
    body: JSON.stringify({ playbackSession, videoId, startupMs: 500, rebufferMs: 0, rebufferCount: 0, bitrateSwitches: 0, errors: 0, watchedSeconds: 0, playerVersion: '1.4.0', ...totals }),
  });
}

/** A session that plays `videoId` and stops at `positionSeconds`, in one beacon. */
async function watch(videoId: string, positionSeconds: number, extra: Beacon = {}, viewer: Parameters<typeof beacon>[3] = {}): Promise<string> {
  const session = await authorize(videoId);
  const answer = await beacon(session, videoId, { startupMs: 400, watchedSeconds: positionSeconds, positionSeconds, ...extra }, viewer);
  expect(answer.status, await answer.clone().text()).toBe(204);
  return session;
}

beforeAll(async () => {
  platform = await startTestPlatform();
  await platform.startWorker();
  tenant = await signUpActiveTenant(platform, 'analytics');
  tenantId = tenant.session.tenantId;
  server = await startApiServer({ ...platform.app.deps, clock }, [parseCidr('127.0.0.1/32')!], { viewerCountry: { header: 'CloudFront-Viewer-Country' } });
});
afterAll(async () => {
  await server?.close();
  await platform?.close();
});

describe('ingest', () => {
  it('refuses beacons of sessions this platform never opened, of other videos, and beyond the bounds, and counts none of them', async () => {
    const videoId = await video();
    const otherVideo = await video();
    const genuine = await authorize(videoId);
    const forged = `${randomUUID()}.${Buffer.from('x'.repeat(78)).toString('base64url')}`;
    expect((await beacon(forged, videoId, { startupMs: 300 })).status).toBe(403);
    expect((await beacon(genuine, otherVideo, { startupMs: 300 })).status).toBe(403);
    for (const bad of [
      { playerVersion: '1.0 <script>' },
      { errorCode: 'x'.repeat(65) },
      { renditions: Array.from({ length: 17 }, (_, i) => ({ height: 100 + i, bitrateKbps: 500, seconds: 1 })) },
      { firstFrameHeight: 0 },
    ]) {
      const answer = await beacon(genuine, videoId, bad);
      expect(answer.status, JSON.stringify(bad)).toBe(400);
    }
    const overview = await tenant.admin.analytics.overview({ videoId: otherVideo, range: todayRange });
    expect(overview.engagement.views).toBe(0);
    expect(overview.qoe.sessions).toBe(0);
    const events = await platform.app.deps.db.selectFrom('analytics_events').select('session_id').where('video_id', 'in', [videoId, otherVideo]).execute();
    expect(events).toEqual([]);
  });

  it('resolves where and how a session watched from its request, and stores no address anywhere', async () => {
    const videoId = await video(100);
    await watch(videoId, 30, {}, { userAgent: IPHONE, country: 'FR' });
    await watch(videoId, 30, {}, { userAgent: WINDOWS_CHROME, country: 'DE', referrer: 'https://blog.example/post' });
    const byDevice = await tenant.admin.analytics.breakdown({ videoId, range: todayRange, dimension: 'deviceType' });
    expect(byDevice.rows.map((row) => [row.value, row.views]).sort()).toEqual([
      ['desktop', 1],
      ['mobile', 1],
    ]);
    const expectOne = async (dimension: 'country' | 'os' | 'browser' | 'referrerOrigin' | 'playerVersion' | 'accessMode', values: string[]) => {
      const rows = (await tenant.admin.analytics.breakdown({ videoId, range: todayRange, dimension })).rows;
      expect(rows.map((row) => row.value).sort(), dimension).toEqual(values);
    };
    await expectOne('country', ['DE', 'FR']);
    await expectOne('os', ['Windows', 'iOS']);
    await expectOne('browser', ['Chrome', 'Safari']);
    // The origin only: the page's path and query (here an email address) are never kept.
    await expectOne('referrerOrigin', ['https://blog.example', 'https://shop.example']);
    await expectOne('playerVersion', ['1.4.0']);
    await expectOne('accessMode', ['public']);
    // A filter keeps only the sessions it names.
    const french = await tenant.admin.analytics.overview({ videoId, range: todayRange, filters: { country: ['FR'] } });
    expect(french.engagement.views).toBe(1);

    const everything = await sql<{ row: string }>`
      select row_to_json(t)::text as row from (
        select to_jsonb(e) as r from analytics_events e union all select to_jsonb(s) from analytics_session_state s union all select to_jsonb(d) from analytics_day d
        union all select to_jsonb(m) from analytics_minute m union all select to_jsonb(v) from analytics_viewer_days v) t`.execute(platform.app.deps.db);
    expect(everything.rows.length).toBeGreaterThan(0);
    for (const { row } of everything.rows) {
      expect(row).not.toContain(VIEWER_ADDRESS);
      expect(row).not.toContain('jane@example.com');
    }
  });

  it('counts a session once however often its beacons arrive, and a batch ingested twice once', async () => {
    const videoId = await video();
    const session = await authorize(videoId);
    const totals = { startupMs: 450, watchedSeconds: 20, positionSeconds: 20, rebufferMs: 500, rebufferCount: 1 };
    for (let i = 0; i < 3; i += 1) expect((await beacon(session, videoId, totals)).status).toBe(204);
    // A late beacon with smaller totals (it left before the others) takes nothing back and adds nothing.
    expect((await beacon(session, videoId, { ...totals, watchedSeconds: 10, positionSeconds: 10 })).status).toBe(204);
    expect((await beacon(session, videoId, { ...totals, watchedSeconds: 35, positionSeconds: 35 })).status).toBe(204);
    const overview = await tenant.admin.analytics.overview({ videoId, range: todayRange });
    expect(overview.engagement).toMatchObject({ views: 1, watchSeconds: 35, uniqueViewers: 1 });
    expect(overview.qoe).toMatchObject({ sessions: 1, rebufferRatio: expect.closeTo(500 / (500 + 35_000), 4) });

    const events = await platform.app.deps.db.selectFrom('analytics_events').selectAll().where('video_id', '=', videoId).orderBy('sequence').execute();
    expect(events).toHaveLength(5);
    const replay: AnalyticsEvent[] = events.map((row) => ({
      tenantId: row.tenant_id,
      sessionId: row.session_id,
      sequence: row.sequence,
      receivedAt: row.received_at,
      videoId: row.video_id,
      viewerId: row.viewer_id,
      viewerHash: row.viewer_hash,
      dimensions: { country: row.country, deviceType: 'mobile', os: row.os, browser: row.browser, referrerOrigin: row.referrer_origin, playerVersion: row.player_version, accessMode: row.access_mode },
      sessionStart: row.session_start as 0 | 1,
      views: row.views as 0 | 1,
      failures: row.failures as 0 | 1,
      completions: row.completions as 0 | 1,
      startupMs: row.startup_ms,
      firstFrameHeight: row.first_frame_height,
      errorCode: row.error_code,
      rebufferMs: Number(row.rebuffer_ms),
      rebufferCount: row.rebuffer_count,
      watchSeconds: row.watch_seconds,
      retentionFrom: row.retention_from,
      retentionTo: row.retention_to,
      renditions: row.renditions,
    }));
    expect(await ingestAnalyticsEvents(platform.app.deps.db, replay)).toBe(0);
    expect((await tenant.admin.analytics.overview({ videoId, range: todayRange })).engagement).toEqual(overview.engagement);
  });
});

describe('engagement', () => {
  it('draws the retention curve from position heartbeats and counts completions', async () => {
    // Short enough to be watched within a new session's bounds (its age, 30 s of slack, at most 2× speed).
    const videoId = await video(40);
    for (const stop of [40, 20, 20, 4]) await watch(videoId, stop);
    const retention = await tenant.admin.analytics.retention({ videoId, range: todayRange });
    expect(retention.views).toBe(4);
    expect(retention.points).toHaveLength(101);
    expect(retention.points[0]).toEqual([0, 1]);
    expect(retention.points[10]).toEqual([4, 1]);
    expect(retention.points[11]).toEqual([4.4, 0.75]);
    expect(retention.points[50]).toEqual([20, 0.75]);
    expect(retention.points[51]).toEqual([20.4, 0.25]);
    expect(retention.points[100]).toEqual([40, 0.25]);
    const overview = await tenant.admin.analytics.overview({ videoId, range: todayRange });
    expect(overview.engagement).toMatchObject({ views: 4, watchSeconds: 84, averageViewSeconds: 21, completionRate: 0.25 });
    const top = await tenant.admin.analytics.topVideos({ range: todayRange });
    expect(top.find((row) => row.videoId === videoId)).toMatchObject({ views: 4, watchSeconds: 84, completionRate: 0.25 });
  });

  it('compares the period with the one before it, and draws both as aligned time series', async () => {
    const videoId = await video();
    clock.set(new Date(NOON.getTime() - 86_400_000));
    for (let i = 0; i < 2; i += 1) await watch(videoId, 10);
    clock.set(NOON);
    for (let i = 0; i < 3; i += 1) await watch(videoId, 10);
    const overview = await tenant.admin.analytics.overview({ videoId, range: todayRange, compare: true });
    expect(overview.engagement.views).toBe(3);
    expect(overview.previousEngagement?.views).toBe(2);
    expect(overview.previousPeriod).toEqual({ from: new Date(DAY.getTime() - 86_400_000).toISOString(), to: DAY.toISOString() });
    const series = await tenant.admin.analytics.timeSeries({ videoId, range: todayRange, compare: true });
    expect(series.granularity).toBe('hour');
    expect(series.points).toHaveLength(24);
    expect(series.previousPoints).toHaveLength(24);
    expect(series.points[12]).toMatchObject({ at: NOON.toISOString(), views: 3, watchSeconds: 30 });
    expect(series.previousPoints?.[12]).toMatchObject({ views: 2 });
    expect(series.points.reduce((sum, point) => sum + point.views, 0)).toBe(3);
  });

  it('counts viewers watching now from the last two minutes of beacons', async () => {
    const videoId = await video();
    await watch(videoId, 5);
    await watch(videoId, 5);
    const at = (time: Date) => analyticsOverview({ db: platform.app.deps.db, clock: new TestClock(time) }, tenantId, { videoId, range: todayRange });
    expect((await at(new Date(NOON.getTime() + 60_000))).concurrentViewersNow).toBe(2);
    expect((await at(new Date(NOON.getTime() + 3 * 60_000))).concurrentViewersNow).toBe(0);
  });
});

describe('quality of experience', () => {
  it('reads start-up percentiles from the rollup histograms within the documented ±11.8 %', async () => {
    const videoId = await video();
    const startups = Array.from({ length: 400 }, (_, i) => 120 + ((i * 7919) % 400) * 12);
    const events = startups.map((startupMs, i) => {
      const session = {
        tenantId,
        sessionId: randomUUID(),
        videoId,
        viewerId: null,
        viewerHash: `h${i}`,
        durationSeconds: 100,
        dimensions: { country: 'FR', deviceType: 'desktop' as const, os: 'Linux', browser: 'Firefox', referrerOrigin: ANALYTICS_UNKNOWN, playerVersion: '1.4.0', accessMode: 'public' },
      };
      return nextAnalyticsEvent(session, NO_CONTRIBUTION, { startupMs, rebufferMs: 0, rebufferCount: 0, errors: 0, watchedSeconds: 10, positionSeconds: 10 }, NOON).event;
    });
    expect(await ingestAnalyticsEvents(platform.app.deps.db, events)).toBe(400);
    const sorted = [...startups].sort((a, b) => a - b);
    const truth = (q: number) => sorted[Math.ceil(q * sorted.length) - 1]!;
    const { qoe } = await tenant.admin.analytics.overview({ videoId, range: todayRange });
    const error = Math.sqrt(1.25) - 1;
    expect(Math.abs(qoe.startupP50Ms! - truth(0.5)) / truth(0.5)).toBeLessThanOrEqual(error + 0.01);
    expect(Math.abs(qoe.startupP95Ms! - truth(0.95)) / truth(0.95)).toBeLessThanOrEqual(error + 0.01);
    const detail = await tenant.admin.analytics.qoe({ videoId, range: todayRange });
    expect(detail.startupHistogram).toHaveLength(STARTUP_HISTOGRAM_BOUNDS_MS.length + 1);
    expect(detail.startupHistogram.reduce((sum, count) => sum + count, 0)).toBe(400);
  });

  it('counts failures before a first frame with their error codes, bitrate and renditions with their time to first frame', async () => {
    const videoId = await video();
    for (let i = 0; i < 3; i += 1) expect((await beacon(await authorize(videoId), videoId, { startupMs: null, errors: 1, errorCode: 'manifestLoadError' })).status).toBe(204);
    const started = await authorize(videoId);
    await beacon(started, videoId, { startupMs: 800, firstFrameHeight: 720, watchedSeconds: 30, renditions: [{ height: 720, bitrateKbps: 3000, seconds: 30 }] });
    await beacon(started, videoId, {
      startupMs: 800,
      firstFrameHeight: 720,
      watchedSeconds: 40,
      renditions: [
        { height: 720, bitrateKbps: 3000, seconds: 30 },
        { height: 1080, bitrateKbps: 6000, seconds: 10 },
      ],
    });
    const { qoe } = await tenant.admin.analytics.overview({ videoId, range: todayRange });
    expect(qoe).toMatchObject({ sessions: 4, failureRate: 0.75, averageBitrateKbps: 3750 });
    const detail = await tenant.admin.analytics.qoe({ videoId, range: todayRange });
    expect(detail.topErrors).toEqual([{ code: 'manifestLoadError', sessions: 3 }]);
    expect(detail.renditions).toEqual([
      { height: 1080, watchSeconds: 10, share: 0.25, firstFrames: 0, averageTimeToFirstFrameMs: null },
      { height: 720, watchSeconds: 30, share: 0.75, firstFrames: 1, averageTimeToFirstFrameMs: 800 },
    ]);
  });
});

describe('privacy', () => {
  it('purges raw events past their keeping time and finished days’ salts, keeping the rollups', async () => {
    const videoId = await video();
    await watch(videoId, 10);
    const before = await tenant.admin.analytics.overview({ videoId, range: todayRange });
    const later = new TestClock(new Date(NOON.getTime() + 31 * 86_400_000));
    const purged = await purgeAnalytics({ db: platform.app.deps.db, clock: later }, 30);
    expect(purged.events).toBeGreaterThan(0);
    expect(purged.salts).toBeGreaterThan(0);
    expect(await platform.app.deps.db.selectFrom('analytics_events').select('session_id').where('video_id', '=', videoId).execute()).toEqual([]);
    expect(await platform.app.deps.db.selectFrom('analytics_salts').select('day').execute()).toEqual([]);
    expect((await tenant.admin.analytics.overview({ videoId, range: todayRange })).engagement).toEqual(before.engagement);
  });

  it('deletes a removed viewer’s raw events and sessions', async () => {
    const videoId = await video();
    const { viewerId } = await tenant.admin.viewers.invite({ email: `gone-${randomUUID().slice(0, 6)}@example.com` });
    const session: PlaybackSession = { sessionId: randomUUID(), tenantId, videoId, preview: false, viewerId, startedAt: NOON.getTime() - 60_000, expiresAt: NOON.getTime() + 3_600_000 };
    const report = { playbackSession: 'unused', videoId, startupMs: 300, rebufferMs: 0, rebufferCount: 0, bitrateSwitches: 0, errors: 0, watchedSeconds: 30, positionSeconds: 30 };
    await recordQoeReport({ db: platform.app.deps.db, clock }, session, report);
    const rows = () => platform.app.deps.db.selectFrom('analytics_events').select('session_id').where('tenant_id', '=', tenantId).where('viewer_id', '=', viewerId).execute();
    expect(await rows()).toHaveLength(1);
    await tenant.admin.viewers.remove({ viewerId });
    expect(await rows()).toEqual([]);
    expect(await platform.app.deps.db.selectFrom('analytics_session_state').select('session_id').where('session_id', '=', session.sessionId).execute()).toEqual([]);
    // The rollups keep the anonymous counts.
    expect((await tenant.admin.analytics.overview({ videoId, range: todayRange })).engagement.views).toBe(1);
  });
});
