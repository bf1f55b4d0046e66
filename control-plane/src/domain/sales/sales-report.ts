// The tenant's sales over a period: money in and out per currency with the platform's fees, subscribers now (active,
// in trial, past due) and those lost in the period, and rentals and purchases per title. Money comes from the audit
// trail (each sale, renewal and refund recorded once, by its Stripe event). Fees are the application fees Stripe
// reported on each payment (less those it refunded); where none was known the plan's percentage stands in, and
// `estimatedPlatformFees` says how much of `platformFees` that is.
import { sql } from 'kysely';
import type { DomainDeps } from '../deps.js';
import { planOf } from '../billing/plans.js';
import { invalid } from '../errors.js';

export interface SalesReport {
  from: Date;
  to: Date;
  feePercent: number;
  money: { currency: string; revenue: number; refunds: number; platformFees: number; estimatedPlatformFees: number; net: number }[];
  subscribers: { active: number; trialing: number; pastDue: number; churned: number };
  titles: { videoId: string; title: string; rentals: number; purchases: number }[];
}

const MAX_DAYS = 366;

export async function salesReport(deps: Pick<DomainDeps, 'db'>, tenantId: string, period: { from: Date; to: Date }): Promise<SalesReport> {
  if (period.to <= period.from) throw invalid('The report period ends after it starts: give `to` later than `from`.');
  if (period.to.getTime() - period.from.getTime() > MAX_DAYS * 86_400_000) throw invalid(`A report covers at most ${MAX_DAYS} days: ask for one year at a time.`);
  const inPeriod = sql<boolean>`event_created_at >= ${period.from} and event_created_at < ${period.to}`;
  const [tenant, money, statuses, churned, titles] = await Promise.all([
    deps.db.selectFrom('tenants').select('plan').where('id', '=', tenantId).executeTakeFirstOrThrow(),
    deps.db
      .selectFrom('entitlement_events')
      .select([
        'currency',
        sql<string>`coalesce(sum(amount) filter (where amount > 0), 0)`.as('revenue'),
        sql<string>`coalesce(-sum(amount) filter (where amount < 0), 0)`.as('refunds'),
        sql<string>`coalesce(sum(platform_fee), 0)`.as('fees'),
        sql<string>`coalesce(sum(platform_fee) filter (where platform_fee_estimated), 0)`.as('estimatedFees'),
      ])
      .where('tenant_id', '=', tenantId)
      .where('amount', 'is not', null)
      .where(inPeriod)
      .groupBy('currency')
      .orderBy('currency')
      .execute(),
    deps.db
      .selectFrom('entitlements')
      .select(['status', (eb) => eb.fn.countAll<string>().as('count')])
      .where('tenant_id', '=', tenantId)
      .where('kind', '=', 'subscription')
      .where('status', 'in', ['active', 'trialing', 'past_due'])
      .groupBy('status')
      .execute(),
    deps.db
      .selectFrom('entitlement_events')
      .select((eb) => eb.fn.countAll<string>().as('count'))
      .where('tenant_id', '=', tenantId)
      .where('outcome', '=', 'ended')
      .where(inPeriod)
      .executeTakeFirst(),
    deps.db
      .selectFrom('entitlements')
      .innerJoin('videos', (join) => join.on(sql<boolean>`videos.id = any(entitlements.video_ids)`).onRef('videos.tenant_id', '=', 'entitlements.tenant_id'))
      .select([
        'videos.id as videoId',
        'videos.title',
        sql<string>`count(*) filter (where entitlements.kind = 'rental')`.as('rentals'),
        sql<string>`count(*) filter (where entitlements.kind = 'purchase')`.as('purchases'),
      ])
      .where('entitlements.tenant_id', '=', tenantId)
      .where('entitlements.kind', 'in', ['rental', 'purchase'])
      .where('entitlements.created_at', '>=', period.from)
      .where('entitlements.created_at', '<', period.to)
      .groupBy(['videos.id', 'videos.title'])
      .orderBy(sql`count(*)`, 'desc')
      .limit(100)
      .execute(),
  ]);
  const status = (name: string) => Number(statuses.find((row) => row.status === name)?.count ?? 0);
  return {
    ...period,
    feePercent: planOf(tenant.plan).salesFeePercent,
    money: money.map((row) => {
      const revenue = Number(row.revenue);
      const refunds = Number(row.refunds);
      const platformFees = Number(row.fees);
      return { currency: row.currency ?? '', revenue, refunds, platformFees, estimatedPlatformFees: Number(row.estimatedFees), net: revenue - refunds - platformFees };
    }),
    subscribers: { active: status('active'), trialing: status('trialing'), pastDue: status('past_due'), churned: Number(churned?.count ?? 0) },
    titles: titles.map((row) => ({ videoId: row.videoId, title: row.title, rentals: Number(row.rentals), purchases: Number(row.purchases) })),
  };
}
