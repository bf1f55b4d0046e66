// A player's quality-of-experience report for one playback session: running totals since the session began,
// stored as one row per session. Only a session a grant opened can report, only for its own video, only while
// it accepts reports; the tenant, and whether it is the admin's preview, come from the session, never from the reporter. Totals only ever grow, so a
// beacon that arrives late or twice changes nothing, and they never grow faster than the session's own time.
import type { QoeReport } from '@ott/contracts';
import { sql } from 'kysely';
import type { DomainDeps } from '../deps.js';
import { forbidden, notFound } from '../errors.js';
import { keepViewerPlace } from '../viewers/viewer-library.js';
import { NO_BEACON_REQUEST, recordAnalyticsBeacon, type AnalyticsBeacon } from '../analytics/record-analytics-beacon.js';
import { acceptsReports, readPlaybackSession, type PlaybackSession } from './playback-session.js';

/** A player reports every 30 s and when its page hides (or more often, as configured); a dozen a minute leaves room. */
export const QOE_REPORTS_PER_MINUTE = 12;
/** Reports a session may send before its time counts: a burst of page hides at the start. */
const REPORTS_UP_FRONT = 30;
/** The fastest speed the player offers: faster watching counts as this. */
const MAX_PLAYBACK_RATE = 2;
/** The player's clock starts with its authorize request, a moment before the session does. */
const SLACK_MS = 30_000;
/** Stalls, switches and errors a session may report before its time counts; then at most one a second. */
const EVENTS_UP_FRONT = 30;

/** The session a report names, or why it may not report: never issued here, another video's, or over. */
export function reportingSession(deps: Pick<DomainDeps, 'authSecret' | 'clock'>, report: Pick<QoeReport, 'playbackSession' | 'videoId'>): PlaybackSession {
  const session = readPlaybackSession(deps.authSecret, report.playbackSession);
  if (!session) throw forbidden('This playback session was not issued by this platform. QoE reports need the playbackSession that playback.authorize returned.');
  if (session.videoId !== report.videoId) throw forbidden('This playback session belongs to another video: report with the session of this video’s grant.');
  if (!acceptsReports(session, deps.clock.now()))
    throw forbidden('This playback session has ended: reports are accepted until an hour after its last grant expires. Authorise again to start a new session.');
  return session;
}

/** 'too-many-reports' when the session has sent more reports than its age allows; nothing is written then. */
export async function recordQoeReport(
  deps: Pick<DomainDeps, 'db' | 'clock'>,
  session: PlaybackSession,
  report: QoeReport,
  beacon: AnalyticsBeacon = NO_BEACON_REQUEST,
): Promise<'recorded' | 'too-many-reports'> {
  const video = await deps.db.selectFrom('videos').select(['id', 'duration_seconds', 'access_mode']).where('id', '=', session.videoId).where('tenant_id', '=', session.tenantId).executeTakeFirst();
  if (!video) throw notFound('The video');
  const now = deps.clock.now();
  const totals = boundedTotals(session, report, now);
  const elapsedMinutes = Math.max(0, now.getTime() - session.startedAt) / 60_000;
  const written = await deps.db
    .insertInto('playback_sessions')
    .values({ session_id: session.sessionId, tenant_id: session.tenantId, video_id: session.videoId, preview: session.preview, ...totals, reports: 1, updated_at: now })
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
          reports: sql<number>`playback_sessions.reports + 1`,
          updated_at: now,
        }))
        // Across every API process: the in-memory rate limit is only the first, per-process line.
        .where('playback_sessions.reports', '<', Math.floor(REPORTS_UP_FRONT + elapsedMinutes * QOE_REPORTS_PER_MINUTE)),
    )
    .returning('session_id')
    .executeTakeFirst();
  if (!written) return 'too-many-reports';
  // The admin's previews are not the audience's: never in analytics.
  if (!session.preview) {
    const bounded = { ...report, startupMs: totals.startup_ms, rebufferMs: totals.rebuffer_ms, rebufferCount: totals.rebuffer_count, errors: totals.errors, watchedSeconds: totals.watched_seconds };
    await recordAnalyticsBeacon(deps, session, { durationSeconds: video.duration_seconds, accessMode: video.access_mode }, bounded, beacon);
  }
  if (session.viewerId !== null && !session.preview && report.positionSeconds != null)
    await keepViewerPlace(deps, { tenantId: session.tenantId, viewerId: session.viewerId }, { id: video.id, durationSeconds: video.duration_seconds }, report.positionSeconds);
  return 'recorded';
}

/** What the session could have measured in the time it has existed: a report claiming more is cut to that. */
function boundedTotals(session: PlaybackSession, report: QoeReport, now: Date) {
  const elapsedMs = Math.max(0, now.getTime() - session.startedAt);
  const within = (value: number, ceiling: number) => Math.min(value, Math.floor(ceiling));
  const events = EVENTS_UP_FRONT + elapsedMs / 1000;
  return {
    startup_ms: report.startupMs === null ? null : within(report.startupMs, elapsedMs + SLACK_MS),
    rebuffer_ms: within(report.rebufferMs, elapsedMs + SLACK_MS),
    rebuffer_count: within(report.rebufferCount, events),
    bitrate_switches: within(report.bitrateSwitches, events),
    errors: within(report.errors, events),
    watched_seconds: Math.min(report.watchedSeconds, ((elapsedMs + SLACK_MS) / 1000) * MAX_PLAYBACK_RATE),
  };
}
