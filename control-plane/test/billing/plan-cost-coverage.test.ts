// Our prices cover our cost: every plan's fee and every overage price keeps the stated margin over its worst case,
// computed from the AWS price tables and the media ladder, never from numbers written here.
import { describe, expect, it } from 'vitest';
import { FREE_PLAN_COST_CEILING_CENTS, MIN_GROSS_MARGIN, planWorstCase, worstCaseTraffic, worstMarginalCost } from '../../src/domain/billing/plan-cost-coverage.js';
import { PLANS } from '../../src/domain/billing/plans.js';
import { BILLABLE_METERS } from '../../src/domain/usage/meters.js';
import { AWS_PRICES } from '../../src/domain/billing/aws-prices.js';

const grossMargin = (price: number, cost: number) => (price - cost) / price;
const paid = Object.values(PLANS).filter((plan) => plan.billing.monthlyFeeCents > 0);

describe('plan prices against their worst-case AWS cost', () => {
  it.each(paid.map((plan) => [plan.id, plan] as const))('%s: the monthly fee keeps the margin over everything it includes', (_id, plan) => {
    const worst = planWorstCase(plan);
    const fee = plan.billing.monthlyFeeCents / 100;
    expect(grossMargin(fee, worst.total), `fee $${fee} against a worst case of $${worst.total.toFixed(2)}`).toBeGreaterThanOrEqual(MIN_GROSS_MARGIN);
  });

  it.each(paid.map((plan) => [plan.id, plan] as const))('%s: every overage price keeps the margin over its marginal cost', (_id, plan) => {
    for (const meter of BILLABLE_METERS) {
      const price = plan.billing.overage[meter];
      if (!price) continue;
      const perBaseUnit = price.millicents / 1000 / 100 / price.per;
      expect(grossMargin(perBaseUnit, worstMarginalCost(plan, meter)), `${meter} overage`).toBeGreaterThanOrEqual(MIN_GROSS_MARGIN);
    }
  });

  it("keeps a free tenant's worst month under the stated ceiling, without counting on CloudFront's few Free plans", () => {
    const worst = planWorstCase(PLANS.free);
    expect(worst.cloudFront.pricing).toEqual({ kind: 'pay-as-you-go' });
    expect(worst.total * 100).toBeLessThanOrEqual(FREE_PLAN_COST_CEILING_CENTS);
  });

  it('prices paid plans with the flat-rate plan that carries their included egress, which the old Enterprise price did not cover', () => {
    const enterprise = planWorstCase(PLANS.enterprise);
    // 20 TB at the lowest rendition takes more requests than Pro's 10 M: Business carries it.
    expect(worstCaseTraffic(PLANS.enterprise.billing.included.egress).requests).toBeGreaterThan(10_000_000);
    expect(enterprise.cloudFront).toMatchObject({ pricing: { kind: 'flat-rate', plan: 'business' }, covers: true });
    expect(planWorstCase(PLANS.pro).cloudFront.pricing).toEqual({ kind: 'flat-rate', plan: 'pro' });
    // $499 (the price before) does not even cover the transcode, storage and Business plan it includes.
    expect(grossMargin(499, enterprise.total)).toBeLessThan(0);
  });

  it('models the request allowance from the real segment length: about 10 segment requests per viewer-minute', () => {
    const oneGB = worstCaseTraffic(1e9);
    const minutes = 1e9 / (((200_000 + 128_000) * 60) / 8);
    expect(oneGB.requests / minutes).toBeCloseTo(10 + 3, 2);
    expect(AWS_PRICES.cloudFront.flatRatePlans.map((plan) => plan.id)).toEqual(['free', 'pro', 'business', 'premium']);
  });
});
