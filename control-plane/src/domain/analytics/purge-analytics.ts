// Raw analytics events are kept for OTT_ANALYTICS_RAW_RETENTION_DAYS (30 by default), the sessions' state as long
// (a session cannot beacon for that long), the rollups for good. Each day's hashing salt is deleted once the day is
// over, so no viewer hash can be recomputed afterwards (viewer-hash.ts).
import { sql } from 'kysely';
import type { DomainDeps } from '../deps.js';
import { isoDay, startOfDay } from '../usage/time-buckets.js';

export const DEFAULT_RAW_RETENTION_DAYS = 30;

export async function purgeAnalytics(deps: Pick<DomainDeps, 'db' | 'clock'>, rawRetentionDays: number): Promise<{ events: number; sessions: number; salts: number }> {
  const now = deps.clock.now();
  const before = new Date(now.getTime() - rawRetentionDays * 86_400_000);
  const events = await deps.db.deleteFrom('analytics_events').where('received_at', '<', before).executeTakeFirst();
  const sessions = await deps.db.deleteFrom('analytics_session_state').where('updated_at', '<', before).executeTakeFirst();
  const salts = await deps.db
    .deleteFrom('analytics_salts')
    .where('day', '<', sql<string>`${isoDay(startOfDay(now))}::date`)
    .executeTakeFirst();
  return { events: Number(events.numDeletedRows), sessions: Number(sessions.numDeletedRows), salts: Number(salts.numDeletedRows) };
}
