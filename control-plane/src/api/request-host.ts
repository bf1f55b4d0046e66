// The host a request asked for. Behind CloudFront the Host header is not the viewer's (a tenant distribution sends the
// API's origin name, which the balancer's certificate covers), so each distribution names the viewer's host in a header
// of its own (OTT_FORWARDED_HOST_HEADER, tenant-infra api-distribution.ts), believed from trusted proxies only.
import type { IncomingMessage } from 'node:http';
import type { Cidr } from '@ott/signing';
import { trustedProxyHeader } from './trusted-proxy-header.js';

export interface ForwardedHostSource {
  trustedProxies: readonly Cidr[];
  /** The header a trusted proxy writes the requested host in; none: the Host header alone. */
  header?: string | undefined;
}

/** Lower-cased, without a port. */
export function requestHost(request: IncomingMessage, source: ForwardedHostSource): string {
  const host = trustedProxyHeader(request, source.trustedProxies, source.header) ?? request.headers.host ?? '';
  return host.trim().toLowerCase().replace(/:\d+$/, '');
}
