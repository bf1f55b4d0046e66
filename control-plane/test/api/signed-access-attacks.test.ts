// The edge against an attacker holding a real grant for one video: every forged, stretched, replayed or
// redirected variant is refused, and nothing is served. Also: cookies signed by the AWS SDK directly
// (as CloudFront would receive them) are accepted.
import path from 'node:path';
import { createPrivateKey } from 'node:crypto';
import { getSignedCookies } from '@aws-sdk/cloudfront-signer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeClip } from '../support/media-fixtures.js';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.js';
import { signUpActiveTenant } from '../support/tenants.js';
import { uploadFile } from '../support/upload-file.js';
import { waitFor } from '../support/wait-for.js';

let platform: TestPlatform;
let alpha: Awaited<ReturnType<typeof signUpActiveTenant>>;
let bravo: Awaited<ReturnType<typeof signUpActiveTenant>>;
let videoId: string;
let otherVideoId: string;

const b64 = (text: string) => Buffer.from(text).toString('base64').replace(/\+/g, '-').replace(/=/g, '_').replace(/\//g, '~');
const unb64 = (text: string) => Buffer.from(text.replace(/-/g, '+').replace(/_/g, '=').replace(/~/g, '/'), 'base64').toString();

beforeAll(async () => {
  platform = await startTestPlatform();
  await platform.startWorker();
  [alpha, bravo] = await Promise.all([signUpActiveTenant(platform, 'alpha'), signUpActiveTenant(platform, 'bravo')]);
  const clip = await makeClip(path.join(platform.dataDir, 'clip.mp4'), { seconds: 2, width: 320, height: 240 });
  [videoId, otherVideoId] = [await uploadFile(alpha.admin, clip), await uploadFile(alpha.admin, clip)];
  for (const id of [videoId, otherVideoId]) {
    await waitFor(async () => ((await alpha.admin.videos.get({ videoId: id })).status === 'ready' ? true : undefined), { what: 'ready' });
  }
});
afterAll(() => platform?.close());

const status = async (url: string, headers: Record<string, string> = {}) => (await fetch(url, { headers })).status;

describe('attack matrix', () => {
  it('serves nothing to tampered, stretched, redirected or escaped requests', async () => {
    const grant = await platform.caller().playback.authorize({ videoId });
    const policy = JSON.parse(unb64(grant.policy)) as { Statement: [{ Resource: string; Condition: { DateLessThan: { 'AWS:EpochTime': number } } }] };
    const withParams = (url: string, params: Record<string, string>) =>
      `${url}?${new URLSearchParams({ Policy: grant.policy, Signature: grant.signature, 'Key-Pair-Id': grant.keyPairId, ...params })}`;
    const stretched = structuredClone(policy);
    stretched.Statement[0].Condition.DateLessThan['AWS:EpochTime'] += 86_400 * 365;
    const widened = structuredClone(policy);
    widened.Statement[0].Resource = `${platform.edgeUrl}/t/*`;
    const bravoKey = await platform.database.db.selectFrom('tenant_signing_keys').select('key_pair_id').where('tenant_id', '=', bravo.session.tenantId).executeTakeFirstOrThrow();
    const prefix = `${platform.edgeUrl}/t/${alpha.session.tenantId}/v/${videoId}`;

    const attacks: Record<string, string> = {
      'policy stretched by a year': withParams(grant.manifestUrl, { Policy: b64(JSON.stringify(stretched)) }),
      'policy widened to every tenant': withParams(grant.manifestUrl, { Policy: b64(JSON.stringify(widened)) }),
      'signature flipped': withParams(grant.manifestUrl, { Signature: `${grant.signature.slice(0, -4)}AAAA` }),
      'signature of another grant': withParams(grant.manifestUrl, { Signature: (await platform.caller().playback.authorize({ videoId: otherVideoId })).signature }),
      "another tenant's key pair id": withParams(grant.manifestUrl, { 'Key-Pair-Id': bravoKey.key_pair_id }),
      'unknown key pair id': withParams(grant.manifestUrl, { 'Key-Pair-Id': 'KNOTAREALKEY123' }),
      'another video of the same tenant': withParams(grant.manifestUrl.replace(videoId, otherVideoId), {}),
      "another tenant's prefix": withParams(grant.manifestUrl.replace(alpha.session.tenantId, bravo.session.tenantId), {}),
      'dot-dot escape': withParams(`${prefix}/../${otherVideoId}/master.m3u8`, {}),
      'encoded dot-dot escape': withParams(`${prefix}/%2e%2e/${otherVideoId}/master.m3u8`, {}),
      'encoded slash': withParams(`${prefix}%2F..%2F${otherVideoId}/master.m3u8`, {}),
      'the source file': withParams(`${platform.edgeUrl}/sources/${alpha.session.tenantId}/${videoId}/original.mp4`, {}),
      'no credentials at all': grant.manifestUrl,
    };
    const served: string[] = [];
    for (const [name, url] of Object.entries(attacks)) {
      // fetch would normalise `..` away; send the path as written.
      const response = await rawGet(url);
      if (response < 400) served.push(`${name}: ${response}`);
    }
    expect(served).toEqual([]);
  });

  it('binds a grant to an IP address when asked: from another address it is refused', async () => {
    const expiresAt = new Date(Date.now() + 60_000);
    const resource = `${platform.edgeUrl}/t/${alpha.session.tenantId}/v/${videoId}/*`;
    const manifest = `${platform.edgeUrl}/t/${alpha.session.tenantId}/v/${videoId}/master.m3u8`;
    const sign = async (ipAddress: string) => {
      const grant = await platform.app.deps.signer.sign({ tenantId: alpha.session.tenantId, resource, expiresAt, ipAddress });
      return `${manifest}?${new URLSearchParams({ Policy: grant.policy, Signature: grant.signature, 'Key-Pair-Id': grant.keyPairId })}`;
    };
    expect(await status(await sign('10.20.30.40/32'))).toBe(403);
    expect(await status(await sign('127.0.0.1/32'))).toBe(200);
  });

  it('accepts cookies made by @aws-sdk/cloudfront-signer itself, as CloudFront would', async () => {
    const key = await platform.database.db.selectFrom('tenant_signing_keys').selectAll().where('tenant_id', '=', alpha.session.tenantId).where('status', '=', 'active').executeTakeFirstOrThrow();
    const cookies = getSignedCookies({
      keyPairId: key.key_pair_id,
      privateKey: createPrivateKey(platform.app.deps.secrets.open(key.private_key_sealed)).export({ type: 'pkcs8', format: 'pem' }).toString(),
      policy: JSON.stringify({
        Statement: [{ Resource: `${platform.edgeUrl}/t/${alpha.session.tenantId}/v/${videoId}/*`, Condition: { DateLessThan: { 'AWS:EpochTime': Math.floor(Date.now() / 1000) + 60 } } }],
      }),
    });
    const cookie = Object.entries(cookies)
      .map(([name, value]) => `${name}=${value}`)
      .join('; ');
    expect(await status(`${platform.edgeUrl}/t/${alpha.session.tenantId}/v/${videoId}/master.m3u8`, { cookie })).toBe(200);
  });
});

describe('key rotation', () => {
  it('keeps grants of the replaced key playing through a rotation, and refuses them once an emergency rotation removed it', async () => {
    const newKeySigns = (keyPairId: string) =>
      waitFor(
        async () => ((await alpha.admin.tenants.playbackSigningKey()).state === 'active' && (await platform.caller().playback.authorize({ videoId })).keyPairId === keyPairId ? true : undefined),
        {
          what: 'the new key to sign',
        },
      );
    const before = await platform.caller().playback.authorize({ videoId });
    // Pending until the worker's apply has made the edge trust the new key; the current key signs meanwhile.
    const rotated = await alpha.admin.tenants.rotatePlaybackSigningKey({ retirePrevious: false });
    expect(rotated).toMatchObject({ state: 'pending', emergency: false });
    expect(rotated.keyPairId).not.toBe(before.keyPairId);
    await newKeySigns(rotated.keyPairId);
    const after = await platform.caller().playback.authorize({ videoId });
    expect((await alpha.admin.tenants.playbackSigningKey()).previousKeyTrustedUntil?.getTime()).toBeGreaterThan(before.expiresAt.getTime());
    expect(await status(before.signedManifestUrl)).toBe(200);
    expect(await status(after.signedManifestUrl)).toBe(200);
    await expect(alpha.admin.tenants.rotatePlaybackSigningKey({ retirePrevious: false })).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining('Your previous playback key is still honoured until'),
    });

    // The key leaked: an emergency rotation removes every earlier key in its one apply. Replaying their grants fails.
    const emergency = await alpha.admin.tenants.rotatePlaybackSigningKey({ retirePrevious: true });
    expect(emergency).toMatchObject({ state: 'pending', emergency: true });
    await newKeySigns(emergency.keyPairId);
    await waitFor(async () => ((await status(after.signedManifestUrl)) === 403 ? true : undefined), { what: 'the edge to stop trusting the replaced keys' });
    expect(await status(before.signedManifestUrl)).toBe(403);
    expect(await status((await platform.caller().playback.authorize({ videoId })).signedManifestUrl)).toBe(200);
  });
});

async function rawGet(url: string): Promise<number> {
  const { request } = await import('node:http');
  const target = new URL(url);
  const pathWithQuery = url.slice(url.indexOf('/', 'http://'.length));
  return new Promise((resolve, reject) => {
    const req = request({ host: target.hostname, port: target.port, path: pathWithQuery, method: 'GET' }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end();
  });
}
