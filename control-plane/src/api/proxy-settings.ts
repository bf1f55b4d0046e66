// What the API believes of the proxies in front of it, from the environment: who they are (OTT_TRUSTED_PROXIES) and
// which of their headers name the viewer's country, address and requested host. The aws shape's values are set by
// tenant-infra's platform stack (docs/aws-delivery.md, "The API behind CloudFront").
import type { Env } from '../env.js';
import type { ApiServerOptions } from './http-server.js';

export type ProxySettings = Pick<ApiServerOptions, 'trustedProxies' | 'viewerCountry' | 'clientAddressHeader' | 'forwardedHostHeader'>;

export function proxySettings(env: Env): ProxySettings {
  return {
    trustedProxies: env.OTT_TRUSTED_PROXIES,
    viewerCountry: { header: env.OTT_VIEWER_COUNTRY_HEADER, fallback: env.OTT_DEFAULT_VIEWER_COUNTRY },
    ...(env.OTT_CLIENT_ADDRESS_HEADER ? { clientAddressHeader: env.OTT_CLIENT_ADDRESS_HEADER } : {}),
    ...(env.OTT_FORWARDED_HOST_HEADER ? { forwardedHostHeader: env.OTT_FORWARDED_HOST_HEADER } : {}),
  };
}
