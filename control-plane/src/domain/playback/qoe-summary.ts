// What a tenant admin sees about one video's playback quality, from the sessions its viewers' players reported:
// the admin's own previews in the portal are not the audience's experience, and not counted.
import { sql } from 'kysely';
import type { DomainDeps } from '../deps.js';
import { notFound } from '../errors.js';

export interface QoeSummary {
  videoId: string;
  /** Sessions that reached a first frame. */
  plays: number;
  /** Every reported session, including those that never started (errors, abandoned during start-up). */
  sessions: number;
  medianStartupMs: number | null;
  /** Time spent rebuffering over time spent watching or rebuffering, 0–1. */
  rebufferRatio: number;
  rebufferCount: number;
  bitrateSwitches: number;
  errors: number;
  watchedSeconds: number;
}

export async function summarizeQoe(deps: Pick<DomainDeps, 'db'>, tenantId: string, videoId: string): Promise<QoeSummary> {
  const video = await deps.db.selectFrom('videos').select('id').where('tenant_id', '=', tenantId).where('id', '=', videoId).executeTakeFirst();
  if (!video) throw notFound('The video');
  const row = await deps.db
    .selectFrom('playback_sessions')
    .where('tenant_id', '=', tenantId)
    .where('video_id', '=', videoId)
    .where('preview', '=', false)
    .select((eb) => [
      eb.fn.countAll<string>().as('sessions'),
      eb.fn.count<string>('startup_ms').as('plays'),
      sql<number | null>`percentile_cont(0.5) within group (order by startup_ms)`.as('median_startup_ms'),
      sql<string>`coalesce(sum(rebuffer_ms), 0)`.as('rebuffer_ms'),
      sql<string>`coalesce(sum(rebuffer_count), 0)`.as('rebuffer_count'),
      sql<string>`coalesce(sum(bitrate_switches), 0)`.as('bitrate_switches'),
      sql<string>`coalesce(sum(errors), 0)`.as('errors'),
      sql<number>`coalesce(sum(watched_seconds), 0)`.as('watched_seconds'),
    ])
    .executeTakeFirstOrThrow();
  const rebufferMs = Number(row.rebuffer_ms);
  const watchedMs = Number(row.watched_seconds) * 1000;
  return {
    videoId,
    plays: Number(row.plays),
    sessions: Number(row.sessions),
    medianStartupMs: row.median_startup_ms === null ? null : Math.round(Number(row.median_startup_ms)),
    rebufferRatio: rebufferMs + watchedMs > 0 ? rebufferMs / (rebufferMs + watchedMs) : 0,
    rebufferCount: Number(row.rebuffer_count),
    bitrateSwitches: Number(row.bitrate_switches),
    errors: Number(row.errors),
    watchedSeconds: Math.round(Number(row.watched_seconds) * 10) / 10,
  };
}
