// What the plans look like in Stripe: one Billing Meter per billable meter, and per paid plan a monthly fee price
// plus one metered, graduated price per meter (the first tier, up to the included quantity, is free). Found by
// lookup key, created when missing. A lookup key carries a digest of the price it stands for, so editing a price
// in plans.ts creates a new Stripe price; existing subscriptions keep theirs, as Stripe intends.
import { createHash } from 'node:crypto';
import Stripe from 'stripe';
import { centsPerBaseUnit } from '../../domain/billing/money.js';
import { PLANS, type Plan, type PlanId } from '../../domain/billing/plans.js';
import { BILLABLE_METERS, type BillableMeter } from '../../domain/usage/meters.js';

export const METER_EVENT_NAMES: Record<BillableMeter, string> = {
  transcode: 'ott_transcode_normalised_seconds',
  egress: 'ott_egress_bytes',
  storage: 'ott_storage_mb_hours',
};

const METER_NAMES: Record<BillableMeter, string> = {
  transcode: 'Transcoding (normalised seconds)',
  egress: 'Delivery egress (bytes)',
  storage: 'Storage (MB-hours)',
};

export interface StripeCatalog {
  meterIds: Record<BillableMeter, string>;
  /** Price ids a subscription to the plan is made of: the monthly fee first, then the metered prices. */
  pricesFor(planId: PlanId): string[];
}

interface PriceSpec {
  lookupKey: string;
  planId: PlanId;
  create(meterIds: Record<BillableMeter, string>): Stripe.PriceCreateParams;
}

export async function ensureCatalog(stripe: Stripe): Promise<StripeCatalog> {
  const meterIds = await ensureMeters(stripe);
  const specs = Object.values(PLANS).filter(isSold).flatMap(priceSpecs);
  const found = new Map<string, string>();
  // Stripe accepts at most ten lookup keys per list request.
  for (let start = 0; start < specs.length; start += 10) {
    const page = await stripe.prices.list({ lookup_keys: specs.slice(start, start + 10).map((spec) => spec.lookupKey), active: true, limit: 10 });
    for (const price of page.data) if (price.lookup_key) found.set(price.lookup_key, price.id);
  }
  for (const spec of specs) {
    if (found.has(spec.lookupKey)) continue;
    const price = await stripe.prices.create(spec.create(meterIds), { idempotencyKey: `ott-price-${spec.lookupKey}` });
    found.set(spec.lookupKey, price.id);
  }
  return {
    meterIds,
    pricesFor(planId) {
      return specs.filter((spec) => spec.planId === planId).map((spec) => found.get(spec.lookupKey) ?? '');
    },
  };
}

async function ensureMeters(stripe: Stripe): Promise<Record<BillableMeter, string>> {
  const existing = new Map<string, string>();
  for await (const meter of stripe.billing.meters.list({ status: 'active', limit: 100 })) existing.set(meter.event_name, meter.id);
  const ids: Partial<Record<BillableMeter, string>> = {};
  for (const meter of BILLABLE_METERS) {
    const eventName = METER_EVENT_NAMES[meter];
    ids[meter] =
      existing.get(eventName) ??
      (
        await stripe.billing.meters.create(
          {
            display_name: METER_NAMES[meter],
            event_name: eventName,
            default_aggregation: { formula: 'sum' },
            customer_mapping: { type: 'by_id', event_payload_key: 'stripe_customer_id' },
            value_settings: { event_payload_key: 'value' },
          },
          { idempotencyKey: `ott-meter-${eventName}` },
        )
      ).id;
  }
  return ids as Record<BillableMeter, string>;
}

function isSold(plan: Plan): boolean {
  return plan.billing.monthlyFeeCents > 0 || Object.values(plan.billing.overage).some((price) => price !== null);
}

function priceSpecs(plan: Plan): PriceSpec[] {
  const fee: PriceSpec = {
    lookupKey: lookupKey(plan.id, 'fee', plan.billing.monthlyFeeCents),
    planId: plan.id,
    create: () => ({
      currency: 'usd',
      unit_amount: plan.billing.monthlyFeeCents,
      recurring: { interval: 'month', usage_type: 'licensed' },
      product_data: { name: `OTT Cloud ${plan.name}` },
      lookup_key: lookupKey(plan.id, 'fee', plan.billing.monthlyFeeCents),
    }),
  };
  const usage = BILLABLE_METERS.flatMap((meter): PriceSpec[] => {
    const price = plan.billing.overage[meter];
    if (!price) return [];
    const included = plan.billing.included[meter];
    const key = lookupKey(plan.id, meter, { included, price });
    const perUnit = Stripe.Decimal.from(centsPerBaseUnit(price));
    return [
      {
        lookupKey: key,
        planId: plan.id,
        create: (meterIds) => ({
          currency: 'usd',
          recurring: { interval: 'month', usage_type: 'metered', meter: meterIds[meter] },
          product_data: { name: `OTT Cloud ${plan.name}: ${METER_NAMES[meter]}` },
          lookup_key: key,
          ...(included > 0
            ? {
                billing_scheme: 'tiered',
                tiers_mode: 'graduated',
                tiers: [
                  { up_to: included, unit_amount: 0 },
                  { up_to: 'inf', unit_amount_decimal: perUnit },
                ],
              }
            : { billing_scheme: 'per_unit', unit_amount_decimal: perUnit }),
        }),
      },
    ];
  });
  return [fee, ...usage];
}

function lookupKey(planId: PlanId, part: string, spec: unknown): string {
  return `ott_${planId}_${part}_${createHash('sha256').update(JSON.stringify(spec)).digest('hex').slice(0, 10)}`;
}
