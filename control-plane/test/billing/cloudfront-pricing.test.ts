// A tenant's distribution under pay-as-you-go and under each flat-rate plan, and the cheaper of them.
import { describe, expect, it } from 'vitest';
import { cheapestCloudFront, cloudFrontOptions, payAsYouGoDollars } from '../../src/domain/billing/cloudfront-pricing.js';

const TB = 1e12;

describe('CloudFront pricing for one distribution', () => {
  it('charges pay-as-you-go by volume tier plus HTTPS requests', () => {
    // 10 TB at $0.085, 10 TB at $0.080, 2 M requests at $0.01 per 10,000.
    expect(payAsYouGoDollars({ bytes: 20 * TB, requests: 2_000_000 })).toBeCloseTo(850 + 800 + 2, 6);
    expect(payAsYouGoDollars({ bytes: 0, requests: 0 })).toBe(0);
  });

  it('recommends the cheapest option that carries the traffic, and pay-as-you-go when no plan does', () => {
    const pick = (bytes: number, requests: number) => cheapestCloudFront(cloudFrontOptions({ bytes, requests })).pricing;
    expect(pick(50e9, 400_000)).toEqual({ kind: 'flat-rate', plan: 'free' });
    // The request allowance, not the bytes, decides between Pro and Business.
    expect(pick(5 * TB, 9_000_000)).toEqual({ kind: 'flat-rate', plan: 'pro' });
    expect(pick(5 * TB, 30_000_000)).toEqual({ kind: 'flat-rate', plan: 'business' });
    // Past Pro's 10 M requests, 1 TB as you go ($97) is cheaper than Business ($200).
    expect(pick(1 * TB, 12_000_000)).toEqual({ kind: 'pay-as-you-go' });
    // A trickle costs cents as you go: cheaper than any paid plan once it outgrows the Free one.
    expect(pick(120e9, 900_000)).toEqual({ kind: 'pay-as-you-go' });
    // 60 TB exceeds every plan's 50 TB: only pay-as-you-go carries it unshaped.
    expect(pick(60 * TB, 100_000_000)).toEqual({ kind: 'pay-as-you-go' });
  });

  it('marks plans the traffic would overrun as not carrying it', () => {
    const options = cloudFrontOptions({ bytes: 200e9, requests: 2_000_000 });
    expect(options.find((option) => option.pricing.kind === 'flat-rate' && option.pricing.plan === 'free')?.covers).toBe(false);
    expect(options.find((option) => option.pricing.kind === 'flat-rate' && option.pricing.plan === 'pro')?.covers).toBe(true);
  });
});
