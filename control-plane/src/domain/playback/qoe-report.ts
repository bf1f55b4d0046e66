// A player's quality-of-experience report for one playback session: running totals since the session began,
// stored as one row per session. Totals only ever grow, so a beacon that arrives late or twice changes nothing.
import type { DomainDeps } from '../deps.js';
import { notFound } from '../errors.js';

export interface QoeReport {
  /** Chosen by the player for one load of one video (a UUID). */
  sessionId: string;
  videoId: string;
  /** From the player asking to play (authorize, or the viewer's play press) to the first frame; null until then. */
  startupMs: number | null;
  rebufferMs: number;
  rebufferCount: number;
  bitrateSwitches: number;
  errors: number;
  watchedSeconds: number;
}

export async function recordQoeReport(deps: Pick<DomainDeps, 'db' | 'clock'>, report: QoeReport): Promise<void> {
  // The tenant comes from the video, never from the reporter.
  const video = await deps.db.selectFrom('videos').select(['id', 'tenant_id']).where('id', '=', report.videoId).executeTakeFirst();
  if (!video) throw notFound('The video');
  const now = deps.clock.now();
  await deps.db
    .insertInto('playback_sessions')
    .values({
      session_id: report.sessionId,
      tenant_id: video.tenant_id,
      video_id: video.id,
      startup_ms: report.startupMs,
      rebuffer_ms: report.rebufferMs,
      rebuffer_count: report.rebufferCount,
      bitrate_switches: report.bitrateSwitches,
      errors: report.errors,
      watched_seconds: report.watchedSeconds,
      updated_at: now,
    })
    .onConflict((conflict) =>
      conflict
        .column('session_id')
        .doUpdateSet((eb) => ({
          startup_ms: eb.fn.coalesce('playback_sessions.startup_ms', 'excluded.startup_ms'),
          rebuffer_ms: eb.fn<number>('greatest', ['playback_sessions.rebuffer_ms', 'excluded.rebuffer_ms']),
          rebuffer_count: eb.fn<number>('greatest', ['playback_sessions.rebuffer_count', 'excluded.rebuffer_count']),
          bitrate_switches: eb.fn<number>('greatest', ['playback_sessions.bitrate_switches', 'excluded.bitrate_switches']),
          errors: eb.fn<number>('greatest', ['playback_sessions.errors', 'excluded.errors']),
          watched_seconds: eb.fn<number>('greatest', ['playback_sessions.watched_seconds', 'excluded.watched_seconds']),
          updated_at: now,
        }))
        // A session id belongs to the video it was first reported for; reusing it for another does nothing.
        .where('playback_sessions.video_id', '=', video.id),
    )
    .execute();
}
