// A QoE beacon into analytics: the session's state row is locked, the beacon becomes the event of what grew since
// the session's last one (analytics-event.ts), and the event is ingested with its rollups, all in one transaction.
// A session's dimensions and viewer hash are resolved from its first beacon's request and kept for the session.
import type { Selectable } from 'kysely';
import type { AnalyticsSessionStateTable } from '../../db/schema.js';
import type { DomainDeps } from '../deps.js';
import type { PlaybackSession } from '../playback/playback-session.js';
import { NO_CONTRIBUTION, nextAnalyticsEvent, type BoundedTotals, type SessionContribution, type SessionIdentity } from './analytics-event.js';
import { ingestAnalyticsEvents } from './ingest-analytics-events.js';
import { viewerDimensions, type BeaconRequest } from './viewer-dimensions.js';
import { daySalt, viewerHash } from './viewer-hash.js';

/** What the beacon's HTTP request says about the viewer; the address is only ever hashed. */
export interface AnalyticsBeacon extends Omit<BeaconRequest, 'playerVersion'> {
  clientIp: string | undefined;
}

/** An in-process caller's beacon: no request, so every dimension but the access mode is unknown. */
export const NO_BEACON_REQUEST: AnalyticsBeacon = { userAgent: undefined, referrer: undefined, country: undefined, clientIp: undefined };

export async function recordAnalyticsBeacon(
  deps: Pick<DomainDeps, 'db' | 'clock'>,
  session: PlaybackSession,
  video: { durationSeconds: number | null; accessMode: string },
  totals: BoundedTotals & { playerVersion?: string | undefined },
  beacon: AnalyticsBeacon,
): Promise<void> {
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    const locked = () => trx.selectFrom('analytics_session_state').selectAll().where('session_id', '=', session.sessionId).forUpdate().executeTakeFirst();
    let state = await locked();
    if (state === undefined) {
      const dimensions = viewerDimensions({ ...beacon, playerVersion: totals.playerVersion }, video.accessMode);
      const hash = viewerHash(await daySalt(trx, now), session.tenantId, beacon.clientIp, beacon.userAgent);
      await trx
        .insertInto('analytics_session_state')
        .values({
          session_id: session.sessionId,
          tenant_id: session.tenantId,
          video_id: session.videoId,
          started_at: now,
          viewer_id: session.viewerId,
          viewer_hash: hash,
          country: dimensions.country,
          device_type: dimensions.deviceType,
          os: dimensions.os,
          browser: dimensions.browser,
          referrer_origin: dimensions.referrerOrigin,
          player_version: dimensions.playerVersion,
          access_mode: dimensions.accessMode,
          updated_at: now,
        })
        .onConflict((conflict) => conflict.column('session_id').doNothing())
        .execute();
      state = await locked();
    }
    if (state === undefined) throw new Error(`The analytics state of session ${session.sessionId} vanished while it was being written.`);
    const { event, after } = nextAnalyticsEvent(identityOf(state, video.durationSeconds), contributionOf(state), totals, now);
    await trx
      .updateTable('analytics_session_state')
      .set({
        events: after.events,
        viewed: after.viewed,
        failed: after.failed,
        completed: after.completed,
        error_code: after.errorCode,
        rebuffer_ms: after.rebufferMs,
        rebuffer_count: after.rebufferCount,
        watch_seconds: after.watchSeconds,
        retention_bucket: after.retentionPoint,
        rendition_seconds: JSON.stringify(after.renditionSeconds) as unknown as Record<string, number>,
        updated_at: now,
      })
      .where('session_id', '=', session.sessionId)
      .execute();
    await ingestAnalyticsEvents(trx, [event]);
  });
}

function identityOf(state: Selectable<AnalyticsSessionStateTable>, durationSeconds: number | null): SessionIdentity {
  return {
    tenantId: state.tenant_id,
    sessionId: state.session_id,
    videoId: state.video_id,
    viewerId: state.viewer_id,
    viewerHash: state.viewer_hash,
    dimensions: {
      country: state.country,
      deviceType: state.device_type as SessionIdentity['dimensions']['deviceType'],
      os: state.os,
      browser: state.browser,
      referrerOrigin: state.referrer_origin,
      playerVersion: state.player_version,
      accessMode: state.access_mode,
    },
    durationSeconds,
  };
}

function contributionOf(state: Selectable<AnalyticsSessionStateTable>): SessionContribution {
  if (state.events === 0) return NO_CONTRIBUTION;
  return {
    events: state.events,
    viewed: state.viewed,
    failed: state.failed,
    completed: state.completed,
    errorCode: state.error_code,
    rebufferMs: Number(state.rebuffer_ms),
    rebufferCount: state.rebuffer_count,
    watchSeconds: state.watch_seconds,
    retentionPoint: state.retention_bucket,
    renditionSeconds: state.rendition_seconds,
  };
}
