// Which addresses a tenant-given URL may reach: public unicast only, unless the operator allowed a range
// (OTT_OUTBOUND_ALLOWED_CIDRS: local development and tests). Everything ipaddr.js does not classify as plain unicast is
// refused (private, loopback, link-local with the metadata address, CGNAT, multicast, unspecified, reserved,
// documentation, benchmarking, 6to4/Teredo/NAT64 that can embed a private IPv4), and IPv6 must be global unicast
// (2000::/3): the deprecated IPv4-compatible ::a.b.c.d forms are not.
import { cidrContains, parseIpAddress, type Cidr } from '@ott/signing';
import ipaddr from 'ipaddr.js';

const GLOBAL_UNICAST_V6 = ipaddr.parseCIDR('2000::/3');

export function isAllowedAddress(text: string, allowedCidrs: readonly Cidr[]): boolean {
  const parsed = parseIpAddress(text);
  if (parsed === undefined) return false;
  if (allowedCidrs.some((cidr) => cidrContains(cidr, parsed))) return true;
  if (!ipaddr.isValid(text.replace(/%.*$/, ''))) return false;
  // process() folds IPv4-mapped IPv6 (::ffff:127.0.0.1) to the IPv4 address it names, so it is judged as that.
  const address = ipaddr.process(text.replace(/%.*$/, ''));
  if (address.range() !== 'unicast') return false;
  return address.kind() === 'ipv4' || address.match(GLOBAL_UNICAST_V6);
}
