import { getSignedUrl } from '@aws-sdk/cloudfront-signer';
import { encodeCloudFrontBase64 } from '@ott/signing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acmeVideo, globexVideo, publicBaseUrl, signedCookieHeader, signedQuery, startEdge, videoPolicy, type EdgeFixture } from './edge-fixture.js';

let edge: EdgeFixture;

beforeAll(async () => {
  edge = await startEdge();
});
afterAll(() => edge.close());

const master = `${acmeVideo}/master.m3u8`;

describe('local edge: signed access', () => {
  it('serves a playlist to a signed query string, with the HLS content type', async () => {
    const response = await fetch(`${edge.baseUrl}${master}${signedQuery(edge.keys.acme, videoPolicy(acmeVideo), master)}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/vnd.apple.mpegurl');
    expect(await response.text()).toContain('#EXTM3U');
  });

  it('serves a segment to signed cookies, with the fMP4 segment content type', async () => {
    const segmentPath = `${acmeVideo}/720p/segment-00001.m4s`;
    const response = await fetch(`${edge.baseUrl}${segmentPath}`, { headers: { cookie: `theme=dark; ${signedCookieHeader(edge.keys.acme, videoPolicy(acmeVideo))}` } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('video/iso.segment');
    expect(Buffer.from(await response.arrayBuffer()).equals(edge.segment)).toBe(true);
  });

  it('keeps serving every object below the signed prefix with the same grant', async () => {
    const query = signedQuery(edge.keys.acme, videoPolicy(acmeVideo), master);
    const statuses = await Promise.all(['/poster.jpg', '/720p/init.mp4', '/storyboard.vtt'].map(async (file) => (await fetch(`${edge.baseUrl}${acmeVideo}${file}${query}`)).status));
    expect(statuses).toEqual([200, 200, 200]);
  });

  it('accepts a canned policy for exactly the signed URL', async () => {
    const poster = `${acmeVideo}/poster.jpg`;
    const signed = getSignedUrl({
      url: `${publicBaseUrl}${poster}`,
      dateLessThan: new Date(Date.now() + 60_000),
      keyPairId: edge.keys.acme.id,
      privateKey: edge.keys.acme.privateKey as unknown as string,
    });
    const query = new URL(signed).search;
    expect(query).toContain('Expires=');
    expect((await fetch(`${edge.baseUrl}${poster}${query}`)).status).toBe(200);
    const other = await fetch(`${edge.baseUrl}${master}${query}`);
    expect([other.status, await other.text()]).toEqual([403, 'bad-signature\n']);
  });

  it('refuses requests without credentials, naming the reason in plain text', async () => {
    const response = await fetch(`${edge.baseUrl}${master}`);
    expect(response.status).toBe(403);
    expect(response.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(await response.text()).toBe('missing-credentials\n');
  });

  async function refusal(target: string, init?: RequestInit): Promise<[number, string]> {
    const response = await fetch(`${edge.baseUrl}${target}`, init);
    return [response.status, (await response.text()).trim()];
  }

  it('refuses a tampered signature', async () => {
    const query = new URLSearchParams(signedQuery(edge.keys.acme, videoPolicy(acmeVideo), master));
    const signature = query.get('Signature') ?? '';
    query.set('Signature', `${signature.slice(0, 40)}${signature[40] === 'x' ? 'y' : 'x'}${signature.slice(41)}`);
    expect(await refusal(`${master}?${query}`)).toEqual([403, 'bad-signature']);
  });

  it('refuses a policy widened after signing', async () => {
    const query = new URLSearchParams(signedQuery(edge.keys.acme, videoPolicy(`/t/acme/v/vid-2`), master));
    query.set('Policy', encodeCloudFrontBase64(videoPolicy(acmeVideo)));
    expect(await refusal(`${master}?${query}`)).toEqual([403, 'bad-signature']);
  });

  it('refuses a grant for another video of the same tenant', async () => {
    expect(await refusal(`${master}${signedQuery(edge.keys.acme, videoPolicy('/t/acme/v/vid-2'), master)}`)).toEqual([403, 'resource-mismatch']);
  });

  it('refuses an expired grant and one not valid yet', async () => {
    const expired = videoPolicy(acmeVideo, { expiresAt: new Date(Date.now() - 1000) });
    expect(await refusal(`${master}${signedQuery(edge.keys.acme, expired, master)}`)).toEqual([403, 'expired']);
    const early = videoPolicy(acmeVideo, { notBefore: new Date(Date.now() + 600_000) });
    expect(await refusal(`${master}${signedQuery(edge.keys.acme, early, master)}`)).toEqual([403, 'not-yet-valid']);
  });

  it('checks the client address against IpAddress', async () => {
    const local = videoPolicy(acmeVideo, { ipAddress: '127.0.0.0/8' });
    expect((await fetch(`${edge.baseUrl}${master}${signedQuery(edge.keys.acme, local, master)}`)).status).toBe(200);
    const elsewhere = videoPolicy(acmeVideo, { ipAddress: '203.0.113.0/24' });
    expect(await refusal(`${master}${signedQuery(edge.keys.acme, elsewhere, master)}`)).toEqual([403, 'ip-mismatch']);
  });

  it("refuses another tenant's key on this tenant's path, even with a policy for every resource", async () => {
    const everything = videoPolicy(acmeVideo, { resource: '*' });
    expect(await refusal(`${master}${signedQuery(edge.keys.globex, everything, master)}`)).toEqual([403, 'unknown-key-pair']);
    const cookie = signedCookieHeader(edge.keys.globex, everything);
    expect(await refusal(master, { headers: { cookie } })).toEqual([403, 'unknown-key-pair']);
    // The same grant does open the signing tenant's own video.
    expect((await fetch(`${edge.baseUrl}${globexVideo}/master.m3u8`, { headers: { cookie } })).status).toBe(200);
  });

  it("refuses this tenant's key id carrying another tenant's signature", async () => {
    const query = new URLSearchParams(signedQuery(edge.keys.globex, videoPolicy(acmeVideo), master));
    query.set('Key-Pair-Id', edge.keys.acme.id);
    expect(await refusal(`${master}?${query}`)).toEqual([403, 'bad-signature']);
  });

  it('answers an unknown tenant exactly like a key mismatch, revealing nothing', async () => {
    const target = '/t/nobody/v/vid-1/master.m3u8';
    expect(await refusal(`${target}${signedQuery(edge.keys.acme, videoPolicy('/t/nobody/v/vid-1'), target)}`)).toEqual([403, 'unknown-key-pair']);
    expect(await refusal(target)).toEqual([403, 'missing-credentials']);
  });

  it('does not let query credentials be patched with cookie credentials', async () => {
    const query = new URLSearchParams(signedQuery(edge.keys.acme, videoPolicy(acmeVideo), master));
    query.delete('Signature');
    const cookie = signedCookieHeader(edge.keys.acme, videoPolicy(acmeVideo));
    expect(await refusal(`${master}?${query}`, { headers: { cookie } })).toEqual([403, 'missing-credentials']);
  });

  it('refuses garbage credentials without leaking internals', async () => {
    expect(await refusal(`${master}?Policy=%%%&Signature=abc&Key-Pair-Id=${edge.keys.acme.id}`)).toEqual([403, 'malformed-policy']);
    expect(await refusal(master, { headers: { cookie: `CloudFront-Policy=e30_; CloudFront-Signature=!!; CloudFront-Key-Pair-Id=${edge.keys.acme.id}` } })).toEqual([403, 'malformed-signature']);
  });

  it('checks credentials before revealing whether an object exists', async () => {
    const missing = `${acmeVideo}/missing.m4s`;
    expect(await refusal(missing)).toEqual([403, 'missing-credentials']);
    expect(await refusal(`${missing}${signedQuery(edge.keys.acme, videoPolicy(acmeVideo), missing)}`)).toEqual([404, 'not-found']);
  });
});
