// What the platform pays AWS, for the operator's cost view: one table, one date, one list of sources. List
// prices, US East (N. Virginia), first volume tier, no free tier, no private pricing: an upper estimate. Re-read
// the pages and update `readOn` together with any number.
export const AWS_PRICES = {
  readOn: '2026-11-21',
  region: 'us-east-1',
  sources: ['https://aws.amazon.com/mediaconvert/pricing/', 'https://aws.amazon.com/s3/pricing/', 'https://aws.amazon.com/cloudfront/pricing/'],
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
    /** USD per GB to viewers in North America and Europe, first 10 TB a month. */
    perGBOut: 0.085,
  },
} as const;

export type S3StorageClass = keyof typeof AWS_PRICES.s3.perGBMonth;
