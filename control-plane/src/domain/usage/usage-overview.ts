// The usage page's bill at a glance: this period's usage of each billed meter against what the plan includes and
// its hard limits, a month-end forecast (linear from the days so far, an estimate), the invoice so far and forecast,
// what the units mean, and the owner's own previews counted apart from viewers' plays.
import { sql } from 'kysely';
import type { DomainDeps } from '../deps.js';
import { computeInvoice, type UsageTotals } from '../billing/invoice-lines.js';
import { ensureOpenPeriod, periodCharges, unbilledTotals } from '../billing/billing-periods.js';
import { describeUnitPrice } from '../billing/money.js';
import { MB_HOURS_PER_GB_MONTH, planOf, type PlanId } from '../billing/plans.js';
import { BILLABLE_METERS, type BillableMeter } from './meters.js';
import { storedBytesByTenant } from './storage-sampling.js';
import { explainTranscodeMinutes } from './transcode-explanation.js';

const DAY_MS = 86_400_000;

/** How each meter is shown: transcode in normalised minutes, egress in bytes (the page picks MB or GB), storage in GB-months. */
const GAUGE_UNITS: Record<BillableMeter, { unit: MeterGauge['unit']; perUnit: number; priceUnit: string; pricePerUnit: number }> = {
  transcode: { unit: 'normalised minutes', perUnit: 60, priceUnit: 'normalised minute', pricePerUnit: 60 },
  egress: { unit: 'bytes', perUnit: 1, priceUnit: 'GB', pricePerUnit: 1e9 },
  storage: { unit: 'GB-months', perUnit: MB_HOURS_PER_GB_MONTH, priceUnit: 'GB-month', pricePerUnit: MB_HOURS_PER_GB_MONTH },
};

export interface MeterGauge {
  meter: BillableMeter;
  unit: 'normalised minutes' | 'bytes' | 'GB-months';
  used: number;
  /** What the plan includes each period. */
  included: number;
  /** Where new uploads stop (plans that sell nothing beyond what they include); null for none. */
  limit: number | null;
  /** At the period's end if use goes on as so far: an estimate. */
  forecast: number;
  /** The price beyond what is included, or null where the plan sells none. */
  overagePrice: string | null;
}

export interface UsageOverview {
  period: { startsAt: Date; endsAt: Date };
  asOf: Date;
  plan: { id: PlanId; name: string };
  /** Days of the period so far (today counts) and in all: the forecast's basis. */
  days: { soFar: number; total: number };
  meters: MeterGauge[];
  invoice: { soFarCents: number; forecastCents: number };
  transcode: { sourceMinutes: number; explanation: string };
  storage: { storedBytesNow: number; limitBytes: number | null };
  /** Plays this period: viewers', and the workspace's own previews in the portal. */
  plays: { viewers: number; previews: number };
  /** Bytes the portal's previews took this period (already inside the egress meter). */
  previewEgressBytes: number;
}

export async function usageOverview(deps: Pick<DomainDeps, 'db' | 'clock'>, tenantId: string): Promise<UsageOverview> {
  const now = deps.clock.now();
  const period = await ensureOpenPeriod(deps.db, tenantId, now);
  const plan = planOf(period.planId);
  const totals = await unbilledTotals(deps.db, tenantId, period.endsAt);
  const total = Math.max(1, Math.round((period.endsAt.getTime() - period.startsAt.getTime()) / DAY_MS));
  const soFar = Math.min(total, Math.max(1, Math.ceil((now.getTime() - period.startsAt.getTime()) / DAY_MS)));
  const forecastTotals = {} as UsageTotals;
  const meters = BILLABLE_METERS.map((meter): MeterGauge => {
    const units = GAUGE_UNITS[meter];
    forecastTotals[meter] = (totals[meter] * BigInt(total)) / BigInt(soFar);
    const limits = plan.billing.limits;
    const limit = meter === 'transcode' ? limits.transcodeSecondsPerPeriod : null;
    const price = plan.billing.overage[meter];
    return {
      meter,
      unit: units.unit,
      used: Number(totals[meter]) / units.perUnit,
      included: plan.billing.included[meter] / units.perUnit,
      limit: limit === null ? null : limit / units.perUnit,
      forecast: Number(forecastTotals[meter]) / units.perUnit,
      overagePrice: price ? describeUnitPrice(price, units.priceUnit, units.pricePerUnit) : null,
    };
  });
  const charges = await periodCharges(deps.db, period.id);
  const [stored] = await storedBytesByTenant(deps, tenantId);
  const within = (meter: string) =>
    deps.db
      .selectFrom('usage_events')
      .select(sql<string>`coalesce(sum(quantity), 0)`.as('quantity'))
      .where('tenant_id', '=', tenantId)
      .where('meter', '=', meter)
      .where('occurred_at', '>=', period.startsAt)
      .where('occurred_at', '<', period.endsAt)
      .executeTakeFirstOrThrow();
  // A video's length is its longest rendition's, recorded with each transcode event.
  const source = await sql<{ seconds: string | null }>`
    select sum(seconds)::text as seconds from (
      select max((details->>'durationSeconds')::numeric) as seconds from usage_events
      where tenant_id = ${tenantId} and meter = 'transcode' and occurred_at >= ${period.startsAt} and occurred_at < ${period.endsAt}
      group by video_id) per_video`.execute(deps.db);
  const [plays, previews, previewEgress] = await Promise.all([within('plays'), within('preview_plays'), within('preview_egress')]);
  return {
    period: { startsAt: period.startsAt, endsAt: period.endsAt },
    asOf: now,
    plan: { id: plan.id, name: plan.name },
    days: { soFar, total },
    meters,
    invoice: { soFarCents: computeInvoice(plan, totals, charges).totalCents, forecastCents: computeInvoice(plan, forecastTotals, charges).totalCents },
    transcode: { sourceMinutes: Number(source.rows[0]?.seconds ?? 0) / 60, explanation: explainTranscodeMinutes() },
    storage: { storedBytesNow: (stored?.sourceBytes ?? 0) + (stored?.renditionBytes ?? 0), limitBytes: plan.billing.limits.storedBytes },
    plays: { viewers: Number(plays.quantity), previews: Number(previews.quantity) },
    previewEgressBytes: Number(previewEgress.quantity),
  };
}
