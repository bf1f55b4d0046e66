// The two cache policies every tenant distribution in a cell uses. Created once per cell (an account may
// hold only 20 custom cache policies) and found by name from tenant stacks.
import { CloudfrontCachePolicy } from '@cdktf/provider-aws/lib/cloudfront-cache-policy/index.js';
import { Construct } from 'constructs';
import { cachePolicyNames } from './delivery-cdn.js';

/** VOD playlists rarely change, but a re-transcode replaces them: a minute of staleness at most. */
export const PLAYLIST_TTL = { min: 0, default: 30, max: 60 } as const;
/** Segments, init segments and images never change under the same key. */
export const SEGMENT_TTL = { min: 86_400, default: 604_800, max: 31_536_000 } as const;

export class HlsCachePolicies extends Construct {
  readonly playlists: CloudfrontCachePolicy;
  readonly segments: CloudfrontCachePolicy;

  constructor(scope: Construct, id: string, props: { namePrefix: string }) {
    super(scope, id);
    const names = cachePolicyNames(props.namePrefix);
    // Nothing from the request enters the cache key: the signed policy travels in the query string or cookies
    // and must not split the cache per viewer.
    const keyedOnPathOnly = (compress: boolean) => ({
      cookiesConfig: { cookieBehavior: 'none' },
      headersConfig: { headerBehavior: 'none' },
      queryStringsConfig: { queryStringBehavior: 'none' },
      enableAcceptEncodingGzip: compress,
      enableAcceptEncodingBrotli: compress,
    });
    this.playlists = new CloudfrontCachePolicy(this, 'playlists', {
      name: names.playlists,
      comment: 'HLS playlists: short TTL, compressed',
      minTtl: PLAYLIST_TTL.min,
      defaultTtl: PLAYLIST_TTL.default,
      maxTtl: PLAYLIST_TTL.max,
      parametersInCacheKeyAndForwardedToOrigin: keyedOnPathOnly(true),
    });
    this.segments = new CloudfrontCachePolicy(this, 'segments', {
      name: names.segments,
      comment: 'HLS segments and images: long TTL (already compressed media)',
      minTtl: SEGMENT_TTL.min,
      defaultTtl: SEGMENT_TTL.default,
      maxTtl: SEGMENT_TTL.max,
      parametersInCacheKeyAndForwardedToOrigin: keyedOnPathOnly(false),
    });
  }
}
