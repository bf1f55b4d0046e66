// A signed-in viewer's library on a tenant's site: "continue watching" kept from their own player's reports (under
// the playback session their grant opened, never from what a reporter claims) and "my list"; both only theirs, only
// on the site whose pool signed them in, and gone when the tenant removes them.
import { createHmac, hkdfSync, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QoeReport } from '@ott/contracts';
import { waitForEmail } from '../support/mailbox.js';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.js';
import { signUpActiveTenant } from '../support/tenants.js';

let platform: TestPlatform;
let tenant: Awaited<ReturnType<typeof signUpActiveTenant>>;
let other: Awaited<ReturnType<typeof signUpActiveTenant>>;

/** A ten-minute video marked ready (nothing needs transcoding to authorise it and report on it). */
async function readyVideo(owner: typeof tenant, accessMode: 'public' | 'viewers', title: string): Promise<string> {
  const { videoId } = await owner.admin.videos.createUpload({ filename: `${title}.mp4`, size: 100, title, accessMode });
  const assets = { masterPlaylist: 'master.m3u8', poster: 'poster.jpg', thumbnails: [], storyboard: { image: 's.jpg', vtt: 's.vtt', intervalSeconds: 2, tileWidth: 160, tileHeight: 90 } };
  await platform.database.db
    .updateTable('videos')
    .set({ status: 'ready', assets: JSON.stringify(assets), duration_seconds: 600 })
    .where('id', '=', videoId)
    .execute();
  return videoId;
}

/** A viewer who signed up on the tenant's site; their ID token. */
async function signedUpViewer(site: typeof tenant, email: string): Promise<string> {
  const since = new Date(Date.now() - 1000);
  await platform.caller().viewerAuth.startSignUp({ tenantSlug: site.slug, email });
  const code = /Code: (\d{6})/.exec((await waitForEmail(platform.database.db, { kind: 'viewer-sign-up', to: email, since })).text)?.[1] ?? '';
  return (await platform.caller().viewerAuth.completeSignUp({ tenantSlug: site.slug, email, code, password: 'a viewing password' })).idToken;
}

const report = (playbackSession: string, videoId: string, positionSeconds: number | null): QoeReport => ({
  playbackSession,
  videoId,
  startupMs: 500,
  rebufferMs: 0,
  rebufferCount: 0,
  bitrateSwitches: 0,
  errors: 0,
  watchedSeconds: 5,
  positionSeconds,
});

async function watchTo(videoId: string, positionSeconds: number, credential?: string): Promise<void> {
  const { playbackSession } = await platform.caller().playback.authorize({ videoId, credential });
  await platform.caller().qoe.report(report(playbackSession, videoId, positionSeconds));
}

let film: string;
let members: string;
let token: string;

beforeAll(async () => {
  platform = await startTestPlatform();
  await platform.startWorker();
  [tenant, other] = await Promise.all([signUpActiveTenant(platform, 'library'), signUpActiveTenant(platform, 'elsewhere')]);
  await Promise.all([tenant.admin.viewers.setSignUp({ open: true }), other.admin.viewers.setSignUp({ open: true })]);
  [film, members] = await Promise.all([readyVideo(tenant, 'public', 'Open film'), readyVideo(tenant, 'viewers', 'Members film')]);
  token = await signedUpViewer(tenant, 'resumer@viewers.example');
});
afterAll(() => platform?.close());

describe('continue watching', () => {
  it("keeps a signed-in viewer's place from their player's reports, latest first, and drops a video watched to the credits", async () => {
    const library = platform.caller(token).viewerLibrary;
    await watchTo(film, 125.5, token);
    await watchTo(members, 42, token);
    expect(await library.continueWatching({ tenantSlug: tenant.slug })).toMatchObject([
      { videoId: members, title: 'Members film', resumeSeconds: 42, durationSeconds: 600 },
      { videoId: film, title: 'Open film', resumeSeconds: 125.5 },
    ]);
    // Seeking back is a place too; 20 s before the end is the credits: watched.
    await watchTo(film, 30, token);
    expect((await library.continueWatching({ tenantSlug: tenant.slug }))[0]).toMatchObject({ videoId: film, resumeSeconds: 30 });
    await watchTo(film, 580, token);
    expect((await library.continueWatching({ tenantSlug: tenant.slug })).map((entry) => entry.videoId)).toEqual([members]);
    expect(await library.forgetPlace({ tenantSlug: tenant.slug, videoId: members })).toEqual({ removed: true });
    expect(await library.continueWatching({ tenantSlug: tenant.slug })).toEqual([]);
  });

  it('keeps nothing for an anonymous viewer, or for a report without a place', async () => {
    const before = await platform.database.db
      .selectFrom('viewer_progress')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    await watchTo(film, 200);
    const { playbackSession } = await platform.caller().playback.authorize({ videoId: film, credential: token });
    await platform.caller().qoe.report(report(playbackSession, film, null));
    const after = await platform.database.db
      .selectFrom('viewer_progress')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });

  it('still takes reports of a session token issued before sessions named their viewer (version 2), as anonymous', async () => {
    const now = Date.now();
    const sessionId = randomUUID();
    // Version 2: version, flags, tenant, video, start, end (46 bytes), then the MAC over the id and those bytes.
    const claims = Buffer.alloc(46);
    claims[0] = 2;
    claims.write(tenant.session.tenantId.replaceAll('-', ''), 2, 16, 'hex');
    claims.write(film.replaceAll('-', ''), 18, 16, 'hex');
    claims.writeUIntBE(now, 34, 6);
    claims.writeUIntBE(now + 600_000, 40, 6);
    const key = Buffer.from(hkdfSync('sha256', platform.app.deps.authSecret, new Uint8Array(0), 'ott-cloud/playback-sessions', 32));
    const mac = createHmac('sha256', key).update(sessionId).update(claims).digest().subarray(0, 16);
    expect(await platform.caller().qoe.report(report(`${sessionId}.${Buffer.concat([claims, mac]).toString('base64url')}`, film, 300))).toEqual({ recorded: true });
    expect(await platform.database.db.selectFrom('playback_sessions').select('session_id').where('session_id', '=', sessionId).executeTakeFirst()).toBeDefined();
  });
});

describe('my list', () => {
  it('saves titles once each, latest first, and removes them', async () => {
    const library = platform.caller(token).viewerLibrary;
    const tenantSlug = tenant.slug;
    await library.addToList({ tenantSlug, videoId: film });
    await library.addToList({ tenantSlug, videoId: members });
    await library.addToList({ tenantSlug, videoId: film });
    expect((await library.myList({ tenantSlug })).map((entry) => entry.title).sort()).toEqual(['Members film', 'Open film']);
    expect(await library.removeFromList({ tenantSlug, videoId: members })).toEqual({ removed: true });
    expect((await library.myList({ tenantSlug })).map((entry) => entry.videoId)).toEqual([film]);
  });

  it("refuses another site's token, another tenant's video and a missing sign-in; each viewer sees only their own", async () => {
    const elsewhereToken = await signedUpViewer(other, 'wanderer@viewers.example');
    const otherFilm = await readyVideo(other, 'public', 'Other film');
    await expect(platform.caller(elsewhereToken).viewerLibrary.myList({ tenantSlug: tenant.slug })).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    await expect(platform.caller().viewerLibrary.continueWatching({ tenantSlug: tenant.slug })).rejects.toMatchObject({ code: 'UNAUTHORIZED', message: expect.stringContaining('Sign in') });
    await expect(platform.caller(token).viewerLibrary.addToList({ tenantSlug: tenant.slug, videoId: otherFilm })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const neighbour = await signedUpViewer(tenant, 'neighbour@viewers.example');
    expect(await platform.caller(neighbour).viewerLibrary.myList({ tenantSlug: tenant.slug })).toEqual([]);
    expect(await platform.caller(neighbour).viewerLibrary.removeFromList({ tenantSlug: tenant.slug, videoId: film })).toEqual({ removed: false });
    expect((await platform.caller(token).viewerLibrary.myList({ tenantSlug: tenant.slug })).map((entry) => entry.videoId)).toEqual([film]);
  });

  it('goes, with the places, when the tenant removes the viewer', async () => {
    const leaving = await signedUpViewer(tenant, 'leaving@viewers.example');
    await platform.caller(leaving).viewerLibrary.addToList({ tenantSlug: tenant.slug, videoId: film });
    await watchTo(members, 100, leaving);
    const viewer = (await tenant.admin.viewers.list()).data.find((entry) => entry.email === 'leaving@viewers.example');
    await tenant.admin.viewers.remove({ viewerId: viewer?.viewerId ?? '' });
    const left = (table: 'viewer_progress' | 'viewer_list_items') =>
      platform.database.db
        .selectFrom(table)
        .select('video_id')
        .where('viewer_id', '=', viewer?.viewerId ?? '')
        .execute();
    expect(await left('viewer_progress')).toEqual([]);
    expect(await left('viewer_list_items')).toEqual([]);
  });
});
