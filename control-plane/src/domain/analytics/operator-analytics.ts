// The operator's view across tenants for one UTC month: each tenant's audience (views, watch time, daily viewers)
// beside its delivery, what that usage cost the platform and what the tenant was invoiced (billing/platform-cost.ts).
import { operatorAnalyticsQuerySchema, type OperatorAnalytics, type OperatorAnalyticsQuery } from '@ott/contracts';
import { sql } from 'kysely';
import { platformCosts } from '../billing/platform-cost.js';
import type { DomainDeps } from '../deps.js';
import { isoDay, startOfMonth, startOfNextMonth } from '../usage/time-buckets.js';
import { round } from './rollup-scope.js';

export async function operatorAnalytics(deps: Pick<DomainDeps, 'db' | 'clock'>, query: OperatorAnalyticsQuery): Promise<OperatorAnalytics> {
  const { month } = operatorAnalyticsQuerySchema.parse(query);
  const from = month ? new Date(`${month}-01T00:00:00Z`) : startOfMonth(deps.clock.now());
  const to = startOfNextMonth(from);
  const [costs, audience, viewers] = await Promise.all([
    platformCosts(deps, isoDay(from).slice(0, 7)),
    sql<{ tenant_id: string; views: string; watch_seconds: number }>`
      select tenant_id, sum(views) as views, sum(watch_seconds) as watch_seconds from analytics_day where bucket >= ${from} and bucket < ${to} group by tenant_id`.execute(deps.db),
    sql<{ tenant_id: string; viewers: string }>`
      select tenant_id, count(distinct (day, viewer_hash)) as viewers from analytics_viewer_days where day >= ${isoDay(from)}::date and day < ${isoDay(to)}::date group by tenant_id`.execute(deps.db),
  ]);
  const audienceOf = new Map(audience.rows.map((row) => [row.tenant_id, row]));
  const viewersOf = new Map(viewers.rows.map((row) => [row.tenant_id, Number(row.viewers)]));
  return {
    period: { from: from.toISOString(), to: to.toISOString() },
    tenants: costs.tenants
      .map((tenant) => ({
        tenantId: tenant.tenantId,
        tenantName: tenant.name,
        views: Number(audienceOf.get(tenant.tenantId)?.views ?? 0),
        watchSeconds: round(Number(audienceOf.get(tenant.tenantId)?.watch_seconds ?? 0), 1),
        uniqueViewers: viewersOf.get(tenant.tenantId) ?? 0,
        egressGB: tenant.usage.egressGB,
        costCents: tenant.awsCostCents.total,
        revenueCents: tenant.billedCents,
        marginCents: tenant.marginCents,
      }))
      .sort((a, b) => b.views - a.views || a.tenantName.localeCompare(b.tenantName)),
  };
}
