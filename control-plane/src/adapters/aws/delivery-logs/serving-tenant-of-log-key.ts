// Whose distribution wrote a CloudFront log object. Each tenant's distribution logs under `cloudfront/{tenantId}/`
// (tenant-infra DeliveryCdn's logging_config, CDN_LOG_PREFIX), and only that distribution writes there: the key,
// not a request's path, says which tenant's CDN served the lines. A path is whatever a viewer typed.
import { CDN_LOG_PREFIX } from '@ott/tenant-infra';
import { isUuid } from '../../../domain/usage/delivery-aggregation.js';

/** The tenant id in `cloudfront/{tenantId}/…`; undefined for any other key (nothing in it is anyone's). */
export function servingTenantOfLogKey(key: string): string | undefined {
  if (!key.startsWith(CDN_LOG_PREFIX)) return undefined;
  const tenantId = key.slice(CDN_LOG_PREFIX.length).split('/')[0] ?? '';
  return isUuid(tenantId) ? tenantId.toLowerCase() : undefined;
}
