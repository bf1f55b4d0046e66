import { parseIpAddress, type IpAddress } from './ip-address.js';

export interface Cidr {
  network: IpAddress;
  prefixLength: number;
}

/** Accepts `addr/len` or a bare address (a single host). */
export function parseCidr(text: string): Cidr | undefined {
  const slash = text.indexOf('/');
  const network = parseIpAddress(slash === -1 ? text : text.slice(0, slash));
  if (network === undefined) return undefined;
  const maxLength = network.bytes.length * 8;
  if (slash === -1) return { network, prefixLength: maxLength };
  const lengthText = text.slice(slash + 1);
  if (!/^\d{1,3}$/.test(lengthText)) return undefined;
  let prefixLength = Number(lengthText);
  // `::ffff:a.b.c.d/120` was folded to IPv4 above, so its prefix loses the 96 mapped bits.
  const writtenAsMappedV6 = network.family === 4 && text.slice(0, slash).includes(':');
  if (writtenAsMappedV6) prefixLength -= 96;
  if (prefixLength < 0 || prefixLength > maxLength) return undefined;
  return { network, prefixLength };
}

export function cidrContains(cidr: Cidr, address: IpAddress): boolean {
  if (cidr.network.family !== address.family) return false;
  const fullBytes = Math.floor(cidr.prefixLength / 8);
  for (let i = 0; i < fullBytes; i++) {
    if (cidr.network.bytes[i] !== address.bytes[i]) return false;
  }
  const remainingBits = cidr.prefixLength % 8;
  if (remainingBits === 0) return true;
  const mask = (0xff << (8 - remainingBits)) & 0xff;
  return ((cidr.network.bytes[fullBytes] ?? 0) & mask) === ((address.bytes[fullBytes] ?? 0) & mask);
}
