// A header a proxy in front of the API wrote: believed only when the request's peer is one of OTT_TRUSTED_PROXIES, or
// any client could claim any value by sending the header itself. Behind CloudFront (aws shape) the peer is the load
// balancer, which forwards only what our distributions sent (tenant-infra origin-verify.ts), and CloudFront writes
// these headers itself, overwriting a viewer's (docs/aws-delivery.md, "The API behind CloudFront").
import type { IncomingMessage } from 'node:http';
import { cidrContains, parseIpAddress, type Cidr } from '@ott/signing';

export function trustedProxyHeader(request: IncomingMessage, trustedProxies: readonly Cidr[], name: string | undefined): string | undefined {
  if (name === undefined) return undefined;
  const peer = parseIpAddress(request.socket.remoteAddress ?? '');
  if (peer === undefined || !trustedProxies.some((cidr) => cidrContains(cidr, peer))) return undefined;
  const value = request.headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}
