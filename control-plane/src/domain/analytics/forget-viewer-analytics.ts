// A viewer's analytics data goes on request (their removal from the tenant's pool): their raw events and their
// sessions' state. The rollups keep the counts their sessions added (views, seconds, histogram buckets): sums over
// many sessions that name no viewer and hold no hash of them, so nothing in them can be traced back to the person.
import type { DomainDeps } from '../deps.js';

export async function forgetViewerAnalytics(deps: Pick<DomainDeps, 'db'>, viewer: { tenantId: string; viewerId: string }): Promise<{ events: number }> {
  const events = await deps.db.deleteFrom('analytics_events').where('tenant_id', '=', viewer.tenantId).where('viewer_id', '=', viewer.viewerId).executeTakeFirst();
  await deps.db.deleteFrom('analytics_session_state').where('tenant_id', '=', viewer.tenantId).where('viewer_id', '=', viewer.viewerId).execute();
  return { events: Number(events.numDeletedRows) };
}
