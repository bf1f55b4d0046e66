import { getSignedCookies, getSignedUrl } from '@aws-sdk/cloudfront-signer';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildCustomPolicy, decodeCloudFrontBase64, encodeCloudFrontBase64, verifySignedAccess, type SignedAccessContext, type SignedAccessCredentials } from '../src/index.js';
import { generateTestKeyPair, keyLookup, sdkPrivateKey, type TestKeyPair } from './signing-fixture.js';

const base = 'https://cdn.example.com';
const videoPrefix = `${base}/t/acme/v/42/`;
const segmentUrl = `${videoPrefix}1080p/segment-00001.m4s`;
const now = new Date('2030-06-01T12:00:00Z');
const inOneHour = new Date(now.getTime() + 3_600_000);

let acme: TestKeyPair;
let globex: TestKeyPair;

beforeAll(() => {
  acme = generateTestKeyPair('K-ACME');
  globex = generateTestKeyPair('K-GLOBEX');
});

function signCustom(policy: string, pair: TestKeyPair = acme, algorithm: 'SHA1' | 'SHA256' = 'SHA1'): SignedAccessCredentials {
  const signed = new URL(getSignedUrl({ url: segmentUrl, policy, keyPairId: pair.id, privateKey: sdkPrivateKey(pair.privateKey), algorithm }));
  return {
    policy: signed.searchParams.get('Policy') ?? undefined,
    signature: signed.searchParams.get('Signature') ?? undefined,
    keyPairId: signed.searchParams.get('Key-Pair-Id') ?? undefined,
    hashAlgorithm: signed.searchParams.get('Hash-Algorithm') ?? undefined,
  };
}

function context(overrides: Partial<SignedAccessContext> = {}): SignedAccessContext {
  return { url: segmentUrl, now, clientIp: '198.51.100.20', publicKeyFor: keyLookup(acme, globex), ...overrides };
}

const videoPolicy = (extra: Partial<Parameters<typeof buildCustomPolicy>[0]> = {}): string => buildCustomPolicy({ resource: `${videoPrefix}*`, expiresAt: inOneHour, ...extra });

describe('verifySignedAccess with a custom policy', () => {
  it('accepts a policy signed by the AWS SDK as a URL', () => {
    expect(verifySignedAccess(signCustom(videoPolicy()), context())).toMatchObject({ ok: true });
  });

  it('accepts the same policy as signed cookies', () => {
    const cookies = getSignedCookies({ policy: videoPolicy(), keyPairId: acme.id, privateKey: sdkPrivateKey(acme.privateKey) });
    const credentials = {
      policy: cookies['CloudFront-Policy'],
      signature: cookies['CloudFront-Signature'],
      keyPairId: cookies['CloudFront-Key-Pair-Id'],
    };
    expect(verifySignedAccess(credentials, context())).toMatchObject({ ok: true });
  });

  it('accepts SHA-256 signatures only when Hash-Algorithm says so', () => {
    const credentials = signCustom(videoPolicy(), acme, 'SHA256');
    expect(credentials.hashAlgorithm).toBe('SHA256');
    expect(verifySignedAccess(credentials, context())).toMatchObject({ ok: true });
    expect(verifySignedAccess({ ...credentials, hashAlgorithm: undefined }, context())).toEqual({ ok: false, reason: 'bad-signature' });
    expect(verifySignedAccess({ ...credentials, hashAlgorithm: 'MD5' }, context())).toEqual({ ok: false, reason: 'unsupported-hash-algorithm' });
  });

  it('refuses a policy altered after signing', () => {
    const credentials = signCustom(videoPolicy());
    const widened = encodeCloudFrontBase64(videoPolicy().replace(`${videoPrefix}*`, `${base}/*`));
    expect(verifySignedAccess({ ...credentials, policy: widened }, context())).toEqual({ ok: false, reason: 'bad-signature' });
  });

  it('refuses an altered signature', () => {
    const credentials = signCustom(videoPolicy());
    const signature = credentials.signature ?? '';
    const middle = Math.floor(signature.length / 2);
    const tampered = signature.slice(0, middle) + (signature[middle] === 'A' ? 'B' : 'A') + signature.slice(middle + 1);
    expect(verifySignedAccess({ ...credentials, signature: tampered }, context())).toEqual({ ok: false, reason: 'bad-signature' });
  });

  it("refuses a policy signed with another tenant's key under this key pair id", () => {
    const forged = { ...signCustom(videoPolicy(), globex), keyPairId: acme.id };
    expect(verifySignedAccess(forged, context())).toEqual({ ok: false, reason: 'bad-signature' });
  });

  it('refuses a key pair id the verifier does not know', () => {
    const credentials = signCustom(videoPolicy());
    expect(verifySignedAccess(credentials, context({ publicKeyFor: keyLookup(globex) }))).toEqual({ ok: false, reason: 'unknown-key-pair' });
  });

  it('refuses at and after DateLessThan, accepts just before', () => {
    const credentials = signCustom(videoPolicy());
    expect(verifySignedAccess(credentials, context({ now: new Date(inOneHour.getTime() - 1) }))).toMatchObject({ ok: true });
    expect(verifySignedAccess(credentials, context({ now: inOneHour }))).toEqual({ ok: false, reason: 'expired' });
    expect(verifySignedAccess(credentials, context({ now: new Date(inOneHour.getTime() + 86_400_000) }))).toEqual({ ok: false, reason: 'expired' });
  });

  it('refuses before DateGreaterThan', () => {
    const notBefore = new Date(now.getTime() + 60_000);
    const credentials = signCustom(videoPolicy({ notBefore }));
    expect(verifySignedAccess(credentials, context())).toEqual({ ok: false, reason: 'not-yet-valid' });
    expect(verifySignedAccess(credentials, context({ now: notBefore }))).toMatchObject({ ok: true });
  });

  it('checks IPv4 ranges, including IPv4-mapped IPv6 client addresses', () => {
    const credentials = signCustom(videoPolicy({ ipAddress: '203.0.113.0/24' }));
    expect(verifySignedAccess(credentials, context({ clientIp: '203.0.113.9' }))).toMatchObject({ ok: true });
    expect(verifySignedAccess(credentials, context({ clientIp: '::ffff:203.0.113.9' }))).toMatchObject({ ok: true });
    expect(verifySignedAccess(credentials, context({ clientIp: '203.0.114.9' }))).toEqual({ ok: false, reason: 'ip-mismatch' });
    expect(verifySignedAccess(credentials, context({ clientIp: '2001:db8::1' }))).toEqual({ ok: false, reason: 'ip-mismatch' });
    expect(verifySignedAccess(credentials, context({ clientIp: 'not an ip' }))).toEqual({ ok: false, reason: 'ip-mismatch' });
  });

  it('checks IPv6 ranges and single addresses', () => {
    const range = signCustom(videoPolicy({ ipAddress: '2001:db8:abcd::/48' }));
    expect(verifySignedAccess(range, context({ clientIp: '2001:db8:abcd:12::5' }))).toMatchObject({ ok: true });
    expect(verifySignedAccess(range, context({ clientIp: '2001:db8:abce::5' }))).toEqual({ ok: false, reason: 'ip-mismatch' });
    const single = signCustom(videoPolicy({ ipAddress: '::1' }));
    expect(verifySignedAccess(single, context({ clientIp: '0:0:0:0:0:0:0:1' }))).toMatchObject({ ok: true });
    expect(verifySignedAccess(single, context({ clientIp: '::2' }))).toEqual({ ok: false, reason: 'ip-mismatch' });
    const mapped = signCustom(videoPolicy({ ipAddress: '::ffff:203.0.113.0/120' }));
    expect(verifySignedAccess(mapped, context({ clientIp: '203.0.113.250' }))).toMatchObject({ ok: true });
    expect(verifySignedAccess(mapped, context({ clientIp: '203.0.112.250' }))).toEqual({ ok: false, reason: 'ip-mismatch' });
  });

  it('matches * across slashes and ? as exactly one character', () => {
    const credentials = signCustom(videoPolicy());
    expect(verifySignedAccess(credentials, context({ url: `${videoPrefix}master.m3u8?lang=en` }))).toMatchObject({ ok: true });
    const renditions = signCustom(buildCustomPolicy({ resource: `${videoPrefix}?p/*.m4s`, expiresAt: inOneHour }));
    expect(verifySignedAccess(renditions, context({ url: `${videoPrefix}7p/a/b.m4s` }))).toMatchObject({ ok: true });
    expect(verifySignedAccess(renditions, context({ url: `${videoPrefix}720p/a.m4s` }))).toEqual({ ok: false, reason: 'resource-mismatch' });
    expect(verifySignedAccess(renditions, context({ url: `${videoPrefix}7p/a.m3u8` }))).toEqual({ ok: false, reason: 'resource-mismatch' });
  });

  it("refuses other videos, other tenants' prefixes and look-alike prefixes", () => {
    const credentials = signCustom(videoPolicy());
    for (const url of [`${base}/t/acme/v/43/master.m3u8`, `${base}/t/globex/v/42/master.m3u8`, `${base}/t/acme/v/420/master.m3u8`, `http://cdn.example.com/t/acme/v/42/a`]) {
      expect(verifySignedAccess(credentials, context({ url }))).toEqual({ ok: false, reason: 'resource-mismatch' });
    }
  });

  it('treats a resource without wildcards as one exact URL', () => {
    const credentials = signCustom(buildCustomPolicy({ resource: segmentUrl, expiresAt: inOneHour }));
    expect(verifySignedAccess(credentials, context())).toMatchObject({ ok: true });
    expect(verifySignedAccess(credentials, context({ url: `${segmentUrl}x` }))).toEqual({ ok: false, reason: 'resource-mismatch' });
  });
});

describe('verifySignedAccess with a canned policy', () => {
  const cannedUrl = `${videoPrefix}poster.jpg`;

  function signCanned(): SignedAccessCredentials {
    const signed = new URL(getSignedUrl({ url: cannedUrl, dateLessThan: inOneHour, keyPairId: acme.id, privateKey: sdkPrivateKey(acme.privateKey) }));
    return {
      expires: signed.searchParams.get('Expires') ?? undefined,
      signature: signed.searchParams.get('Signature') ?? undefined,
      keyPairId: signed.searchParams.get('Key-Pair-Id') ?? undefined,
    };
  }

  it('accepts Expires + Signature + Key-Pair-Id for exactly the signed URL', () => {
    const credentials = signCanned();
    expect(credentials.expires).toBe(String(inOneHour.getTime() / 1000));
    expect(verifySignedAccess(credentials, context({ url: cannedUrl }))).toMatchObject({ ok: true });
  });

  it('refuses it for any other URL, a moved expiry, or after it expired', () => {
    const credentials = signCanned();
    expect(verifySignedAccess(credentials, context({ url: `${videoPrefix}other.jpg` }))).toEqual({ ok: false, reason: 'bad-signature' });
    const later = String(Number(credentials.expires) + 3600);
    expect(verifySignedAccess({ ...credentials, expires: later }, context({ url: cannedUrl }))).toEqual({ ok: false, reason: 'bad-signature' });
    expect(verifySignedAccess(credentials, context({ url: cannedUrl, now: inOneHour }))).toEqual({ ok: false, reason: 'expired' });
    expect(verifySignedAccess({ ...credentials, expires: 'soon' }, context({ url: cannedUrl }))).toEqual({ ok: false, reason: 'malformed-policy' });
  });
});

describe('verifySignedAccess on malformed input', () => {
  const signPolicyText = (policy: string): SignedAccessCredentials => {
    const cookies = getSignedCookies({ policy, keyPairId: acme.id, privateKey: sdkPrivateKey(acme.privateKey) });
    return { policy: cookies['CloudFront-Policy'], signature: cookies['CloudFront-Signature'], keyPairId: cookies['CloudFront-Key-Pair-Id'] };
  };

  it('asks for credentials when a part is missing', () => {
    const credentials = signCustom(videoPolicy());
    expect(verifySignedAccess({}, context())).toEqual({ ok: false, reason: 'missing-credentials' });
    expect(verifySignedAccess({ ...credentials, signature: undefined }, context())).toEqual({ ok: false, reason: 'missing-credentials' });
    expect(verifySignedAccess({ ...credentials, keyPairId: '' }, context())).toEqual({ ok: false, reason: 'missing-credentials' });
    expect(verifySignedAccess({ ...credentials, policy: undefined }, context())).toEqual({ ok: false, reason: 'missing-credentials' });
  });

  it('refuses undecodable policies and signatures', () => {
    const credentials = signCustom(videoPolicy());
    expect(verifySignedAccess({ ...credentials, policy: 'not base64!' }, context())).toEqual({ ok: false, reason: 'malformed-policy' });
    expect(verifySignedAccess({ ...credentials, signature: 'a+b/c=' }, context())).toEqual({ ok: false, reason: 'malformed-signature' });
  });

  it('refuses correctly signed policies that are not a valid CloudFront statement', () => {
    const lessThan = Math.floor(inOneHour.getTime() / 1000);
    const invalid = [
      'not json',
      '[]',
      '{"Statement":[]}',
      `{"Statement":[{"Resource":"*","Condition":{"DateLessThan":{"AWS:EpochTime":${lessThan}}}},{"Resource":"*","Condition":{"DateLessThan":{"AWS:EpochTime":${lessThan}}}}]}`,
      '{"Statement":[{"Resource":"*","Condition":{}}]}',
      `{"Statement":[{"Resource":"*","Condition":{"DateLessThan":{"AWS:EpochTime":"${lessThan}"}}}]}`,
      `{"Statement":[{"Resource":"*","Condition":{"DateLessThan":{"AWS:EpochTime":${lessThan}},"StringEquals":{"x":"y"}}}]}`,
      `{"Statement":[{"Resource":"*","Condition":{"DateLessThan":{"AWS:EpochTime":${lessThan}},"IpAddress":{"AWS:SourceIp":"10.0.0.0/33"}}}]}`,
      `{"Statement":[{"Resource":42,"Condition":{"DateLessThan":{"AWS:EpochTime":${lessThan}}}}]}`,
    ];
    for (const policy of invalid) {
      expect(verifySignedAccess(signPolicyText(policy), context()), policy).toEqual({ ok: false, reason: 'malformed-policy' });
    }
  });

  it('accepts whitespace inside the policy, since the signature covers the bytes as sent', () => {
    const pretty = JSON.stringify(JSON.parse(videoPolicy()), null, 2);
    expect(verifySignedAccess(signPolicyText(pretty), context())).toMatchObject({ ok: true });
  });

  it('never throws on arbitrary input', () => {
    const samples = ['', '_', '~~~~', '-', 'AAAA', encodeCloudFrontBase64('{"Statement":null}'), '%00', 'a'.repeat(5000)];
    for (const policy of samples) {
      for (const signature of samples) {
        const result = verifySignedAccess({ policy, signature, keyPairId: acme.id, expires: policy }, context());
        expect(result.ok).toBe(false);
      }
    }
    expect(decodeCloudFrontBase64('')).toEqual(Buffer.alloc(0));
  });
});
