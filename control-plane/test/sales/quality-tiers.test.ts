// Quality tiers are enforced by the signature, not only by the playlist: a viewer whose entitlement stops at HD gets a
// master without the 4K rung and a grant the edge refuses on the 4K rung's files, which live in the video's `-uhd`
// sibling folder; a viewer entitled to every rung plays 4K. Real ffmpeg (a 2 s 3840x2160 source at ultrafast), the real
// local edge over HTTP, the local shape's own checkout page.
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storedBytesByTenant } from '../../src/domain/usage/storage-sampling.js';
import { deleteDueRetiredFolders } from '../../src/domain/videos/retired-folders.js';
import { storeRootOf } from '../../src/shapes/compose-local-shape.js';
import { invitedViewerPassword } from '../support/mailbox.js';
import { makeClip } from '../support/media-fixtures.js';
import { signUpActiveTenant } from '../support/tenants.js';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.js';
import { putPart, readPart, uploadFile } from '../support/upload-file.js';
import { waitFor } from '../support/wait-for.js';

type Tenant = Awaited<ReturnType<typeof signUpActiveTenant>>;

let platform: TestPlatform;
let tenant: Tenant;
let tenantId: string;
let videoId: string;
let hdOffer: string;
let everythingOffer: string;

beforeAll(async () => {
  platform = await startTestPlatform();
  await platform.startWorker();
  tenant = await signUpActiveTenant(platform, 'tiers');
  tenantId = (await tenant.admin.tenants.me()).id;
  const { url: onboarding } = await tenant.admin.sales.connect({ returnUrl: `${platform.apiUrl}/sales` });
  expect((await fetch(onboarding, { redirect: 'manual' })).status).toBe(303);
  const source = await makeClip(path.join(platform.dataDir, 'uhd.mp4'), { seconds: 2, width: 3840, height: 2160 });
  videoId = await uploadFile(tenant.admin, source, { title: 'Mountains in 4K', accessMode: 'viewers' });
  await waitFor(async () => ((await tenant.admin.videos.get({ videoId })).status === 'ready' ? true : undefined), { what: 'the 4K video', timeoutMs: 180_000 });
  hdOffer = (await tenant.admin.sales.createOffer({ kind: 'subscription', name: 'HD club', amount: 499, currency: 'usd', interval: 'month', coversEverything: true, maxHeight: 1080 })).id;
  everythingOffer = (await tenant.admin.sales.createOffer({ kind: 'purchase', name: 'Own it in 4K', amount: 1999, currency: 'usd', videoIds: [videoId] })).id;
}, 240_000);
afterAll(() => platform?.close());

async function viewerWith(email: string, offerIds: readonly string[]): Promise<string> {
  await tenant.admin.viewers.invite({ email });
  const first = await platform.caller().viewerAuth.signIn({ tenantSlug: tenant.slug, email, password: await invitedViewerPassword(platform.database.db, email) });
  if (first.kind !== 'new-password-required') throw new Error('expected the first sign-in');
  const { idToken } = await platform.caller().viewerAuth.completeNewPassword({ tenantSlug: tenant.slug, session: first.session, newPassword: 'a long chosen password' });
  for (const offerId of offerIds) {
    const { url } = await platform.caller(idToken).viewerSales.buy({ tenantSlug: tenant.slug, offerId, successUrl: `${platform.apiUrl}/thanks`, cancelUrl: `${platform.apiUrl}/back` });
    const paid = await fetch(url, { method: 'POST', redirect: 'manual', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ card: '4242 4242 4242 4242' }) });
    expect(paid.status).toBe(303);
  }
  return idToken;
}

/** The URIs a playlist names, resolved against its URL (the edge has already added the grant to each). */
function urisOf(playlist: string, base: string): string[] {
  return playlist
    .split('\n')
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => new URL(line, base).toString());
}

async function text(url: string): Promise<string> {
  const response = await fetch(url);
  expect(response.status, url).toBe(200);
  return response.text();
}

/** The first media segment of a rendition playlist, fetched with the grant the playlist carried. */
async function firstSegment(playlistUrl: string): Promise<Response> {
  const [segment] = urisOf(await text(playlistUrl), playlistUrl);
  if (!segment) throw new Error(`${playlistUrl} lists no segment`);
  return fetch(segment);
}

const videoFolder = () => path.join(storeRootOf({ dataDir: platform.dataDir }), 't', tenantId, 'v', videoId);
const uhdFolder = () => `${videoFolder()}-uhd`;

async function folderBytes(folder: string): Promise<number> {
  let total = 0;
  for (const entry of await readdir(folder, { withFileTypes: true, recursive: true })) if (entry.isFile()) total += (await stat(path.join(entry.parentPath, entry.name))).size;
  return total;
}

describe('quality tiers', () => {
  let uhdPlaylistUrl: string;

  it('publishes the 4K rung in the video’s -uhd sibling folder, and storage accounting counts it', async () => {
    expect(await readdir(uhdFolder())).toEqual(['2160p']);
    expect((await readdir(videoFolder())).filter((name) => /^\d+p$/.test(name)).sort()).toEqual(['1080p', '360p', '480p', '720p']);
    const rungs = await platform.database.db.selectFrom('renditions').select(['name', 'in_uhd_folder', 'bytes']).where('video_id', '=', videoId).orderBy('height', 'desc').execute();
    expect(rungs.map((rung) => [rung.name, rung.in_uhd_folder])).toEqual([
      ['2160p', true],
      ['1080p', false],
      ['720p', false],
      ['480p', false],
      ['360p', false],
    ]);
    const uhdBytes = await folderBytes(uhdFolder());
    expect(Number(rungs[0]?.bytes)).toBe(uhdBytes);
    // The tenant's stored outputs: every rung (the 4K one included) and the audio rendition.
    const audio = await platform.database.db.selectFrom('audio_tracks').select('bytes').where('video_id', '=', videoId).execute();
    const [sample] = await storedBytesByTenant(platform.app.deps, tenantId);
    expect(sample?.renditionBytes).toBe([...rungs, ...audio].reduce((sum, row) => sum + Number(row.bytes), 0));
  });

  it('a viewer entitled to every rung plays 4K from the sibling folder', async () => {
    const idToken = await viewerWith('owner-of-4k@example.com', [everythingOffer]);
    const granted = await platform.caller().playback.authorize({ videoId, credential: idToken });
    expect(granted.manifestUrl).toBe(`${platform.edgeUrl}/t/${tenantId}/v/${videoId}/master.m3u8`);
    expect(granted.cookies.map((cookie) => cookie.path)).toEqual([...Array(3).fill(`/t/${tenantId}/v/${videoId}/`), ...Array(3).fill(`/t/${tenantId}/v/${videoId}-uhd/`)]);
    const master = await text(granted.signedManifestUrl);
    expect(master).toContain(`../${videoId}-uhd/2160p/index.m3u8?`);
    const variants = urisOf(master, granted.signedManifestUrl).filter((uri) => uri.includes('/index.m3u8'));
    uhdPlaylistUrl = variants.find((uri) => uri.includes(`/v/${videoId}-uhd/2160p/`)) ?? '';
    expect(uhdPlaylistUrl).not.toBe('');
    const segment = await firstSegment(uhdPlaylistUrl);
    expect(segment.status).toBe(200);
    const bytes = (await segment.arrayBuffer()).byteLength;
    expect(bytes).toBeGreaterThan(0);
    // Metered as the video's delivery, like its other folder's.
    await platform.accessLog.flush();
    const lines = (await readFile(path.join(platform.dataDir, 'logs', 'edge-access.jsonl'), 'utf8'))
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { videoId: string; path: string; bytes: number });
    expect(lines.filter((line) => line.path.startsWith(`/t/${tenantId}/v/${videoId}-uhd/2160p/`) && line.path.endsWith('.m4s'))).toEqual([expect.objectContaining({ videoId, bytes })]);
  });

  it('a viewer whose tier stops at HD gets a master without 4K, plays 1080p, and the edge refuses the 4K files', async () => {
    const idToken = await viewerWith('hd-member@example.com', [hdOffer]);
    const granted = await platform.caller().playback.authorize({ videoId, credential: idToken });
    expect(granted.manifestUrl).toBe(`${platform.edgeUrl}/t/${tenantId}/v/${videoId}/hd/master.m3u8`);
    expect(new Set(granted.cookies.map((cookie) => cookie.path))).toEqual(new Set([`/t/${tenantId}/v/${videoId}/`]));
    const master = await text(granted.signedManifestUrl);
    expect(master).not.toContain('2160');
    expect(master).not.toContain('-uhd');
    const variants = urisOf(master, granted.signedManifestUrl).filter((uri) => uri.includes('/index.m3u8'));
    const hd = variants.find((uri) => uri.includes(`/v/${videoId}/1080p/index.m3u8`));
    if (!hd) throw new Error(`no 1080p variant in\n${master}`);
    expect((await firstSegment(hd)).status).toBe(200);

    // The 4K rung's playlist and segment, asked for with this viewer's grant: refused by the signature.
    const withHdGrant = (url: string) => `${url.split('?')[0] ?? ''}?${granted.query}`;
    const uhdSegment = urisOf(await text(uhdPlaylistUrl), uhdPlaylistUrl)[0] ?? '';
    for (const url of [withHdGrant(uhdPlaylistUrl), withHdGrant(uhdSegment)]) {
      const refused = await fetch(url);
      expect(refused.status, url).toBe(403);
    }
    // Nor as cookies.
    const cookie = granted.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
    expect((await fetch(uhdSegment.split('?')[0] ?? '', { headers: { cookie } })).status).toBe(403);
    expect((await fetch(hd.split('?')[0] ?? '', { headers: { cookie } })).status).toBe(200);
  });

  it('with an HD subscription and a 4K purchase of the title, the better one wins', async () => {
    const idToken = await viewerWith('both@example.com', [hdOffer, everythingOffer]);
    const granted = await platform.caller().playback.authorize({ videoId, credential: idToken });
    expect(granted.manifestUrl).toBe(`${platform.edgeUrl}/t/${tenantId}/v/${videoId}/master.m3u8`);
    expect((await fetch(`${uhdPlaylistUrl.split('?')[0] ?? ''}?${granted.query}`)).status).toBe(200);
  });

  it('the admin’s preview plays every rung', async () => {
    const { token } = await tenant.admin.videos.previewToken({ videoId });
    const preview = await platform.caller().playback.authorize({ videoId, credential: token });
    expect(preview.manifestUrl).toBe(`${platform.edgeUrl}/t/${tenantId}/v/${videoId}/master.m3u8`);
    expect((await fetch(`${uhdPlaylistUrl.split('?')[0] ?? ''}?${preview.query}`)).status).toBe(200);
  });

  it('replacing the source with an HD one retires the 4K rung in the sibling folder like the rest of the old package', async () => {
    const hd = await makeClip(path.join(platform.dataDir, 'hd.mp4'), { seconds: 2, width: 640, height: 360 });
    const { size } = await stat(hd);
    const ticket = await tenant.admin.videos.createReplacementUpload({ videoId, filename: 'hd.mp4', size });
    for (const part of ticket.parts) expect((await putPart(part.url, await readPart(hd, ticket.partSize, part.partNumber))).ok).toBe(true);
    await tenant.admin.videos.completeReplacementUpload({ videoId });
    await waitFor(
      async () => ((await platform.database.db.selectFrom('videos').select('package_revision').where('id', '=', videoId).executeTakeFirstOrThrow()).package_revision > 0 ? true : undefined),
      {
        what: 'the replacement',
        timeoutMs: 120_000,
      },
    );
    const retired = await platform.database.db.selectFrom('retired_folders').select(['prefix', 'delete_after']).where('video_id', '=', videoId).execute();
    expect(retired.map((folder) => folder.prefix)).toContain(`t/${tenantId}/v/${videoId}-uhd/2160p/`);
    const last = Math.max(...retired.map((folder) => folder.delete_after.getTime()));
    await deleteDueRetiredFolders({ ...platform.app.deps, clock: { now: () => new Date(last + 1000) } });
    expect(await readdir(uhdFolder())).toEqual([]);
    const idToken = await viewerWith('after-replacement@example.com', [hdOffer]);
    const granted = await platform.caller().playback.authorize({ videoId, credential: idToken });
    expect(await text(granted.signedManifestUrl)).not.toContain('2160');
  });

  it('deleting the video removes both folders', async () => {
    await tenant.admin.videos.delete({ videoId });
    await expect(stat(videoFolder())).rejects.toMatchObject({ code: 'ENOENT' });
    await expect(stat(uhdFolder())).rejects.toMatchObject({ code: 'ENOENT' });
  });
});
