// What the platform pays AWS, for the operator's cost view and the plan-price check: one table, one date, one list
// of sources. List prices, US East (N. Virginia) / North America and Europe, no free tier, no private pricing: an
// upper estimate. Re-read the pages and update `readOn` together with any number. docs/aws-costs.md explains the model.
export const AWS_PRICES = {
  readOn: '2026-11-21',
  region: 'us-east-1',
  sources: [
    'https://aws.amazon.com/mediaconvert/pricing/',
    'https://aws.amazon.com/s3/pricing/',
    'https://aws.amazon.com/cloudfront/pricing/',
    'https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/flat-rate-pricing-plan.html',
  ],
  mediaConvert: {
    /** USD per normalised minute (domain/usage/transcode-normalisation.ts), on-demand, first monthly tier. */
    basicPerNormalisedMinute: 0.0075,
    professionalPerNormalisedMinute: 0.012,
  },
  s3: {
    /** USD per GB-month. */
    perGBMonth: { STANDARD: 0.023, STANDARD_IA: 0.0125, GLACIER_IR: 0.004 },
    /**
     * Where each kind of object lives. Renditions are read on every cache miss and stay in Standard; originals are
     * read only to transcode again, so the tenant bucket's lifecycle rule moves them to Standard-IA (whose 30-day
     * minimum is ignored here).
     */
    classOf: { source: 'STANDARD_IA', rendition: 'STANDARD' },
  },
  cloudFront: {
    /**
     * Pay-as-you-go data transfer to viewers in North America and Europe, USD per GB, by monthly volume tier (the
     * CloudFront pricing page's "Regional Data Transfer Out to Internet"). Tiers count per account and region; the
     * model prices each distribution as if it were the account's only one, the upper estimate.
     */
    payAsYouGoTiers: [
      { throughGB: 10_000, perGB: 0.085 },
      { throughGB: 50_000, perGB: 0.08 },
      { throughGB: 150_000, perGB: 0.06 },
      { throughGB: 500_000, perGB: 0.04 },
      { throughGB: 1_024_000, perGB: 0.03 },
      { throughGB: 5_120_000, perGB: 0.025 },
      { throughGB: Number.POSITIVE_INFINITY, perGB: 0.02 },
    ],
    /** USD per 10,000 HTTPS requests, United States and Europe (every tenant distribution is HTTPS only). */
    perTenThousandHttpsRequests: 0.01,
    /**
     * Flat-rate plans, one per distribution, since 2025-11-18: a monthly price, an allowance of requests and bytes,
     * no overage (past the allowance AWS may shape the traffic, so a plan that does not cover the traffic is not an
     * option). Not available for multi-tenant distributions: ours are one per tenant. AWS WAF is required and included.
     * `limitedPerAccount`: AWS allows only a few Free plans per account, so the plan-price check never counts on one.
     */
    flatRatePlans: [
      { id: 'free', name: 'Free', monthlyUSD: 0, requests: 1_000_000, gigabytes: 100, limitedPerAccount: true },
      { id: 'pro', name: 'Pro', monthlyUSD: 15, requests: 10_000_000, gigabytes: 50_000, limitedPerAccount: false },
      { id: 'business', name: 'Business', monthlyUSD: 200, requests: 125_000_000, gigabytes: 50_000, limitedPerAccount: false },
      { id: 'premium', name: 'Premium', monthlyUSD: 1000, requests: 500_000_000, gigabytes: 50_000, limitedPerAccount: false },
    ],
  },
} as const;

export type S3StorageClass = keyof typeof AWS_PRICES.s3.perGBMonth;
export type FlatRatePlanId = (typeof AWS_PRICES.cloudFront.flatRatePlans)[number]['id'];
