// Does each plan's price cover what its worst month costs us? The worst month uses everything the plan includes at
// the dearest rates we can incur: every transcode minute at MediaConvert's professional tier, all storage in S3
// Standard, and the included egress delivered at the lowest bitrate the ladder produces (the most requests per byte,
// which is what binds CloudFront's flat-rate allowances), on the cheapest CloudFront pricing that carries it. Usage
// beyond the included amounts is sold at overage prices, each of which must cover its own marginal cost. The check in
// test/billing/plan-cost-coverage.test.ts runs this for every plan; docs/aws-costs.md shows the numbers.
import { AUDIO_BITRATE, SEGMENT_SECONDS, planLadder } from '../../media/plan-ladder.js';
import type { BillableMeter } from '../usage/meters.js';
import { AWS_PRICES } from './aws-prices.js';
import { cheapestCloudFront, cloudFrontOptions, payAsYouGoDollars, type CloudFrontOption, type DeliveryTraffic } from './cloudfront-pricing.js';
import { MB_HOURS_PER_GB_MONTH, type Plan } from './plans.js';

/** The gross margin every price keeps over its worst-case cost: (price − cost) / price. */
export const MIN_GROSS_MARGIN = 0.15;
/** A free tenant earns nothing; its worst month is what we spend to win it, and it is capped. */
export const FREE_PLAN_COST_CEILING_CENTS = 200;

/**
 * Requests a viewer makes besides media segments, per view: the master playlist, the media playlist and the init
 * segment. Counted once per viewer-minute, as if every view lasted one minute, the most requests per byte.
 */
const REQUESTS_PER_VIEW_START = 3;

/** Bytes one viewer-minute of the smallest rendition moves, and the requests it takes. */
export function worstCaseViewerMinute(): { bytes: number; requests: number } {
  // A source smaller than every rung gets one rendition at the ladder's lowest rate: the fewest bytes per request.
  const [smallest] = planLadder({ width: 2, height: 2, frameRate: 30 }).renditions;
  if (!smallest) throw new Error('The ladder produced no rendition');
  return { bytes: ((smallest.videoBitrate + AUDIO_BITRATE) * 60) / 8, requests: 60 / SEGMENT_SECONDS + REQUESTS_PER_VIEW_START };
}

/** The most requests `bytes` of HLS delivery can take. */
export function worstCaseTraffic(bytes: number): DeliveryTraffic {
  const minute = worstCaseViewerMinute();
  return { bytes, requests: Math.ceil((bytes / minute.bytes) * minute.requests) };
}

export interface PlanWorstCase {
  /** USD. */
  transcode: number;
  storage: number;
  delivery: number;
  total: number;
  /** How the included egress is delivered at that cost (a flat-rate plan the operator attaches, or pay-as-you-go). */
  cloudFront: CloudFrontOption;
}

const worstStoragePerGBMonth = Math.max(...Object.values(AWS_PRICES.s3.perGBMonth));
const worstTranscodePerMinute = Math.max(AWS_PRICES.mediaConvert.basicPerNormalisedMinute, AWS_PRICES.mediaConvert.professionalPerNormalisedMinute);

export function planWorstCase(plan: Plan): PlanWorstCase {
  const { included } = plan.billing;
  const transcode = (included.transcode / 60) * worstTranscodePerMinute;
  const storage = (included.storage / MB_HOURS_PER_GB_MONTH) * worstStoragePerGBMonth;
  // A few Free flat-rate plans per account cannot be promised to every tenant: the check never counts on one.
  const plans = AWS_PRICES.cloudFront.flatRatePlans.filter((candidate) => !candidate.limitedPerAccount);
  const cloudFront = cheapestCloudFront(cloudFrontOptions(worstCaseTraffic(included.egress), plans));
  return { transcode, storage, delivery: cloudFront.dollars, total: transcode + storage + cloudFront.dollars, cloudFront };
}

/**
 * What one more base unit beyond the included amount costs us at worst, USD: egress at the pay-as-you-go rate where
 * the included egress ends (a flat-rate plan shapes traffic past its allowance, so overage is paid as we go), with
 * its worst-case requests.
 */
export function worstMarginalCost(plan: Plan, meter: BillableMeter): number {
  switch (meter) {
    case 'transcode':
      return worstTranscodePerMinute / 60;
    case 'storage':
      return worstStoragePerGBMonth / MB_HOURS_PER_GB_MONTH;
    case 'egress': {
      const gb = 1e9;
      const at = plan.billing.included.egress;
      return payAsYouGoDollars(worstCaseTraffic(at + gb)) / gb - payAsYouGoDollars(worstCaseTraffic(at)) / gb;
    }
  }
}
