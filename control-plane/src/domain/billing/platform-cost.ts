// The operator's view of each tenant's economics: what the platform pays AWS for the tenant's usage (MediaConvert
// minutes by tier, S3 storage by class, CloudFront egress and requests), next to what the tenant is billed for the same
// month; and, per tenant distribution, its month under pay-as-you-go and under each CloudFront flat-rate plan, with
// the cheaper one to attach (docs/aws-costs.md says how).
import { sql } from 'kysely';
import type { DomainDeps } from '../deps.js';
import { MB_HOURS_PER_GB_MONTH, planOf } from './plans.js';
import { startOfMonth, startOfNextMonth } from '../usage/time-buckets.js';
import { AWS_PRICES } from './aws-prices.js';
import { cheapestCloudFront, cloudFrontOptions, payAsYouGoDollars, type CloudFrontPricing } from './cloudfront-pricing.js';
import { computeInvoice } from './invoice-lines.js';

export interface TenantCost {
  tenantId: string;
  slug: string;
  name: string;
  plan: string;
  usage: {
    transcodeNormalisedMinutes: { basic: number; professional: number };
    egressGB: number;
    /** Requests the tenant's distribution served: what CloudFront's flat-rate allowances count. */
    deliveryRequests: number;
    storageGBMonths: { source: number; rendition: number };
  };
  /** Estimated AWS cost in cents, CloudFront at pay-as-you-go prices. */
  awsCostCents: { mediaConvert: number; s3: number; cloudFront: number; total: number };
  /** The tenant's invoice for the month: closed if issued, otherwise the running preview of the usage so far. */
  billedCents: number;
  invoice: 'closed' | 'preview';
  marginCents: number;
  /** The month's delivery under each CloudFront pricing; `recommended` is the cheapest that carries it unshaped. */
  cloudFront: {
    options: { pricing: CloudFrontPricing; cents: number; covers: boolean }[];
    recommended: { pricing: CloudFrontPricing; cents: number; savingCents: number };
  };
}

export interface PlatformCostReport {
  month: string;
  prices: { readOn: string; region: string; sources: readonly string[] };
  tenants: TenantCost[];
  totals: { awsCostCents: number; billedCents: number; marginCents: number };
  /** Usage due at the billing provider but not accepted yet, and usage it refused: worth a look when not zero. */
  outbox: { pending: number; failed: number };
}

export async function platformCosts(deps: Pick<DomainDeps, 'db' | 'clock'>, month?: string): Promise<PlatformCostReport> {
  const from = month ? new Date(`${month}-01T00:00:00Z`) : startOfMonth(deps.clock.now());
  const to = startOfNextMonth(from);
  const rows = await sql<{
    id: string;
    slug: string;
    name: string;
    plan: string;
    basic: string;
    professional: string;
    egress: string;
    requests: string;
    source: string;
    rendition: string;
    invoice_total: string | null;
    period_plan: string | null;
  }>`
    select tenants.id, tenants.slug, tenants.name, tenants.plan,
      coalesce(sum(quantity) filter (where meter = 'transcode' and coalesce(details->>'tier', 'basic') = 'basic'), 0)::text as basic,
      coalesce(sum(quantity) filter (where meter = 'transcode' and details->>'tier' = 'professional'), 0)::text as professional,
      coalesce(sum(quantity) filter (where meter = 'egress'), 0)::text as egress,
      coalesce(sum((details->>'requests')::bigint) filter (where meter = 'egress'), 0)::text as requests,
      coalesce(sum(quantity) filter (where meter = 'storage_source'), 0)::text as source,
      coalesce(sum(quantity) filter (where meter = 'storage_rendition'), 0)::text as rendition,
      (select invoices.total_cents::text from invoices join billing_periods on billing_periods.id = invoices.period_id
        where invoices.tenant_id = tenants.id and billing_periods.starts_at = ${from}) as invoice_total,
      (select plan_id from billing_periods where billing_periods.tenant_id = tenants.id and billing_periods.starts_at = ${from}) as period_plan
    from tenants
    left join usage_events on usage_events.tenant_id = tenants.id and usage_events.occurred_at >= ${from} and usage_events.occurred_at < ${to}
    group by tenants.id
    order by tenants.slug`.execute(deps.db);

  const tenants = rows.rows.map((row): TenantCost => {
    const minutes = { basic: Number(row.basic) / 60, professional: Number(row.professional) / 60 };
    const egressGB = Number(row.egress) / 1e9;
    const delivery = { bytes: Number(row.egress), requests: Number(row.requests) };
    const options = cloudFrontOptions(delivery);
    const recommended = cheapestCloudFront(options);
    const storage = { source: Number(row.source) / MB_HOURS_PER_GB_MONTH, rendition: Number(row.rendition) / MB_HOURS_PER_GB_MONTH };
    const dollars = {
      mediaConvert: minutes.basic * AWS_PRICES.mediaConvert.basicPerNormalisedMinute + minutes.professional * AWS_PRICES.mediaConvert.professionalPerNormalisedMinute,
      s3: storage.source * AWS_PRICES.s3.perGBMonth[AWS_PRICES.s3.classOf.source] + storage.rendition * AWS_PRICES.s3.perGBMonth[AWS_PRICES.s3.classOf.rendition],
      cloudFront: payAsYouGoDollars(delivery),
    };
    const cents = { mediaConvert: toCents(dollars.mediaConvert), s3: toCents(dollars.s3), cloudFront: toCents(dollars.cloudFront) };
    const awsTotal = cents.mediaConvert + cents.s3 + cents.cloudFront;
    // A month not closed yet is billed on the usage recorded in it so far.
    const billed =
      row.invoice_total !== null
        ? Number(row.invoice_total)
        : computeInvoice(planOf(row.period_plan ?? row.plan), {
            transcode: BigInt(row.basic) + BigInt(row.professional),
            egress: BigInt(row.egress),
            storage: BigInt(row.source) + BigInt(row.rendition),
          }).totalCents;
    return {
      tenantId: row.id,
      slug: row.slug,
      name: row.name,
      plan: row.period_plan ?? row.plan,
      usage: { transcodeNormalisedMinutes: round3(minutes), egressGB: round(egressGB), deliveryRequests: delivery.requests, storageGBMonths: round3(storage) },
      awsCostCents: { ...cents, total: awsTotal },
      billedCents: billed,
      invoice: row.invoice_total !== null ? 'closed' : 'preview',
      marginCents: billed - awsTotal,
      cloudFront: {
        options: options.map((option) => ({ pricing: option.pricing, cents: toCents(option.dollars), covers: option.covers })),
        recommended: { pricing: recommended.pricing, cents: toCents(recommended.dollars), savingCents: cents.cloudFront - toCents(recommended.dollars) },
      },
    };
  });
  const outbox = await deps.db
    .selectFrom('meter_outbox')
    // Pending means due and not accepted yet: a free tenant's month held back until it ends is not a backlog.
    .select([sql<string>`count(*) filter (where status = 'pending' and next_attempt_at <= ${deps.clock.now()})`.as('pending'), sql<string>`count(*) filter (where status = 'failed')`.as('failed')])
    .executeTakeFirstOrThrow();
  const awsCostCents = tenants.reduce((sum, tenant) => sum + tenant.awsCostCents.total, 0);
  const billedCents = tenants.reduce((sum, tenant) => sum + tenant.billedCents, 0);
  return {
    month: from.toISOString().slice(0, 7),
    prices: { readOn: AWS_PRICES.readOn, region: AWS_PRICES.region, sources: AWS_PRICES.sources },
    tenants,
    totals: { awsCostCents, billedCents, marginCents: billedCents - awsCostCents },
    outbox: { pending: Number(outbox.pending), failed: Number(outbox.failed) },
  };
}

function toCents(dollars: number): number {
  return Math.round(dollars * 100);
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}

function round3<T extends Record<string, number>>(values: T): T {
  return Object.fromEntries(Object.entries(values).map(([key, value]) => [key, round(value)])) as T;
}
