import { isIPv4, isIPv6 } from 'node:net';

/** An address as bytes; IPv4-mapped IPv6 (`::ffff:a.b.c.d`) is folded to IPv4 so either spelling matches. */
export interface IpAddress {
  family: 4 | 6;
  bytes: Uint8Array;
}

export function parseIpAddress(text: string): IpAddress | undefined {
  if (isIPv4(text)) return { family: 4, bytes: Uint8Array.from(text.split('.').map(Number)) };
  // A zone (`fe80::1%eth0`) names the local interface, not part of the address a policy can name.
  const address = text.replace(/%.*$/, '');
  if (!isIPv6(address)) return undefined;
  const bytes = parseIpv6(address);
  if (bytes === undefined) return undefined;
  const mapped = bytes.subarray(0, 12).every((b, i) => b === (i < 10 ? 0 : 0xff));
  return mapped ? { family: 4, bytes: bytes.slice(12) } : { family: 6, bytes };
}

function parseIpv6(address: string): Uint8Array | undefined {
  const groups = ipv6Groups(address);
  if (groups === undefined) return undefined;
  const bytes = new Uint8Array(16);
  groups.forEach((group, i) => {
    bytes[i * 2] = group >> 8;
    bytes[i * 2 + 1] = group & 0xff;
  });
  return bytes;
}

/** Eight 16-bit groups, with `::` expanded and a trailing dotted IPv4 part turned into two groups. */
function ipv6Groups(address: string): number[] | undefined {
  const halves = address.split('::');
  const parse = (part: string): number[] =>
    part === ''
      ? []
      : part.split(':').flatMap((piece) => {
          if (!piece.includes('.')) return [parseInt(piece, 16)];
          const [a = 0, b = 0, c = 0, d = 0] = piece.split('.').map(Number);
          return [(a << 8) | b, (c << 8) | d];
        });
  const head = parse(halves[0] ?? '');
  if (halves.length === 1) return head.length === 8 ? head : undefined;
  const tail = parse(halves[1] ?? '');
  const missing = 8 - head.length - tail.length;
  return missing < 0 ? undefined : [...head, ...new Array<number>(missing).fill(0), ...tail];
}
