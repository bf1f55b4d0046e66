// Plans as data: upload limits (enforced at upload time), and billing — the monthly fee, the usage included each
// month, the price of usage beyond it, and the free plan's hard limits. Quantities are in the meters' base units
// (domain/usage/meters.ts); prices are millicents (1/1000 cent) per `per` base units, so every amount is exact.
// Every fee and overage price keeps MIN_GROSS_MARGIN over its worst-case AWS cost (plan-cost-coverage.ts, checked by
// test/billing/plan-cost-coverage.test.ts); docs/aws-costs.md shows the arithmetic. Change a number here, run that test.
import type { BillableMeter } from '../usage/meters.js';

export type PlanId = 'free' | 'pro' | 'enterprise';

/** `millicents` for every `per` base units: $0.015 per normalised minute is { millicents: 1500, per: 60 }. */
export interface UnitPrice {
  millicents: number;
  per: number;
}

export interface PlanBilling {
  monthlyFeeCents: number;
  /** Included each billing period, in base units. */
  included: Record<BillableMeter, number>;
  /** Price beyond the included quantity; null where the plan does not sell more (the limits below apply instead). */
  overage: Record<BillableMeter, UnitPrice | null>;
  /** Hard limits that refuse new uploads; null for none. */
  limits: { transcodeSecondsPerPeriod: number | null; storedBytes: number | null };
}

export interface Plan {
  id: PlanId;
  name: string;
  maxUploadBytes: number;
  maxDurationSeconds: number;
  showsPlatformLogo: boolean;
  /** The platform's cut of what the tenant sells to its viewers (application fee), in percent of each payment. */
  salesFeePercent: number;
  billing: PlanBilling;
}

const GB = 1000 ** 3;
const MINUTE = 60;
/** A GB-month of storage in MB-hours (the storage meter's base unit), with AWS's 730-hour month. */
export const MB_HOURS_PER_GB_MONTH = 1000 * 730;
const perMinute = (cents: number): UnitPrice => ({ millicents: Math.round(cents * 1000), per: MINUTE });
const perGB = (cents: number): UnitPrice => ({ millicents: Math.round(cents * 1000), per: GB });
const perGBMonth = (cents: number): UnitPrice => ({ millicents: Math.round(cents * 1000), per: MB_HOURS_PER_GB_MONTH });

export const PLANS: Record<PlanId, Plan> = {
  free: {
    id: 'free',
    name: 'Free',
    maxUploadBytes: 2 * GB,
    maxDurationSeconds: 20 * 60,
    showsPlatformLogo: true,
    salesFeePercent: 10,
    billing: {
      monthlyFeeCents: 0,
      included: { transcode: 60 * MINUTE, egress: 10 * GB, storage: 5 * MB_HOURS_PER_GB_MONTH },
      overage: { transcode: null, egress: null, storage: null },
      limits: { transcodeSecondsPerPeriod: 60 * MINUTE, storedBytes: 5 * GB },
    },
  },
  pro: {
    id: 'pro',
    name: 'Pro',
    maxUploadBytes: 50 * GB,
    maxDurationSeconds: 4 * 3600,
    showsPlatformLogo: false,
    salesFeePercent: 5,
    billing: {
      monthlyFeeCents: 4900,
      included: { transcode: 1000 * MINUTE, egress: 1000 * GB, storage: 500 * MB_HOURS_PER_GB_MONTH },
      overage: { transcode: perMinute(1.5), egress: perGB(12), storage: perGBMonth(5) },
      limits: { transcodeSecondsPerPeriod: null, storedBytes: null },
    },
  },
  enterprise: {
    id: 'enterprise',
    name: 'Enterprise',
    maxUploadBytes: 250 * GB,
    maxDurationSeconds: 12 * 3600,
    showsPlatformLogo: false,
    salesFeePercent: 2,
    billing: {
      monthlyFeeCents: 79900,
      included: { transcode: 15_000 * MINUTE, egress: 20_000 * GB, storage: 10_000 * MB_HOURS_PER_GB_MONTH },
      overage: { transcode: perMinute(1.5), egress: perGB(11), storage: perGBMonth(3.5) },
      limits: { transcodeSecondsPerPeriod: null, storedBytes: null },
    },
  },
};

export function isPlanId(value: string): value is PlanId {
  return value in PLANS;
}

export function planOf(id: string): Plan {
  return PLANS[id as PlanId] ?? PLANS.free;
}
