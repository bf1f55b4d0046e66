// The client a rate limit counts a request against. Behind a load balancer the socket's peer is the balancer, so
// X-Forwarded-For is read — but only when the peer is a configured trusted proxy, and only back to the first
// address that is not one of them: everything left of that was written by the client itself and proves nothing.
// Behind CloudFront the last untrusted hop is a CloudFront edge, which many viewers share; there the proxy names the
// viewer in a header of its own (OTT_CLIENT_ADDRESS_HEADER: CloudFront-Viewer-Address), believed from trusted peers only.
import type { IncomingMessage } from 'node:http';
import { cidrContains, parseIpAddress, type Cidr, type IpAddress } from '@ott/signing';
import { trustedProxyHeader } from './trusted-proxy-header.js';

export function clientAddress(request: IncomingMessage, trustedProxies: readonly Cidr[], addressHeader?: string): string {
  const peer = parseIpAddress(request.socket.remoteAddress ?? '');
  if (!peer) return 'unknown';
  const named = trustedProxyHeader(request, trustedProxies, addressHeader);
  const viewer = named === undefined ? undefined : parseAddressWithPort(named);
  if (viewer) return counted(viewer);
  const trusted = (address: IpAddress) => trustedProxies.some((cidr) => cidrContains(cidr, address));
  let client = peer;
  if (trusted(peer)) {
    // Right to left: each trusted proxy appended the address it received the request from.
    for (const hop of forwardedFor(request).reverse()) {
      const address = parseHop(hop);
      // A hop that is not an address: the last trusted proxy before it is as far as the chain can be believed.
      if (!address) break;
      client = address;
      if (!trusted(address)) break;
    }
  }
  return counted(client);
}

function forwardedFor(request: IncomingMessage): string[] {
  const header = request.headers['x-forwarded-for'];
  return (Array.isArray(header) ? header.join(',') : (header ?? '')).split(',').filter((hop) => hop.trim() !== '');
}

/** An address, also in the `1.2.3.4:5678` and `[2001:db8::1]:443` forms some proxies write. */
function parseHop(text: string): IpAddress | undefined {
  const hop = text.trim();
  const withPort = /^\[([^\]]+)\](?::\d+)?$/.exec(hop) ?? /^(\d{1,3}(?:\.\d{1,3}){3}):\d+$/.exec(hop);
  return parseIpAddress(withPort?.[1] ?? hop);
}

/**
 * CloudFront-Viewer-Address: the viewer's address and source port, `198.51.100.10:46532`, an IPv6 address unbracketed
 * with the port after its last colon ("Add CloudFront request headers", CloudFront Developer Guide,
 * https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/adding-cloudfront-headers.html).
 */
function parseAddressWithPort(text: string): IpAddress | undefined {
  const value = text.trim();
  const bracketed = /^\[([^\]]+)\]:\d+$/.exec(value);
  if (bracketed) return parseIpAddress(bracketed[1] ?? '');
  const port = value.lastIndexOf(':');
  return port > 0 && /^\d+$/.test(value.slice(port + 1)) ? parseIpAddress(value.slice(0, port)) : undefined;
}

/** IPv4 as is; IPv6 by its /64, since one subscriber is handed a whole /64 and could take a new address per attempt. */
function counted(address: IpAddress): string {
  if (address.family === 4) return address.bytes.join('.');
  const groups = [0, 2, 4, 6].map((i) => (((address.bytes[i] ?? 0) << 8) | (address.bytes[i + 1] ?? 0)).toString(16));
  return `${groups.join(':')}::/64`;
}
