// How long the delivery log is kept: events (with their deliveries and attempts) older than 30 days go, unless a
// delivery of theirs is still being retried. A tenant's log stays readable without the tables growing for ever.
import { sql } from 'kysely';
import type { DomainDeps } from '../deps.js';

export const HISTORY_DAYS = 30;
/** Rows deleted per statement: a large backlog goes over several sweeps instead of one long lock. */
const BATCH = 5000;

export async function pruneWebhookHistory(deps: Pick<DomainDeps, 'db' | 'clock'>): Promise<number> {
  const cutoff = new Date(deps.clock.now().getTime() - HISTORY_DAYS * 24 * 3600_000);
  const deleted = await sql`
    delete from webhook_events where id in (
      select e.id from webhook_events e
      where e.created_at < ${cutoff}
        and not exists (select 1 from webhook_deliveries d where d.event_id = e.id and d.status = 'pending')
      limit ${BATCH}
    )
  `.execute(deps.db);
  return Number(deleted.numAffectedRows ?? 0n);
}
