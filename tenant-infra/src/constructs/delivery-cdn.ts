// A tenant's CloudFront distribution: the media bucket behind Origin Access Control (only `t/*`, the delivered
// HLS, is readable), HTTPS only, every request signed by one of the tenant's keys (trusted key group),
// short-lived playlists and long-lived segments, CORS for the tenant's sites, standard logs for egress metering.
// On an attached custom domain, the store's paths go (unsigned, uncached) to the API (docs/storefront.md).
import { CloudfrontDistribution } from '@cdktf/provider-aws/lib/cloudfront-distribution/index.js';
import { CloudfrontKeyGroup } from '@cdktf/provider-aws/lib/cloudfront-key-group/index.js';
import { CloudfrontOriginAccessControl } from '@cdktf/provider-aws/lib/cloudfront-origin-access-control/index.js';
import { CloudfrontPublicKey } from '@cdktf/provider-aws/lib/cloudfront-public-key/index.js';
import { CloudfrontResponseHeadersPolicy } from '@cdktf/provider-aws/lib/cloudfront-response-headers-policy/index.js';
import { DataAwsCloudfrontCachePolicy } from '@cdktf/provider-aws/lib/data-aws-cloudfront-cache-policy/index.js';
import { DataAwsCloudfrontOriginRequestPolicy } from '@cdktf/provider-aws/lib/data-aws-cloudfront-origin-request-policy/index.js';
import type { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket/index.js';
import { S3BucketPolicy } from '@cdktf/provider-aws/lib/s3-bucket-policy/index.js';
import { Construct } from 'constructs';
import { FORWARDED_HOST_HEADER, cachingDisabled } from './api-distribution.js';
import { MEDIA_PREFIXES } from './media-bucket.js';
import { ORIGIN_VERIFY_HEADER } from './origin-verify.js';

export type PriceClass = 'PriceClass_100' | 'PriceClass_200' | 'PriceClass_All';

export interface DeliveryCdnProps {
  tenantId: string;
  /** Resource-name prefix, also the prefix of the cell's shared cache policies. */
  namePrefix: string;
  bucket: S3Bucket;
  publicKeys: readonly { id: string; pem: string }[];
  allowedOrigins: readonly string[];
  customDomain?: { domainName: string; certificateArn: string };
  geoRestriction?: { type: 'whitelist' | 'blacklist'; countries: readonly string[] };
  /** The platform's log bucket (its `bucket_domain_name`): CloudFront writes standard logs there. */
  logBucketDomainName: string;
  priceClass: PriceClass;
  tags: Record<string, string>;
  /** The API's load balancer, reached for the store's paths on the tenant's own domain (StoreOrigin). */
  store?: StoreOrigin;
}

export interface StoreOrigin {
  /** The balancer's second name (infra config `platform.apiOriginDomain`), which its certificate covers. */
  originDomain: string;
  /** The secret header value the balancer requires (origin-verify.ts). */
  originVerifyValue: string;
  /** The tenant's domain, passed on as the requested host: only this tenant's store answers on it. */
  host: string;
}

/**
 * What the store page needs from the API on the tenant's domain: its pages, its client script and the player's script.
 * The player and the client script call the API's own origin for /trpc/*, as embeds on any site do.
 */
export const STORE_PATHS = ['/store/*', '/store-assets/*', '/sdk/*'] as const;

/**
 * Every viewer header except Host (CloudFront then sends the origin's name, which the balancer's certificate covers),
 * all cookies and query strings ("Use managed origin request policies", CloudFront Developer Guide,
 * https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/using-managed-origin-request-policies.html), found by
 * name: a managed policy needs no slot of the account's 20 custom ones.
 */
export const STORE_ORIGIN_REQUEST_POLICY = 'Managed-AllViewerExceptHostHeader';

/** Names of the cache policies each cell holds once (an account may have only 20 custom cache policies). */
export function cachePolicyNames(namePrefix: string): { playlists: string; segments: string } {
  return { playlists: `${namePrefix}-hls-playlists`, segments: `${namePrefix}-hls-segments` };
}

export const PLAYLIST_PATTERN = '*.m3u8';

export class DeliveryCdn extends Construct {
  readonly distribution: CloudfrontDistribution;
  readonly keyGroup: CloudfrontKeyGroup;
  readonly publicKeys: { ourId: string; key: CloudfrontPublicKey }[];

  constructor(scope: Construct, id: string, props: DeliveryCdnProps) {
    super(scope, id);
    const originId = 'media';
    const oac = new CloudfrontOriginAccessControl(this, 'oac', {
      name: `${props.namePrefix}-${props.tenantId}`.slice(0, 64),
      description: `Media bucket of tenant ${props.tenantId}`,
      originAccessControlOriginType: 's3',
      signingBehavior: 'always',
      signingProtocol: 'sigv4',
    });

    // Rotation: the tenant's new key is added next to the old one; grants signed with either verify until
    // the old key is removed from the props after the last grant it signed has expired.
    this.publicKeys = props.publicKeys.map((key) => ({
      ourId: key.id,
      key: new CloudfrontPublicKey(this, `public-key-${key.id}`, {
        name: `${props.namePrefix}-${props.tenantId}-${key.id}`.slice(0, 128),
        comment: `Playback key ${key.id} of tenant ${props.tenantId}`,
        encodedKey: key.pem.trim() + '\n',
      }),
    }));
    this.keyGroup = new CloudfrontKeyGroup(this, 'key-group', {
      name: `${props.namePrefix}-${props.tenantId}`.slice(0, 128),
      comment: `Playback keys of tenant ${props.tenantId}`,
      items: this.publicKeys.map(({ key }) => key.id),
    });

    const policyNames = cachePolicyNames(props.namePrefix);
    const playlists = new DataAwsCloudfrontCachePolicy(this, 'playlists-cache-policy', { name: policyNames.playlists });
    const segments = new DataAwsCloudfrontCachePolicy(this, 'segments-cache-policy', { name: policyNames.segments });

    const cors = new CloudfrontResponseHeadersPolicy(this, 'cors', {
      name: `${props.namePrefix}-cors-${props.tenantId}`.slice(0, 128),
      comment: `CORS for the sites of tenant ${props.tenantId}`,
      corsConfig: {
        // Cookies carry the signed policy on same-site custom domains.
        accessControlAllowCredentials: true,
        accessControlAllowOrigins: { items: [...new Set(props.allowedOrigins)] },
        accessControlAllowMethods: { items: ['GET', 'HEAD', 'OPTIONS'] },
        accessControlAllowHeaders: { items: ['Range', 'Origin', 'Accept'] },
        accessControlExposeHeaders: { items: ['Content-Length', 'Content-Range', 'Accept-Ranges', 'ETag'] },
        accessControlMaxAgeSec: 600,
        originOverride: true,
      },
    });

    const signed = { trustedKeyGroups: [this.keyGroup.id], responseHeadersPolicyId: cors.id, viewerProtocolPolicy: 'https-only', compress: true };
    const storeOriginId = 'api';
    const store = props.store;
    const storeBehaviours = store
      ? (() => {
          const noCache = cachingDisabled(this);
          const viewerRequest = new DataAwsCloudfrontOriginRequestPolicy(this, 'store-origin-request-policy', { name: STORE_ORIGIN_REQUEST_POLICY });
          // Not signed (no trusted key group): the store's pages are public; the titles they show are signed by the player.
          return STORE_PATHS.map((pathPattern) => ({
            pathPattern,
            targetOriginId: storeOriginId,
            allowedMethods: ['GET', 'HEAD', 'OPTIONS'],
            cachedMethods: ['GET', 'HEAD'],
            cachePolicyId: noCache.id,
            originRequestPolicyId: viewerRequest.id,
            viewerProtocolPolicy: 'redirect-to-https',
            compress: true,
          }));
        })()
      : [];
    this.distribution = new CloudfrontDistribution(this, 'distribution', {
      enabled: true,
      comment: `OTT Cloud tenant ${props.tenantId}`,
      isIpv6Enabled: true,
      httpVersion: 'http2and3',
      priceClass: props.priceClass,
      aliases: props.customDomain ? [props.customDomain.domainName] : undefined,
      origin: [
        { originId, domainName: props.bucket.bucketRegionalDomainName, originAccessControlId: oac.id },
        ...(store
          ? [
              {
                originId: storeOriginId,
                domainName: store.originDomain,
                customOriginConfig: { httpPort: 80, httpsPort: 443, originProtocolPolicy: 'https-only', originSslProtocols: ['TLSv1.2'] },
                customHeader: [
                  { name: ORIGIN_VERIFY_HEADER, value: store.originVerifyValue },
                  { name: FORWARDED_HOST_HEADER, value: store.host },
                ],
              },
            ]
          : []),
      ],
      defaultCacheBehavior: {
        ...signed,
        targetOriginId: originId,
        allowedMethods: ['GET', 'HEAD', 'OPTIONS'],
        cachedMethods: ['GET', 'HEAD'],
        cachePolicyId: segments.id,
      },
      orderedCacheBehavior: [
        ...storeBehaviours,
        {
          ...signed,
          pathPattern: PLAYLIST_PATTERN,
          targetOriginId: originId,
          allowedMethods: ['GET', 'HEAD', 'OPTIONS'],
          cachedMethods: ['GET', 'HEAD'],
          cachePolicyId: playlists.id,
        },
      ],
      restrictions: {
        geoRestriction: props.geoRestriction ? { restrictionType: props.geoRestriction.type, locations: [...props.geoRestriction.countries] } : { restrictionType: 'none', locations: [] },
      },
      viewerCertificate: props.customDomain
        ? { acmCertificateArn: props.customDomain.certificateArn, sslSupportMethod: 'sni-only', minimumProtocolVersion: 'TLSv1.2_2021' }
        : { cloudfrontDefaultCertificate: true },
      // Standard logs carry sc-bytes per request: the usage meter reads egress per tenant from this prefix.
      loggingConfig: { bucket: props.logBucketDomainName, prefix: `cloudfront/${props.tenantId}/`, includeCookies: false },
      tags: props.tags,
      // An operator may put the distribution on a CloudFront flat-rate plan (docs/aws-costs.md), which needs an AWS WAF
      // web ACL on it ("CloudFront flat-rate pricing plans", CloudFront Developer Guide); the stack sets none, so every
      // re-apply (key rotation, custom domain) would otherwise detach the ACL the plan attached.
      lifecycle: { ignoreChanges: ['web_acl_id'] },
    });

    new S3BucketPolicy(this, 'bucket-policy', {
      bucket: props.bucket.id,
      policy: JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          {
            Sid: 'CloudFrontReadsDeliveredMedia',
            Effect: 'Allow',
            Principal: { Service: 'cloudfront.amazonaws.com' },
            Action: 's3:GetObject',
            Resource: `${props.bucket.arn}/${MEDIA_PREFIXES.delivery}*`,
            Condition: { StringEquals: { 'AWS:SourceArn': this.distribution.arn } },
          },
          {
            Sid: 'DenyInsecureTransport',
            Effect: 'Deny',
            Principal: '*',
            Action: 's3:*',
            Resource: [props.bucket.arn, `${props.bucket.arn}/*`],
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          },
        ],
      }),
    });
  }
}
