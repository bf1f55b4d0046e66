// CloudFront in front of the API's load balancer. What it is for: CloudFront adds CloudFront-Viewer-Country (the
// viewer's country, for titles with country rules) and CloudFront-Viewer-Address (the viewer's address, for rate
// limits) to what it sends the API ("Add CloudFront request headers", CloudFront Developer Guide,
// https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/adding-cloudfront-headers.html). Nothing is
// cached: every request reaches the API as the viewer sent it.
import { CloudfrontDistribution } from '@cdktf/provider-aws/lib/cloudfront-distribution/index.js';
import { CloudfrontOriginRequestPolicy } from '@cdktf/provider-aws/lib/cloudfront-origin-request-policy/index.js';
import { DataAwsCloudfrontCachePolicy } from '@cdktf/provider-aws/lib/data-aws-cloudfront-cache-policy/index.js';
import { Construct } from 'constructs';
import { ORIGIN_VERIFY_HEADER } from './origin-verify.js';

/** The headers CloudFront adds for the API; the control plane reads them (OTT_VIEWER_COUNTRY_HEADER, OTT_CLIENT_ADDRESS_HEADER). */
export const VIEWER_COUNTRY_HEADER = 'CloudFront-Viewer-Country';
export const VIEWER_ADDRESS_HEADER = 'CloudFront-Viewer-Address';
/**
 * The host the viewer asked for, set by each distribution as an origin custom header, so a viewer's own value never
 * reaches the API (OTT_FORWARDED_HOST_HEADER; read from the balancer only). A name of our own, not X-Forwarded-Host:
 * a custom header may not be one of the standard headers CloudFront manages itself ("Custom headers that CloudFront
 * can't add to origin requests", https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/add-origin-custom-headers.html).
 */
export const FORWARDED_HOST_HEADER = 'X-OTT-Forwarded-Host';

/**
 * The headers the API is told to believe from its balancer (with OTT_TRUSTED_PROXIES, the balancer's network): the
 * platform stack puts them in the API task's environment.
 */
export const API_PROXY_HEADERS = {
  OTT_VIEWER_COUNTRY_HEADER: VIEWER_COUNTRY_HEADER,
  OTT_CLIENT_ADDRESS_HEADER: VIEWER_ADDRESS_HEADER,
  OTT_FORWARDED_HOST_HEADER: FORWARDED_HOST_HEADER,
} as const;

/**
 * AWS's managed cache policy that caches nothing ("Use managed cache policies", CloudFront Developer Guide,
 * https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/using-managed-cache-policies.html), found by name
 * rather than by a hard-coded id.
 */
export const CACHING_DISABLED_POLICY = 'Managed-CachingDisabled';

export function cachingDisabled(scope: Construct): DataAwsCloudfrontCachePolicy {
  return new DataAwsCloudfrontCachePolicy(scope, 'caching-disabled', { name: CACHING_DISABLED_POLICY });
}

/** Every method: tRPC mutations, uploads' REST calls and the Stripe webhook are POSTs. */
export const ALL_METHODS = ['GET', 'HEAD', 'OPTIONS', 'PUT', 'POST', 'PATCH', 'DELETE'];

export interface ApiDistributionProps {
  namePrefix: string;
  /** The load balancer's DNS name. */
  loadBalancerDnsName: string;
  /** Whether the balancer has its HTTPS listener (a certificate for `domain`); without it CloudFront reaches it over HTTP. */
  httpsToOrigin: boolean;
  /** The API's public name and its ACM certificate in us-east-1 (CloudFront's); none: the distribution's own host. */
  domain?: { domainName: string; certificateArn: string };
  originVerifyValue: string;
}

export class ApiDistribution extends Construct {
  readonly distribution: CloudfrontDistribution;
  readonly originRequestPolicy: CloudfrontOriginRequestPolicy;

  constructor(scope: Construct, id: string, props: ApiDistributionProps) {
    super(scope, id);
    // All the viewer's headers (Authorization, Origin, Content-Type, Stripe-Signature, Range …), cookies and query
    // strings, plus the two CloudFront headers ("Control origin requests with a policy",
    // https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/controlling-origin-requests.html; HeaderBehavior
    // allViewerAndWhitelistCloudFront, API reference OriginRequestPolicyHeadersConfig). Authorization cannot be named in an
    // origin request policy, but with caching disabled an all-viewer policy forwards it ("How do I configure CloudFront
    // to forward the Authorization header?", AWS Knowledge Center,
    // https://repost.aws/knowledge-center/cloudfront-authorization-header). The viewer's Host goes through too: with it
    // CloudFront checks the balancer's certificate against the API's own name.
    this.originRequestPolicy = new CloudfrontOriginRequestPolicy(this, 'origin-request-policy', {
      name: `${props.namePrefix}-api-viewer`,
      comment: "Everything the viewer sent, and the viewer's country and address, to the API",
      headersConfig: { headerBehavior: 'allViewerAndWhitelistCloudFront', headers: { items: [VIEWER_COUNTRY_HEADER, VIEWER_ADDRESS_HEADER] } },
      cookiesConfig: { cookieBehavior: 'all' },
      queryStringsConfig: { queryStringBehavior: 'all' },
    });
    const originId = 'api';
    this.distribution = new CloudfrontDistribution(this, 'distribution', {
      enabled: true,
      comment: `OTT Cloud API (${props.namePrefix})`,
      isIpv6Enabled: true,
      httpVersion: 'http2and3',
      priceClass: 'PriceClass_All',
      aliases: props.domain ? [props.domain.domainName] : undefined,
      origin: [
        {
          originId,
          domainName: props.loadBalancerDnsName,
          customOriginConfig: {
            httpPort: 80,
            httpsPort: 443,
            originProtocolPolicy: props.httpsToOrigin ? 'https-only' : 'http-only',
            originSslProtocols: ['TLSv1.2'],
            // Uploads' part PUTs and long queries: the API's own limits apply, CloudFront's default 30 s would cut them first.
            originReadTimeout: 60,
          },
          customHeader: [
            { name: ORIGIN_VERIFY_HEADER, value: props.originVerifyValue },
            // Overwrites whatever a viewer sent under this name: on the API's own host the store answers by slug.
            { name: FORWARDED_HOST_HEADER, value: props.domain?.domainName ?? props.loadBalancerDnsName },
          ],
        },
      ],
      defaultCacheBehavior: {
        targetOriginId: originId,
        allowedMethods: ALL_METHODS,
        cachedMethods: ['GET', 'HEAD'],
        cachePolicyId: cachingDisabled(this).id,
        originRequestPolicyId: this.originRequestPolicy.id,
        viewerProtocolPolicy: 'redirect-to-https',
        compress: true,
      },
      restrictions: { geoRestriction: { restrictionType: 'none', locations: [] } },
      viewerCertificate: props.domain
        ? { acmCertificateArn: props.domain.certificateArn, sslSupportMethod: 'sni-only', minimumProtocolVersion: 'TLSv1.2_2021' }
        : { cloudfrontDefaultCertificate: true },
      // As on tenant distributions (delivery-cdn.ts): an operator may attach a WAF web ACL; re-applies keep it.
      lifecycle: { ignoreChanges: ['web_acl_id'] },
    });
  }
}
