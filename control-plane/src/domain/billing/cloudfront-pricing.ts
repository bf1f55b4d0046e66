// What one tenant's distribution costs under CloudFront's pay-as-you-go prices and under each flat-rate plan, and
// which is cheaper for a month's requests and bytes. The operator's cost view shows it per tenant; the plan-price check
// (plan-cost-coverage.ts) uses it for each plan's worst month.
import { AWS_PRICES, type FlatRatePlanId } from './aws-prices.js';

export interface DeliveryTraffic {
  requests: number;
  bytes: number;
}

export type CloudFrontPricing = { kind: 'pay-as-you-go' } | { kind: 'flat-rate'; plan: FlatRatePlanId };

export interface CloudFrontOption {
  pricing: CloudFrontPricing;
  /** USD for the month. */
  dollars: number;
  /** False when the traffic exceeds a flat-rate plan's allowance: AWS would shape it, so the plan is no choice. */
  covers: boolean;
}

const GB = 1e9;

export function payAsYouGoDollars(traffic: DeliveryTraffic): number {
  let dollars = (traffic.requests / 10_000) * AWS_PRICES.cloudFront.perTenThousandHttpsRequests;
  let billedGB = 0;
  const gigabytes = traffic.bytes / GB;
  for (const tier of AWS_PRICES.cloudFront.payAsYouGoTiers) {
    const inTier = Math.min(gigabytes, tier.throughGB) - billedGB;
    if (inTier <= 0) break;
    dollars += inTier * tier.perGB;
    billedGB += inTier;
  }
  return dollars;
}

/** Every way to pay for the traffic: pay-as-you-go first, then the flat-rate plans from the cheapest. */
export function cloudFrontOptions(traffic: DeliveryTraffic, plans: readonly (typeof AWS_PRICES.cloudFront.flatRatePlans)[number][] = AWS_PRICES.cloudFront.flatRatePlans): CloudFrontOption[] {
  return [
    { pricing: { kind: 'pay-as-you-go' }, dollars: payAsYouGoDollars(traffic), covers: true },
    ...plans.map((plan) => ({
      pricing: { kind: 'flat-rate', plan: plan.id } as const,
      dollars: plan.monthlyUSD,
      covers: traffic.requests <= plan.requests && traffic.bytes <= plan.gigabytes * GB,
    })),
  ];
}

/** The cheapest option that carries the traffic unshaped; pay-as-you-go wins a tie (nothing to attach). */
export function cheapestCloudFront(options: readonly CloudFrontOption[]): CloudFrontOption {
  const carrying = options.filter((option) => option.covers);
  return carrying.reduce((best, option) => (option.dollars < best.dollars ? option : best));
}
