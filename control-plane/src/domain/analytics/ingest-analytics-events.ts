// Events into the raw table and, in the same statement, into every rollup: minute, hour and day by video and
// dimensions, the retention points, the daily viewers, the renditions and the error codes. Only events the raw table
// did not hold already are rolled up (its key is the session and the event's sequence), so ingesting the same events
// twice counts them once. Set-based: one statement for a whole batch, whatever its size.
import { STARTUP_HISTOGRAM_BOUNDS_MS } from '@ott/contracts';
import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../../db/database.js';
import type { AnalyticsEvent } from './analytics-event.js';

const DIMENSIONS = sql.raw('country, device_type, os, browser, referrer_origin, player_version, access_mode');

/** How many of `events` were new (and are now counted). */
export async function ingestAnalyticsEvents(db: Db, events: readonly AnalyticsEvent[]): Promise<number> {
  if (events.length === 0) return 0;
  const column = <T>(pick: (event: AnalyticsEvent) => T) => events.map(pick);
  const result = await sql<{ ingested: string }>`
    with incoming as (
      select * from unnest(
        ${column((e) => e.tenantId)}::uuid[], ${column((e) => e.sessionId)}::uuid[], ${column((e) => e.sequence)}::int[],
        ${column((e) => e.receivedAt.toISOString())}::timestamptz[], ${column((e) => e.videoId)}::uuid[], ${column((e) => e.viewerId)}::text[],
        ${column((e) => e.viewerHash)}::text[], ${column((e) => e.dimensions.country)}::text[], ${column((e) => e.dimensions.deviceType)}::text[],
        ${column((e) => e.dimensions.os)}::text[], ${column((e) => e.dimensions.browser)}::text[], ${column((e) => e.dimensions.referrerOrigin)}::text[],
        ${column((e) => e.dimensions.playerVersion)}::text[], ${column((e) => e.dimensions.accessMode)}::text[], ${column((e) => e.sessionStart)}::smallint[],
        ${column((e) => e.views)}::smallint[], ${column((e) => e.failures)}::smallint[], ${column((e) => e.completions)}::smallint[],
        ${column((e) => e.startupMs)}::int[], ${column((e) => e.firstFrameHeight)}::int[], ${column((e) => e.errorCode)}::text[],
        ${column((e) => e.rebufferMs)}::bigint[], ${column((e) => e.rebufferCount)}::int[], ${column((e) => e.watchSeconds)}::float8[],
        ${column((e) => e.retentionFrom)}::smallint[], ${column((e) => e.retentionTo)}::smallint[], ${column((e) => JSON.stringify(e.renditions))}::jsonb[]
      ) as e(tenant_id, session_id, sequence, received_at, video_id, viewer_id, viewer_hash, ${DIMENSIONS}, session_start, views, failures, completions,
             startup_ms, first_frame_height, error_code, rebuffer_ms, rebuffer_count, watch_seconds, retention_from, retention_to, renditions)
    ),
    inserted as (
      insert into analytics_events (tenant_id, session_id, sequence, received_at, video_id, viewer_id, viewer_hash, ${DIMENSIONS}, session_start, views, failures,
        completions, startup_ms, first_frame_height, error_code, rebuffer_ms, rebuffer_count, watch_seconds, retention_from, retention_to, renditions)
      select * from incoming on conflict do nothing returning *
    ),
    minute as (${rollUp('analytics_minute', 'minute')}),
    hour as (${rollUp('analytics_hour', 'hour')}),
    day as (${rollUp('analytics_day', 'day')}),
    retention as (
      insert into analytics_retention (tenant_id, video_id, day, point, reached)
      select tenant_id, video_id, (received_at at time zone 'UTC')::date, point, count(*)
      from inserted, generate_series(retention_from, retention_to - 1) as point
      group by 1, 2, 3, 4
      on conflict (tenant_id, video_id, day, point) do update set reached = analytics_retention.reached + excluded.reached
    ),
    viewers as (
      insert into analytics_viewer_days (tenant_id, day, video_id, viewer_hash)
      select distinct tenant_id, (received_at at time zone 'UTC')::date, video_id, viewer_hash from inserted where views > 0
      on conflict do nothing
    ),
    renditions as (
      insert into analytics_renditions (tenant_id, video_id, day, height, watch_seconds, kilobits, first_frames, first_frame_ms)
      select tenant_id, video_id, day, height, sum(seconds), sum(kilobits), sum(first_frames), sum(first_frame_ms) from (
        select tenant_id, video_id, (received_at at time zone 'UTC')::date as day, r.height, r.seconds, r.seconds * r."bitrateKbps" as kilobits, 0 as first_frames, 0 as first_frame_ms
        from inserted, jsonb_to_recordset(renditions) as r(height int, "bitrateKbps" int, seconds float8)
        union all
        select tenant_id, video_id, (received_at at time zone 'UTC')::date, first_frame_height, 0, 0, 1, startup_ms
        from inserted where first_frame_height is not null and startup_ms is not null
      ) as watched
      group by 1, 2, 3, 4
      on conflict (tenant_id, video_id, day, height) do update set
        watch_seconds = analytics_renditions.watch_seconds + excluded.watch_seconds, kilobits = analytics_renditions.kilobits + excluded.kilobits,
        first_frames = analytics_renditions.first_frames + excluded.first_frames, first_frame_ms = analytics_renditions.first_frame_ms + excluded.first_frame_ms
    ),
    errors as (
      insert into analytics_errors (tenant_id, video_id, day, code, sessions)
      select tenant_id, video_id, (received_at at time zone 'UTC')::date, error_code, count(*) from inserted where error_code is not null group by 1, 2, 3, 4
      on conflict (tenant_id, video_id, day, code) do update set sessions = analytics_errors.sessions + excluded.sessions
    )
    select count(*) as ingested from inserted`.execute(db);
  return Number(result.rows[0]?.ingested ?? 0);
}

function rollUp(table: 'analytics_minute' | 'analytics_hour' | 'analytics_day', grain: 'minute' | 'hour' | 'day'): RawBuilder<unknown> {
  const target = sql.table(table);
  const add = (measure: string) => sql.raw(`${measure} = ${table}.${measure} + excluded.${measure}`);
  return sql`
    insert into ${target} (tenant_id, bucket, video_id, ${DIMENSIONS}, sessions, views, failures, completions, watch_seconds, rebuffer_ms, rebuffer_count, startup_histogram)
    select tenant_id, date_trunc(${grain}, received_at, 'UTC'), video_id, ${DIMENSIONS}, sum(session_start), sum(views), sum(failures), sum(completions),
      sum(watch_seconds), sum(rebuffer_ms), sum(rebuffer_count), analytics_histogram(array_agg(startup_ms), ${[...STARTUP_HISTOGRAM_BOUNDS_MS]}::int[])
    from inserted
    group by tenant_id, 2, video_id, ${DIMENSIONS}
    on conflict on constraint ${sql.raw(`${table}_key`)} do update set
      ${add('sessions')}, ${add('views')}, ${add('failures')}, ${add('completions')}, ${add('watch_seconds')}, ${add('rebuffer_ms')}, ${add('rebuffer_count')},
      startup_histogram = analytics_add_counts(${target}.startup_histogram, excluded.startup_histogram)`;
}
