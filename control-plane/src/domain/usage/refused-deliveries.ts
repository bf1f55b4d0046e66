// Requests the edge refused (403 unsigned or forged, 404, 416, errors): never a tenant's egress or plays, but
// worth the operator's eye (CloudFront still counts them, and a burst of them is someone probing a tenant's
// videos). Written with the usage of the same log range, read per tenant and hour.
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { DomainDeps } from '../deps.js';
import { startOfMonth, startOfNextMonth } from './time-buckets.js';

export interface NewRefusedDelivery {
  /** Idempotency key: names the log range and the tenant, video, hour and status it counts. */
  key: string;
  tenantId: string;
  videoId: string | null;
  hour: Date;
  status: number;
  source: string;
  requests: number;
  bytes: number;
}

const INSERT_CHUNK = 2000;

/** Inside the ingestion's transaction; a key recorded before adds nothing. Returns how many requests were new. */
export async function recordRefusedDeliveries(trx: Kysely<Database>, rows: readonly NewRefusedDelivery[]): Promise<number> {
  let recorded = 0;
  for (let start = 0; start < rows.length; start += INSERT_CHUNK) {
    const inserted = await trx
      .insertInto('refused_deliveries')
      .values(
        rows.slice(start, start + INSERT_CHUNK).map((row) => ({
          event_key: row.key,
          tenant_id: row.tenantId,
          video_id: row.videoId,
          hour: row.hour,
          status: row.status,
          source: row.source,
          requests: row.requests,
          bytes: row.bytes,
        })),
      )
      .onConflict((conflict) => conflict.column('event_key').doNothing())
      .returning('requests')
      .execute();
    recorded += inserted.reduce((sum, row) => sum + Number(row.requests), 0);
  }
  return recorded;
}

export interface RefusedHour {
  hour: Date;
  requests: number;
  bytes: number;
  /** Requests by the status the edge answered (`0`: CloudFront's `000`, the viewer left before any answer). */
  statuses: Record<string, number>;
}

export interface TenantRefusals {
  tenantId: string;
  slug: string;
  requests: number;
  bytes: number;
  statuses: Record<string, number>;
  hours: RefusedHour[];
}

export interface RefusedDeliveriesReport {
  month: string;
  /** Tenants with refused requests in the month, most refused first. */
  tenants: TenantRefusals[];
  totals: { requests: number; bytes: number };
}

/** The operator's view: per tenant and hour of one month (default: this one), by status. */
export async function refusedDeliveries(deps: Pick<DomainDeps, 'db' | 'clock'>, month?: string): Promise<RefusedDeliveriesReport> {
  const from = month ? new Date(`${month}-01T00:00:00Z`) : startOfMonth(deps.clock.now());
  const rows = await deps.db
    .selectFrom('refused_deliveries')
    .innerJoin('tenants', 'tenants.id', 'refused_deliveries.tenant_id')
    .select(['refused_deliveries.tenant_id', 'tenants.slug', 'refused_deliveries.hour', 'refused_deliveries.status'])
    .select([sql<string>`sum(refused_deliveries.requests)`.as('requests'), sql<string>`sum(refused_deliveries.bytes)`.as('bytes')])
    .where('refused_deliveries.hour', '>=', from)
    .where('refused_deliveries.hour', '<', startOfNextMonth(from))
    .groupBy(['refused_deliveries.tenant_id', 'tenants.slug', 'refused_deliveries.hour', 'refused_deliveries.status'])
    .orderBy('refused_deliveries.hour')
    .execute();
  const tenants = new Map<string, TenantRefusals & { byHour: Map<number, RefusedHour> }>();
  for (const row of rows) {
    const requests = Number(row.requests);
    const bytes = Number(row.bytes);
    let tenant = tenants.get(row.tenant_id);
    if (!tenant) {
      tenant = { tenantId: row.tenant_id, slug: row.slug, requests: 0, bytes: 0, statuses: {}, hours: [], byHour: new Map() };
      tenants.set(row.tenant_id, tenant);
    }
    let hour = tenant.byHour.get(row.hour.getTime());
    if (!hour) {
      hour = { hour: row.hour, requests: 0, bytes: 0, statuses: {} };
      tenant.byHour.set(row.hour.getTime(), hour);
      tenant.hours.push(hour);
    }
    for (const sum of [tenant, hour]) {
      sum.requests += requests;
      sum.bytes += bytes;
      sum.statuses[row.status] = (sum.statuses[row.status] ?? 0) + requests;
    }
  }
  const report = [...tenants.values()].map(({ byHour: _byHour, ...tenant }) => tenant).sort((a, b) => b.requests - a.requests || a.slug.localeCompare(b.slug));
  return {
    month: from.toISOString().slice(0, 7),
    tenants: report,
    totals: { requests: report.reduce((sum, tenant) => sum + tenant.requests, 0), bytes: report.reduce((sum, tenant) => sum + tenant.bytes, 0) },
  };
}
