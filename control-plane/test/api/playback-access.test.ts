// Access modes: public, viewers (JWT from the tenant's pool, verified through JWKS), token (tenant-signed JWT).
import { request, type OutgoingHttpHeaders } from 'node:http';
import path from 'node:path';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeClip } from '../support/media-fixtures.js';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.js';
import { signUpActiveTenant } from '../support/tenants.js';
import { uploadFile } from '../support/upload-file.js';
import { waitFor } from '../support/wait-for.js';
import { invitedViewerPassword } from '../support/mailbox.js';

let platform: TestPlatform;
let studio: Awaited<ReturnType<typeof signUpActiveTenant>>;
let rival: Awaited<ReturnType<typeof signUpActiveTenant>>;
let videoId: string;

beforeAll(async () => {
  platform = await startTestPlatform();
  await platform.startWorker();
  [studio, rival] = await Promise.all([signUpActiveTenant(platform, 'studio'), signUpActiveTenant(platform, 'rival')]);
  videoId = await uploadFile(studio.admin, await makeClip(path.join(platform.dataDir, 'clip.mp4'), { seconds: 2, width: 640, height: 360 }), { accessMode: 'viewers' });
  await waitFor(async () => ((await studio.admin.videos.get({ videoId })).status === 'ready' ? true : undefined), { what: 'ready' });
});
afterAll(() => platform?.close());

async function viewerToken(tenant: typeof studio, email: string): Promise<string> {
  await tenant.admin.viewers.invite({ email });
  const first = await platform.caller().viewerAuth.signIn({ tenantSlug: tenant.slug, email, password: await invitedViewerPassword(platform.database.db, email) });
  if (first.kind !== 'new-password-required') throw new Error('expected a forced password change');
  const tokens = await platform.caller().viewerAuth.completeNewPassword({ tenantSlug: tenant.slug, session: first.session, newPassword: 'my own new password' });
  return tokens.idToken;
}

describe('viewers mode', () => {
  it('refuses a signed-out viewer, plays for a signed-in viewer of this tenant, refuses another tenant’s viewer', async () => {
    await expect(platform.caller().playback.authorize({ videoId })).rejects.toMatchObject({ code: 'UNAUTHORIZED', message: 'Sign in to watch this video.' });
    const token = await viewerToken(studio, 'fan@example.com');
    const grant = await platform.caller().playback.authorize({ videoId, credential: token });
    expect((await fetch(grant.signedManifestUrl)).status).toBe(200);

    const outsider = await viewerToken(rival, 'spy@example.com');
    await expect(platform.caller().playback.authorize({ videoId, credential: outsider })).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
  });

  it('forces the temporary password to be changed, and a removed viewer’s token stops working', async () => {
    await studio.admin.viewers.invite({ email: 'temp@example.com' });
    const first = await platform.caller().viewerAuth.signIn({ tenantSlug: studio.slug, email: 'temp@example.com', password: await invitedViewerPassword(platform.database.db, 'temp@example.com') });
    expect(first.kind).toBe('new-password-required');
    await expect(platform.caller().viewerAuth.signIn({ tenantSlug: studio.slug, email: 'temp@example.com', password: 'guess guess guess' })).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    const token = await viewerToken(studio, 'leaver@example.com');
    const leaver = (await studio.admin.viewers.list()).data.find((viewer) => viewer.email === 'leaver@example.com')!;
    expect(leaver.status).toBe('active');
    await studio.admin.viewers.remove({ viewerId: leaver.viewerId });
    await expect(platform.caller().playback.authorize({ videoId, credential: token })).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
  });
});

describe('token mode', () => {
  it('plays with a token the tenant backend signed for this video, and refuses wrong video, expired, revoked and other tenants’ keys', async () => {
    await studio.admin.videos.update({ videoId, accessMode: 'token' });
    const key = await studio.admin.playbackKeys.create({ name: 'website backend' });
    expect((await studio.admin.playbackKeys.list()).map((listed) => Object.keys(listed))).not.toContainEqual(expect.arrayContaining(['secret']));
    const sign = (secret: string, kid: string, claims: { sub: string; exp: number }) =>
      new SignJWT({}).setProtectedHeader({ alg: 'HS256', kid }).setSubject(claims.sub).setAudience('playback').setIssuedAt().setExpirationTime(claims.exp).sign(new TextEncoder().encode(secret));
    const inAMinute = Math.floor(Date.now() / 1000) + 60;

    await expect(platform.caller().playback.authorize({ videoId })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const grant = await platform.caller().playback.authorize({ videoId, credential: await sign(key.secret, key.id, { sub: videoId, exp: inAMinute }) });
    expect((await fetch(grant.signedManifestUrl)).status).toBe(200);

    await expect(platform.caller().playback.authorize({ videoId, credential: await sign(key.secret, key.id, { sub: crypto.randomUUID(), exp: inAMinute }) })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await expect(platform.caller().playback.authorize({ videoId, credential: await sign(key.secret, key.id, { sub: videoId, exp: inAMinute - 120 }) })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const rivalKey = await rival.admin.playbackKeys.create({ name: 'rival' });
    await expect(platform.caller().playback.authorize({ videoId, credential: await sign(rivalKey.secret, rivalKey.id, { sub: videoId, exp: inAMinute }) })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await studio.admin.playbackKeys.revoke({ keyId: key.id });
    await expect(platform.caller().playback.authorize({ videoId, credential: await sign(key.secret, key.id, { sub: videoId, exp: inAMinute }) })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('measures a token’s lifetime from now: refuses one expiring in 2100 whatever its iat says, or issued in the future; plays one issued days ago that ends within the week', async () => {
    await studio.admin.videos.update({ videoId, accessMode: 'token' });
    const key = await studio.admin.playbackKeys.create({ name: 'lifetime checks' });
    const sign = (issuedAt: number, expiresAt: number) =>
      new SignJWT({})
        .setProtectedHeader({ alg: 'HS256', kid: key.id })
        .setSubject(videoId)
        .setAudience('playback')
        .setIssuedAt(issuedAt)
        .setExpirationTime(expiresAt)
        .sign(new TextEncoder().encode(key.secret));
    const authorize = async (issuedAt: number, expiresAt: number) => platform.caller().playback.authorize({ videoId, credential: await sign(issuedAt, expiresAt) });
    const now = Math.floor(Date.now() / 1000);
    const day = 86_400;
    const year2100 = Math.floor(Date.UTC(2100, 0, 1) / 1000);

    await expect(authorize(year2100 - 60, year2100)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(authorize(now + 600, now + 660)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(authorize(now, now + 8 * day)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const grant = await authorize(now - 2 * day, now + 6 * day);
    expect((await fetch(grant.signedManifestUrl)).status).toBe(200);
    // A backend clock a little ahead of ours is not a lie.
    await authorize(now + 20, now + 3600);
  });
});

describe('public mode', () => {
  it('plays without a credential, and the signature only covers this video', async () => {
    await studio.admin.videos.update({ videoId, accessMode: 'public' });
    const grant = await platform.caller().playback.authorize({ videoId });
    expect((await fetch(grant.signedManifestUrl)).status).toBe(200);
    const otherVideo = grant.manifestUrl.replace(videoId, crypto.randomUUID());
    expect((await fetch(`${otherVideo}?${grant.query}`)).status).toBe(403);
    const otherTenant = grant.manifestUrl.replace(studio.session.tenantId, rival.session.tenantId);
    expect((await fetch(`${otherTenant}?${grant.query}`)).status).toBe(403);
  });
});

describe('over HTTP', () => {
  /** The player's call. A `trpc-accept` header makes it one only tRPC's own adapter serves; `chunked` sends the body without a length. */
  async function post(body: string, options: { viaAdapter?: boolean; chunked?: boolean } = {}): Promise<{ status: number; contentType: string | undefined; json: unknown }> {
    return new Promise((resolve, reject) => {
      const headers: OutgoingHttpHeaders = {
        'content-type': 'application/json',
        ...(options.chunked ? {} : { 'content-length': Buffer.byteLength(body) }),
        ...(options.viaAdapter ? { 'trpc-accept': 'application/json' } : {}),
      };
      const call = request(`${platform.apiUrl}/trpc/playback.authorize`, { method: 'POST', headers }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, contentType: response.headers['content-type'], json: JSON.parse(Buffer.concat(chunks).toString()) }));
      });
      call.on('error', reject);
      call.write(body);
      call.end();
    });
  }

  /** Each viewer's answer carries its own playback session; everything else is the same for all. */
  function withOwnSession(answer: Awaited<ReturnType<typeof post>>): Awaited<ReturnType<typeof post>> {
    const data = (answer.json as { result?: { data?: { playbackSession?: unknown } } }).result?.data;
    if (data === undefined) return answer;
    expect(data.playbackSession).toMatch(/^[0-9a-f-]{36}\./);
    return { ...answer, json: { result: { data: { ...data, playbackSession: 'its own' } } } };
  }

  it('answers the player’s plain POST as tRPC’s adapter does, grants and refusals alike', async () => {
    const grant = JSON.stringify({ videoId });
    const [before, adapter, chunked, after] = [await post(grant), await post(grant, { viaAdapter: true }), await post(grant, { chunked: true }), await post(grant)].map(withOwnSession);
    expect(adapter!.status).toBe(200);
    // Two plain calls around the others: each of those shares its expiry minute with one of them.
    expect([before, after]).toContainEqual(adapter);
    expect([before, after]).toContainEqual(chunked);
    for (const body of [JSON.stringify({ videoId: crypto.randomUUID() }), JSON.stringify({ videoId: 'not-a-uuid' }), JSON.stringify({ videoId, credential: '' }), '{"videoId":']) {
      const [plain, viaAdapter] = [await post(body), await post(body, { viaAdapter: true })];
      expect(plain.status).toBeGreaterThanOrEqual(400);
      expect(plain).toEqual(viaAdapter);
    }
  });
});

describe('white-label branding', () => {
  it('returns the tenant’s accent colour and logo with the grant; the logo is served publicly; bad logos are refused', async () => {
    const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
    await studio.admin.tenants.setAccentColor({ accentColor: '#FF5500' });
    const tenant = await studio.admin.tenants.setLogo({ imageBase64: png.toString('base64') });
    expect(tenant.branding).toMatchObject({ accentColor: '#ff5500', showPlatformLogo: true });

    const grant = await platform.caller().playback.authorize({ videoId });
    expect(grant.branding).toEqual(tenant.branding);
    const logo = await fetch(grant.branding.logoUrl!);
    expect(logo.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await logo.arrayBuffer()).equals(png)).toBe(true);
    expect((await fetch(grant.posterUrl ?? '')).headers.get('content-type')).toBe('image/jpeg');
    expect(await (await fetch(grant.storyboardVttUrl ?? '')).text()).toMatch(/^WEBVTT/);

    await expect(studio.admin.tenants.setLogo({ imageBase64: Buffer.from('<svg onload="alert(1)"/>').toString('base64') })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: 'The logo must be a PNG, JPEG or WebP image.',
    });
    await expect(studio.admin.tenants.setAccentColor({ accentColor: 'red' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    expect((await rival.admin.tenants.me()).branding).toEqual({ accentColor: null, logoUrl: null, showPlatformLogo: true });
  });
});

describe('admin previews in the portal', () => {
  it('lets the tenant’s admin preview a viewers-only video with a preview token, and nobody else', async () => {
    await studio.admin.videos.update({ videoId, accessMode: 'viewers' });
    const { token } = await studio.admin.videos.previewToken({ videoId });
    const grant = await platform.caller().playback.authorize({ videoId, credential: token });
    expect((await fetch(grant.signedManifestUrl)).status).toBe(200);

    const rivalVideo = await rival.admin.videos.createUpload({ filename: 'r.mp4', size: 10 });
    await expect(rival.admin.videos.previewToken({ videoId })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(studio.admin.videos.previewToken({ videoId: rivalVideo.videoId })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    // The signature's first character carries six whole bits; its last one has padding bits decoders ignore.
    const [header, payload, signature] = token.split('.');
    const tampered = `${header}.${payload}.${signature!.startsWith('A') ? 'B' : 'A'}${signature!.slice(1)}`;
    await expect(platform.caller().playback.authorize({ videoId, credential: tampered })).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
  });
});
