// The plans as people compare them: fee, what is included each month, the price beyond it, the limits.
import { PLANS, type PlanId } from './plans.js';
import { BILLABLE_METERS, type BillableMeter } from '../usage/meters.js';
import { describeUnitPrice } from './money.js';

export interface PlanOffer {
  id: PlanId;
  name: string;
  monthlyFeeCents: number;
  included: Record<BillableMeter, string>;
  overage: Record<BillableMeter, string | null>;
  limits: { transcodeMinutesPerMonth: number | null; storedGB: number | null; maxUploadGB: number };
}

const UNITS: Record<BillableMeter, { singular: string; plural: string; perUnit: number }> = {
  transcode: { singular: 'normalised minute', plural: 'normalised minutes', perUnit: 60 },
  egress: { singular: 'GB', plural: 'GB', perUnit: 1e9 },
  storage: { singular: 'GB-month', plural: 'GB-months', perUnit: 730_000 },
};

export function planCatalogue(): PlanOffer[] {
  return Object.values(PLANS).map((plan) => {
    const included = {} as Record<BillableMeter, string>;
    const overage = {} as Record<BillableMeter, string | null>;
    for (const meter of BILLABLE_METERS) {
      const unit = UNITS[meter];
      included[meter] = `${(plan.billing.included[meter] / unit.perUnit).toLocaleString('en-US')} ${unit.plural}`;
      const price = plan.billing.overage[meter];
      overage[meter] = price ? describeUnitPrice(price, unit.singular, unit.perUnit) : null;
    }
    const { transcodeSecondsPerPeriod, storedBytes } = plan.billing.limits;
    return {
      id: plan.id,
      name: plan.name,
      monthlyFeeCents: plan.billing.monthlyFeeCents,
      included,
      overage,
      limits: {
        transcodeMinutesPerMonth: transcodeSecondsPerPeriod === null ? null : transcodeSecondsPerPeriod / 60,
        storedGB: storedBytes === null ? null : storedBytes / 1e9,
        maxUploadGB: plan.maxUploadBytes / 1e9,
      },
    };
  });
}
