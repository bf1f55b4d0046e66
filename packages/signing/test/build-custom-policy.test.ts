import { describe, expect, it } from 'vitest';
import { buildCustomPolicy } from '../src/index.js';

describe('buildCustomPolicy', () => {
  it('writes the exact JSON CloudFront expects, in epoch seconds', () => {
    const policy = buildCustomPolicy({ resource: 'https://cdn.example.com/t/acme/v/42/*', expiresAt: new Date('2030-01-01T00:00:00Z') });
    expect(policy).toBe('{"Statement":[{"Resource":"https://cdn.example.com/t/acme/v/42/*","Condition":{"DateLessThan":{"AWS:EpochTime":1893456000}}}]}');
  });

  it('adds DateGreaterThan and IpAddress, turning a bare address into a /32', () => {
    const policy = buildCustomPolicy({
      resource: 'https://cdn.example.com/*',
      expiresAt: new Date('2030-01-01T00:00:00Z'),
      notBefore: new Date('2029-12-31T23:00:00Z'),
      ipAddress: '203.0.113.7',
    });
    expect(JSON.parse(policy)).toEqual({
      Statement: [
        {
          Resource: 'https://cdn.example.com/*',
          Condition: {
            DateLessThan: { 'AWS:EpochTime': 1893456000 },
            DateGreaterThan: { 'AWS:EpochTime': 1893452400 },
            IpAddress: { 'AWS:SourceIp': '203.0.113.7/32' },
          },
        },
      ],
    });
  });

  it('rounds so the grant never ends later nor starts earlier than asked', () => {
    const policy = buildCustomPolicy({ resource: 'r', expiresAt: new Date(10_999), notBefore: new Date(5_001) });
    expect(policy).toContain('"DateLessThan":{"AWS:EpochTime":10}');
    expect(policy).toContain('"DateGreaterThan":{"AWS:EpochTime":6}');
  });

  it('keeps IPv6 ranges and rejects what is not an address', () => {
    expect(buildCustomPolicy({ resource: 'r', expiresAt: new Date(0), ipAddress: '2001:db8::/32' })).toContain('"AWS:SourceIp":"2001:db8::/32"');
    expect(() => buildCustomPolicy({ resource: 'r', expiresAt: new Date(0), ipAddress: '300.1.1.1/8' })).toThrow(RangeError);
    expect(() => buildCustomPolicy({ resource: 'r', expiresAt: new Date(Number.NaN) })).toThrow(RangeError);
  });
});
