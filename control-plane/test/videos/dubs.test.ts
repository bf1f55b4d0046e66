// A tenant adds a French dub to a ready video: its file uploads with the multipart protocol, becomes one audio
// rendition like the source's (AAC stereo 48 kHz, cut to the video's length), and the master the edge serves names it.
// Removing it takes it out of the master and the store; a file with no sound fails with a reason; another tenant
// reaches none of it.
import { execFile } from 'node:child_process';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storageAllowance } from '../../src/domain/billing/storage-allowance.js';
import { storedBytesByTenant } from '../../src/domain/usage/storage-sampling.js';
import { expireUnfinishedDubUploads } from '../../src/domain/videos/dub-upload-expiry.js';
import { deleteDueRetiredFolders, MASTER_CACHE_GRACE_SECONDS } from '../../src/domain/videos/retired-folders.js';
import { ffmpeg, probeStreams } from '../ffmpeg/fixtures.js';
import { makeClip } from '../support/media-fixtures.js';
import { signUpActiveTenant } from '../support/tenants.js';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.js';
import { putPart, readPart, uploadFile } from '../support/upload-file.js';
import { waitFor } from '../support/wait-for.js';

type Tenant = Awaited<ReturnType<typeof signUpActiveTenant>>;

let platform: TestPlatform;
let tenant: Tenant;
let other: Tenant;
let videoId: string;

beforeAll(async () => {
  platform = await startTestPlatform();
  await platform.startWorker();
  tenant = await signUpActiveTenant(platform, 'dubbed');
  other = await signUpActiveTenant(platform, 'other');
  const film = await makeClip(path.join(platform.dataDir, 'film.mp4'), { seconds: 4, width: 320, height: 180, audio: true });
  videoId = await uploadFile(tenant.admin, film, { title: 'Dubbed' });
  await waitFor(async () => ((await tenant.admin.videos.get({ videoId })).status === 'ready' ? true : undefined), { what: 'the film to be ready', timeoutMs: 120_000 });
});
afterAll(() => platform?.close());

/** Uploads `file` as a dub of the video in `language` and waits until its encode is over (ready or failed). */
async function addDub(file: string, language: string, name?: string) {
  const { size } = await stat(file);
  const ticket = await tenant.admin.audioTracks.addDub({ videoId, filename: path.basename(file), size, language, ...(name ? { name } : {}) });
  for (const part of ticket.parts) expect((await putPart(part.url, await readPart(file, ticket.partSize, part.partNumber))).ok).toBe(true);
  await tenant.admin.audioTracks.completeDub({ videoId, trackId: ticket.trackId });
  return waitFor(
    async () => {
      const track = (await tenant.admin.audioTracks.list({ videoId })).find((t) => t.id === ticket.trackId);
      return track && track.status !== 'processing' ? track : undefined;
    },
    { what: 'the dub to be encoded', timeoutMs: 60_000 },
  );
}

async function signedMaster(): Promise<{ url: string; text: string }> {
  const url = (await platform.caller().playback.authorize({ videoId })).signedManifestUrl;
  return { url, text: await (await fetch(url)).text() };
}

async function probeDuration(file: string): Promise<number> {
  const { stdout } = await promisify(execFile)('ffprobe', ['-v', 'error', '-show_entries', 'format=duration', '-of', 'csv=p=0', file]);
  return Number(stdout.trim());
}

describe('a French dub', () => {
  let trackId: string;

  it('becomes an audio rendition of the master, cut to the video’s length', async () => {
    // Half a second longer than the video (4.5 s against 4 s): within the tolerance, cut to the video.
    const dub = path.join(platform.dataDir, 'french.wav');
    await ffmpeg(['-f', 'lavfi', '-i', 'sine=frequency=330:sample_rate=22050:duration=4.5', '-ac', '1', dub]);
    const track = await addDub(dub, 'fr', 'Français');
    trackId = track.id;
    expect(track).toMatchObject({ language: 'fr', name: 'Français', origin: 'dub', status: 'ready', failureReason: null, channels: 2 });

    const master = await signedMaster();
    expect(master.text).toContain('#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID="audio",LANGUAGE="fr",NAME="Français",DEFAULT=NO');
    const uri = /LANGUAGE="fr",[^\n]*URI="([^"]+)"/.exec(master.text)?.[1];
    expect(uri).toBeDefined();
    // Played as a player plays it: the signed playlist and its segments through the edge.
    const playlist = new URL(uri ?? '', master.url).href;
    const [stream] = await probeStreams(playlist);
    expect(stream).toMatchObject({ codec_type: 'audio', codec_name: 'aac', channels: 2, sample_rate: '48000' });
    expect(await probeDuration(playlist)).toBeCloseTo(4, 0);
    // Stored and billed: the dub's file with the originals, its rendition with the renditions.
    const others = await storedBytesByTenant(platform.app.deps, other.session.tenantId);
    const [sample] = await storedBytesByTenant(platform.app.deps, tenant.session.tenantId);
    const row = await platform.database.db.selectFrom('audio_tracks').select(['bytes', 'source_size']).where('id', '=', trackId).executeTakeFirstOrThrow();
    const video = await tenant.admin.videos.get({ videoId });
    const sourceTracks = await platform.database.db.selectFrom('audio_tracks').select('bytes').where('video_id', '=', videoId).where('origin', '=', 'source').execute();
    expect(sample?.sourceBytes).toBe(video.sourceSize + (await stat(dub)).size);
    expect(Number(row.source_size)).toBe((await stat(dub)).size);
    expect(sample?.renditionBytes).toBe(video.renditions.reduce((sum, r) => sum + r.bytes, 0) + sourceTracks.reduce((sum, t) => sum + Number(t.bytes), 0) + Number(row.bytes));
    expect(others).toEqual([{ tenantId: other.session.tenantId, sourceBytes: 0, renditionBytes: 0 }]);
  });

  it('can be renamed and made the audio that plays first', async () => {
    await tenant.admin.audioTracks.updateDub({ videoId, trackId, name: 'Français (France)', isDefault: true });
    const { text } = await signedMaster();
    expect(text).toContain('LANGUAGE="fr",NAME="Français (France)",DEFAULT=YES');
  });

  it('is out of another tenant’s reach', async () => {
    await expect(other.admin.audioTracks.list({ videoId })).rejects.toThrow(/not found/i);
    await expect(other.admin.audioTracks.removeDub({ videoId, trackId })).rejects.toThrow(/not found/i);
    await expect(other.admin.audioTracks.updateDub({ videoId, trackId, name: 'Hijacked' })).rejects.toThrow(/not found/i);
    await expect(other.admin.audioTracks.completeDub({ videoId, trackId })).rejects.toThrow(/not found/i);
    expect((await tenant.admin.audioTracks.list({ videoId })).find((t) => t.id === trackId)?.name).toBe('Français (France)');
  });

  it('leaves the master when removed, and the store once players holding the old master are done', async () => {
    await tenant.admin.audioTracks.removeDub({ videoId, trackId });
    expect((await signedMaster()).text).not.toContain('LANGUAGE="fr"');
    const folder = path.join(platform.dataDir, 'store', 't', tenant.session.tenantId, 'v', videoId, `dub_${trackId}`);
    expect((await stat(folder)).isDirectory()).toBe(true);
    const afterTheGrace = { now: () => new Date(Date.now() + (MASTER_CACHE_GRACE_SECONDS + 1) * 1000) };
    expect(await deleteDueRetiredFolders({ ...platform.app.deps, clock: afterTheGrace })).toBeGreaterThanOrEqual(1);
    expect(await stat(folder).catch(() => undefined)).toBeUndefined();
    const sources = await platform.database.db.selectFrom('audio_tracks').select('id').where('id', '=', trackId).execute();
    expect(sources).toEqual([]);
  });
});

describe('a dub file that cannot be used', () => {
  it('fails with a reason when it has no sound, keeping the file', async () => {
    const silent = await makeClip(path.join(platform.dataDir, 'silent.mp4'), { seconds: 2, width: 320, height: 180, audio: false });
    const track = await addDub(silent, 'es');
    expect(track.status).toBe('failed');
    expect(track.failureReason).toMatch(/no sound/);
    const row = await platform.database.db.selectFrom('audio_tracks').select('source_key').where('id', '=', track.id).executeTakeFirstOrThrow();
    expect((await stat(path.join(platform.dataDir, 'store', row.source_key ?? ''))).size).toBeGreaterThan(0);
    expect((await signedMaster()).text).not.toContain('LANGUAGE="es"');
  });

  it('is refused, with both durations, when it is more than a second longer than the video', async () => {
    const long = path.join(platform.dataDir, 'other-cut.wav');
    await ffmpeg(['-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=48000:duration=6', long]);
    const track = await addDub(long, 'de');
    expect(track.status).toBe('failed');
    expect(track.failureReason).toMatch(/lasts 6\.0 s but the video lasts 4\.\d s/);
    expect((await signedMaster()).text).not.toContain('LANGUAGE="de"');
  });

  it('holds its share of the plan while it uploads, and past its deadline fails with the reason, its parts deleted', async () => {
    const file = path.join(platform.dataDir, 'abandoned.wav');
    await ffmpeg(['-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=48000:duration=4', file]);
    const { size } = await stat(file);
    const ticket = await tenant.admin.audioTracks.addDub({ videoId, filename: 'abandoned.wav', size, language: 'it' });
    const [first] = ticket.parts;
    expect((await putPart(first!.url, await readPart(file, ticket.partSize, first!.partNumber))).ok).toBe(true);
    const deps = platform.app.deps;
    const allowance = await storageAllowance(deps, tenant.session.tenantId, 10 ** 12);
    expect(allowance.inProgress).toEqual({ uploads: 1, bytes: size });

    const row = await deps.db.selectFrom('audio_tracks').select(['upload_id', 'upload_expires_at']).where('id', '=', ticket.trackId).executeTakeFirstOrThrow();
    const pastDeadline = { now: () => new Date(row.upload_expires_at!.getTime() + 1000) };
    expect(await expireUnfinishedDubUploads({ ...deps, clock: pastDeadline })).toEqual({ expired: 1, failed: [] });
    const track = (await tenant.admin.audioTracks.list({ videoId })).find((t) => t.id === ticket.trackId);
    expect(track).toMatchObject({ status: 'failed', failureReason: expect.stringMatching(/not finished uploading within 24 hours\. Remove this dub and add it again/) });
    expect(await readdir(path.join(platform.dataDir, 'store', '.uploads', row.upload_id!)).catch(() => undefined)).toBeUndefined();
    expect((await storageAllowance({ ...deps, clock: pastDeadline }, tenant.session.tenantId, 10 ** 12)).inProgress).toEqual({ uploads: 0, bytes: 0 });
    // A second sweep finds nothing more to do.
    expect(await expireUnfinishedDubUploads({ ...deps, clock: pastDeadline })).toEqual({ expired: 0, failed: [] });
    expect((await signedMaster()).text).not.toContain('LANGUAGE="it"');
  });

  it('is refused up front for a language that is not a tag', async () => {
    await expect(tenant.admin.audioTracks.addDub({ videoId, filename: 'x.wav', size: 1000, language: 'French!' })).rejects.toThrow(/not a language tag/);
  });
});
