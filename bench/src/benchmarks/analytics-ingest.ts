// Analytics events per second into the raw table and every rollup (minute, hour, day by video and dimensions,
// retention points, daily viewers, renditions, error codes), in batches as one statement each, against a bare COPY of
// the same events into a table of the same columns without keys or indexes, in the same run.
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { randomUUID } from 'node:crypto';
import { ANALYTICS_UNKNOWN } from '@ott/contracts';
import { ingestAnalyticsEvents, NO_CONTRIBUTION, nextAnalyticsEvent, type AnalyticsEvent, type SessionIdentity } from '@ott/control-plane/internals/analytics';
import { sql } from 'kysely';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { analyticsCatalogue } from '../analytics-catalogue.js';
import { createBenchDatabase } from '../bench-database.js';
import { median, round, timed, type Benchmark } from '../benchmark.js';

const BATCH = 5_000;
const BEACONS_PER_SESSION = 10;
const COUNTRIES = ['US', 'GB', 'FR', 'DE', 'ES', 'IT', 'NL', 'BR', 'IN', 'JP'];
const DEVICES = ['desktop', 'mobile', 'tablet', 'tv'] as const;
const BROWSERS = ['Chrome', 'Safari', 'Firefox', 'Edge'];
const SYSTEMS = ['Windows', 'macOS', 'iOS', 'Android', 'Linux'];

export const analyticsIngest: Benchmark = async (options) => {
  const eventCount = options.quick ? 20_000 : 200_000;
  const runs = options.quick ? 1 : options.runs;
  const ours: number[] = [];
  const reference: number[] = [];
  for (let run = 0; run < runs; run += 1) {
    const database = await createBenchDatabase(options.adminDatabaseUrl);
    try {
      const { tenantId, videoIds } = await analyticsCatalogue(database.db, `analytics-${run}`, 50, 600);
      const events = simulatedEvents(tenantId, videoIds, eventCount);
      await sql`create table bare_events (like analytics_events)`.execute(database.db);
      const copied = await timed(() => copyEvents(database.url, events));
      const ingested = await timed(async () => {
        let count = 0;
        for (let start = 0; start < events.length; start += BATCH) count += await ingestAnalyticsEvents(database.db, events.slice(start, start + BATCH));
        return count;
      });
      if (ingested.value !== events.length) throw new Error(`ingested ${ingested.value} of ${events.length} events`);
      ours.push(events.length / ingested.seconds);
      reference.push(events.length / copied.seconds);
    } finally {
      await database.drop();
    }
  }
  const oursRate = median(ours);
  const referenceRate = median(reference);
  return {
    name: 'analytics ingest',
    ours: {
      label: `beacon events → raw table + minute/hour/day rollups, retention, viewers, renditions, errors (${eventCount.toLocaleString('en')} events, batches of ${BATCH.toLocaleString('en')})`,
      value: round(oursRate, 0),
      unit: 'events/s',
    },
    reference: { label: 'COPY of the same events into a bare table of the same columns', value: round(referenceRate, 0), unit: 'events/s' },
    ratio: round(oursRate / referenceRate),
    target: '≥ 0.5×',
    met: oursRate / referenceRate >= 0.5,
    notes: [`median of ${runs}`],
    command: 'npm run bench -- analytics-ingest',
  };
};

/** Sessions of ten beacons each, 30 s apart, spread over a day: what players send. */
function simulatedEvents(tenantId: string, videoIds: string[], count: number): AnalyticsEvent[] {
  const events: AnalyticsEvent[] = [];
  const day = Date.UTC(2026, 10, 21);
  for (let index = 0; events.length < count; index += 1) {
    const pick = <T>(values: readonly T[], salt: number) => values[Math.floor(values.length * ((Math.sin(index * salt) + 1) / 2) ** 2) % values.length]!;
    const session: SessionIdentity = {
      tenantId,
      sessionId: randomUUID(),
      videoId: pick(videoIds, 1.3),
      viewerId: null,
      viewerHash: `viewer-${index % 40_000}`,
      durationSeconds: 600,
      dimensions: {
        country: pick(COUNTRIES, 2.1),
        deviceType: pick(DEVICES, 3.7),
        os: pick(SYSTEMS, 5.3),
        browser: pick(BROWSERS, 7.1),
        referrerOrigin: ANALYTICS_UNKNOWN,
        playerVersion: '1.4.0',
        accessMode: 'public',
      },
    };
    const start = day + ((index * 977) % 86_000) * 1000;
    let contribution = NO_CONTRIBUTION;
    for (let beacon = 1; beacon <= BEACONS_PER_SESSION && events.length < count; beacon += 1) {
      const watched = beacon * 30;
      const next = nextAnalyticsEvent(
        session,
        contribution,
        {
          startupMs: 300 + (index % 2000),
          rebufferMs: beacon > 5 ? 400 : 0,
          rebufferCount: beacon > 5 ? 1 : 0,
          errors: 0,
          watchedSeconds: watched,
          positionSeconds: watched,
          firstFrameHeight: 720,
          renditions: [{ height: 720, bitrateKbps: 3000, seconds: watched }],
        },
        new Date(start + beacon * 30_000),
      );
      events.push(next.event);
      contribution = next.after;
    }
  }
  return events;
}

async function copyEvents(databaseUrl: string, events: readonly AnalyticsEvent[]): Promise<void> {
  const client = new pg.Client(databaseUrl);
  await client.connect();
  try {
    const text = (value: string | number | null) => (value === null ? '\\N' : String(value).replaceAll('\\', '\\\\').replaceAll('\t', '\\t').replaceAll('\n', '\\n'));
    const rows = function* () {
      for (const e of events) {
        const d = e.dimensions;
        yield `${[
          e.tenantId,
          e.sessionId,
          e.sequence,
          e.receivedAt.toISOString(),
          e.videoId,
          e.viewerId,
          e.viewerHash,
          d.country,
          d.deviceType,
          d.os,
          d.browser,
          d.referrerOrigin,
          d.playerVersion,
          d.accessMode,
          e.sessionStart,
          e.views,
          e.failures,
          e.completions,
          e.startupMs,
          e.firstFrameHeight,
          e.errorCode,
          e.rebufferMs,
          e.rebufferCount,
          e.watchSeconds,
          e.retentionFrom,
          e.retentionTo,
          JSON.stringify(e.renditions),
        ]
          .map(text)
          .join('\t')}\n`;
      }
    };
    const columns =
      'tenant_id, session_id, sequence, received_at, video_id, viewer_id, viewer_hash, country, device_type, os, browser, referrer_origin, player_version, access_mode, session_start, views, failures, completions, startup_ms, first_frame_height, error_code, rebuffer_ms, rebuffer_count, watch_seconds, retention_from, retention_to, renditions';
    await pipeline(Readable.from(rows()), client.query(copyFrom(`copy bare_events (${columns}) from stdin`)));
  } finally {
    await client.end();
  }
}
