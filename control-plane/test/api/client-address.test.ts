// The address rate limits count: the peer, or what trusted proxies appended to X-Forwarded-For — read from the
// right, stopping at the first address that is not a trusted proxy, and never past a hop that is not an address.
import type { IncomingMessage } from 'node:http';
import { parseCidr, type Cidr } from '@ott/signing';
import { describe, expect, it } from 'vitest';
import { clientAddress } from '../../src/api/client-address.js';

const request = (peer: string, forwardedFor?: string | string[], viewerAddress?: string) =>
  ({
    socket: { remoteAddress: peer },
    headers: { ...(forwardedFor === undefined ? {} : { 'x-forwarded-for': forwardedFor }), ...(viewerAddress === undefined ? {} : { 'cloudfront-viewer-address': viewerAddress }) },
  }) as unknown as IncomingMessage;
const proxies = (...cidrs: string[]) => cidrs.map((cidr) => parseCidr(cidr) as Cidr);

describe('clientAddress', () => {
  it('is the peer when no proxy is trusted, whatever X-Forwarded-For says', () => {
    expect(clientAddress(request('198.51.100.4', '203.0.113.9'), [])).toBe('198.51.100.4');
    expect(clientAddress(request('198.51.100.4', '203.0.113.9'), proxies('10.0.0.0/8'))).toBe('198.51.100.4');
  });

  it('is the right-most address that is not a trusted proxy', () => {
    const lb = proxies('10.40.0.0/16');
    expect(clientAddress(request('10.40.1.5', '192.0.2.1, 203.0.113.9'), lb)).toBe('203.0.113.9');
    expect(clientAddress(request('10.40.1.5', '192.0.2.1, 203.0.113.9, 10.40.2.7'), lb)).toBe('203.0.113.9');
    expect(clientAddress(request('::ffff:10.40.1.5', ['192.0.2.1', '203.0.113.9']), lb)).toBe('203.0.113.9');
    // Only proxies all the way: the left-most of them sent it (a health check from inside).
    expect(clientAddress(request('10.40.1.5', '10.40.3.3'), lb)).toBe('10.40.3.3');
    expect(clientAddress(request('10.40.1.5'), lb)).toBe('10.40.1.5');
  });

  it('stops at a hop that is not an address, and reads the port forms some proxies write', () => {
    const lb = proxies('10.40.0.0/16');
    expect(clientAddress(request('10.40.1.5', 'not-an-address'), lb)).toBe('10.40.1.5');
    expect(clientAddress(request('10.40.1.5', '203.0.113.9, garbage, 10.40.2.7'), lb)).toBe('10.40.2.7');
    expect(clientAddress(request('10.40.1.5', '203.0.113.9:51234'), lb)).toBe('203.0.113.9');
    expect(clientAddress(request('10.40.1.5', '[2001:db8:aa:bb::1]:443'), lb)).toBe('2001:db8:aa:bb::/64');
  });

  it('counts IPv6 clients by their /64', () => {
    expect(clientAddress(request('2001:db8:aa:bb:1:2:3:4'), [])).toBe('2001:db8:aa:bb::/64');
    expect(clientAddress(request('2001:db8:aa:bb::ffff'), [])).toBe('2001:db8:aa:bb::/64');
  });

  it('behind CloudFront, is the viewer its header names (not the edge X-Forwarded-For ends with), from trusted proxies only', () => {
    const lb = proxies('10.40.0.0/16');
    const header = 'CloudFront-Viewer-Address';
    // X-Forwarded-For: what the viewer claimed, the viewer as CloudFront saw it, then the edge the balancer saw.
    expect(clientAddress(request('10.40.1.5', '192.0.2.1, 203.0.113.9, 130.176.1.1', '203.0.113.9:46532'), lb, header)).toBe('203.0.113.9');
    expect(clientAddress(request('10.40.1.5', '130.176.1.1', '2001:db8:aa:bb::1:46532'), lb, header)).toBe('2001:db8:aa:bb::/64');
    // A client that reaches the API directly cannot name itself anyone.
    expect(clientAddress(request('198.51.100.4', undefined, '203.0.113.9:46532'), lb, header)).toBe('198.51.100.4');
    // A value that is not an address with a port: X-Forwarded-For as before.
    expect(clientAddress(request('10.40.1.5', '203.0.113.9', 'garbage'), lb, header)).toBe('203.0.113.9');
  });
});
