// One analytics event: what one beacon added to its session, never the running totals it carried. Derived from the
// beacon and what the session had already contributed (its state), so that a beacon repeated, late or out of order
// adds nothing that was counted before, and the rollups are sums of events.
import type { QoeReport } from '@ott/contracts';
import type { ViewerDimensions } from './viewer-dimensions.js';

/** The retention curve's points: one per 1 % of the video's duration, 0 to 100. */
export const RETENTION_POINTS = 101;
/** A view that reached this share of the video counts as completed. */
export const COMPLETION_SHARE = 0.9;

export interface AnalyticsEvent {
  tenantId: string;
  sessionId: string;
  /** The session's events in order, from 1: with the session, the event's key (a repeated event is not counted again). */
  sequence: number;
  receivedAt: Date;
  videoId: string;
  /** The signed-in viewer of the tenant's pool, kept so that their data can be deleted on request; null when anonymous. */
  viewerId: string | null;
  viewerHash: string;
  dimensions: ViewerDimensions;
  /** 1 on the session's first event. */
  sessionStart: 0 | 1;
  /** 1 when the session reached its first frame with this event. */
  views: 0 | 1;
  /** 1 when the session failed before a first frame with this event. */
  failures: 0 | 1;
  /** 1 when the session reached COMPLETION_SHARE of the video with this event. */
  completions: 0 | 1;
  /** With `views`: the session's start-up time, and the rendition height its first frame was in. */
  startupMs: number | null;
  firstFrameHeight: number | null;
  /** The session's first error code, on the event that brought it. */
  errorCode: string | null;
  rebufferMs: number;
  rebufferCount: number;
  watchSeconds: number;
  /** Retention points newly reached: [from, to). */
  retentionFrom: number;
  retentionTo: number;
  /** Seconds watched per rendition since the previous event. */
  renditions: { height: number; bitrateKbps: number; seconds: number }[];
}

/** What a session has contributed so far (the analytics_session_state row); undefined before its first beacon. */
export interface SessionContribution {
  events: number;
  viewed: boolean;
  failed: boolean;
  completed: boolean;
  errorCode: string | null;
  rebufferMs: number;
  rebufferCount: number;
  watchSeconds: number;
  /** The furthest retention point reached; -1 for none. */
  retentionPoint: number;
  renditionSeconds: Record<string, number>;
}

export const NO_CONTRIBUTION: SessionContribution = {
  events: 0,
  viewed: false,
  failed: false,
  completed: false,
  errorCode: null,
  rebufferMs: 0,
  rebufferCount: 0,
  watchSeconds: 0,
  retentionPoint: -1,
  renditionSeconds: {},
};

/** The beacon's totals after the session's bounds (qoe-report.ts cuts claims beyond the session's age). */
export type BoundedTotals = Pick<QoeReport, 'startupMs' | 'rebufferMs' | 'rebufferCount' | 'errors' | 'watchedSeconds' | 'positionSeconds' | 'errorCode' | 'firstFrameHeight' | 'renditions'>;

export interface SessionIdentity {
  tenantId: string;
  sessionId: string;
  videoId: string;
  viewerId: string | null;
  viewerHash: string;
  dimensions: ViewerDimensions;
  durationSeconds: number | null;
}

/** The event a beacon makes, and the session's contribution after it. */
export function nextAnalyticsEvent(session: SessionIdentity, before: SessionContribution, totals: BoundedTotals, receivedAt: Date): { event: AnalyticsEvent; after: SessionContribution } {
  const grew = (now: number, was: number) => Math.max(0, now - was);
  const viewed = before.viewed || totals.startupMs !== null;
  const failed = before.failed || (!viewed && totals.errors > 0);
  const errorCode = before.errorCode ?? (totals.errors > 0 ? (totals.errorCode ?? 'unknown') : null);
  const reachedPoint = viewed ? retentionPoint(totals.positionSeconds, session.durationSeconds) : -1;
  const retentionTo = Math.max(before.retentionPoint, reachedPoint);
  const completed = before.completed || (viewed && retentionTo >= Math.round(COMPLETION_SHARE * (RETENTION_POINTS - 1)));
  const renditionSeconds = { ...before.renditionSeconds };
  const renditions: AnalyticsEvent['renditions'] = [];
  for (const rendition of totals.renditions ?? []) {
    const key = String(rendition.height);
    const added = grew(rendition.seconds, renditionSeconds[key] ?? 0);
    if (added <= 0) continue;
    renditions.push({ height: rendition.height, bitrateKbps: rendition.bitrateKbps, seconds: added });
    renditionSeconds[key] = rendition.seconds;
  }
  const after: SessionContribution = {
    events: before.events + 1,
    viewed,
    failed,
    completed,
    errorCode,
    rebufferMs: Math.max(before.rebufferMs, totals.rebufferMs),
    rebufferCount: Math.max(before.rebufferCount, totals.rebufferCount),
    watchSeconds: Math.max(before.watchSeconds, totals.watchedSeconds),
    retentionPoint: retentionTo,
    renditionSeconds,
  };
  const firstView = viewed && !before.viewed;
  const event: AnalyticsEvent = {
    tenantId: session.tenantId,
    sessionId: session.sessionId,
    sequence: after.events,
    receivedAt,
    videoId: session.videoId,
    viewerId: session.viewerId,
    viewerHash: session.viewerHash,
    dimensions: session.dimensions,
    sessionStart: before.events === 0 ? 1 : 0,
    views: firstView ? 1 : 0,
    failures: failed && !before.failed ? 1 : 0,
    completions: completed && !before.completed ? 1 : 0,
    startupMs: firstView ? totals.startupMs : null,
    firstFrameHeight: firstView ? (totals.firstFrameHeight ?? null) : null,
    errorCode: errorCode !== null && before.errorCode === null ? errorCode : null,
    rebufferMs: after.rebufferMs - before.rebufferMs,
    rebufferCount: after.rebufferCount - before.rebufferCount,
    watchSeconds: after.watchSeconds - before.watchSeconds,
    retentionFrom: before.retentionPoint + 1,
    retentionTo: retentionTo + 1,
    renditions,
  };
  return { event, after };
}

/** The retention point (percent of the duration, 0–100) a position is at; -1 when the duration is not known. */
function retentionPoint(positionSeconds: number | null | undefined, durationSeconds: number | null): number {
  if (durationSeconds === null || durationSeconds <= 0) return -1;
  const position = positionSeconds ?? 0;
  return Math.min(RETENTION_POINTS - 1, Math.floor((position / durationSeconds) * (RETENTION_POINTS - 1)));
}
