// A film with two audio languages and text subtitles, uploaded like any video: at ready the video lists its audio
// tracks (rows of the package revision, in the source's order), its notes and SDR range, and the master the edge serves
// names every language. Replacing the source with a silent file replaces the tracks and retires the old renditions.
import { stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storedBytesByTenant } from '../../src/domain/usage/storage-sampling.js';
import { deleteDueRetiredFolders } from '../../src/domain/videos/retired-folders.js';
import { ffmpeg } from '../ffmpeg/fixtures.js';
import { makeClip } from '../support/media-fixtures.js';
import { signUpActiveTenant } from '../support/tenants.js';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.js';
import { putPart, readPart, uploadFile } from '../support/upload-file.js';
import { waitFor } from '../support/wait-for.js';

let platform: TestPlatform;
let tenant: Awaited<ReturnType<typeof signUpActiveTenant>>;
let videoId: string;

beforeAll(async () => {
  platform = await startTestPlatform();
  await platform.startWorker();
  tenant = await signUpActiveTenant(platform, 'bilingual');
  const srt = path.join(platform.dataDir, 'en.srt');
  await writeFile(srt, '1\n00:00:00,500 --> 00:00:01,800\nHello there.\n');
  const film = path.join(platform.dataDir, 'film.mkv');
  await ffmpeg([
    ...['-f', 'lavfi', '-i', 'testsrc2=size=320x180:rate=30:duration=3'],
    ...['-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=48000:duration=3'],
    ...['-f', 'lavfi', '-i', 'sine=frequency=660:sample_rate=22050:duration=3'],
    ...['-i', srt, '-map', '0', '-map', '1', '-map', '2', '-map', '3'],
    ...['-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-c:a', 'aac', '-c:s', 'srt'],
    ...['-metadata:s:a:0', 'language=eng', '-metadata:s:a:1', 'language=fre', '-disposition:a:0', 'default', '-disposition:a:1', '0'],
    film,
  ]);
  videoId = await uploadFile(tenant.admin, film, { title: 'Bilingual' });
  await waitFor(async () => ((await tenant.admin.videos.get({ videoId })).status === 'ready' ? true : undefined), { what: 'the film to be ready', timeoutMs: 120_000 });
});
afterAll(() => platform?.close());

describe('a source with English and French audio', () => {
  it('lists both tracks, the range and no notes on the video', async () => {
    const video = await tenant.admin.videos.get({ videoId });
    expect(video.audioTracks.map(({ language, name, origin, isDefault, channels, status }) => ({ language, name, origin, isDefault, channels, status }))).toEqual([
      { language: 'en', name: 'English', origin: 'source', isDefault: true, channels: 2, status: 'ready' },
      { language: 'fr', name: 'French', origin: 'source', isDefault: false, channels: 2, status: 'ready' },
    ]);
    expect(video.videoRange).toBe('SDR');
    expect(video.mediaNotes).toEqual([]);
    // The variants are video only: the audio is in the renditions the master names.
    expect(video.renditions.every((rendition) => !rendition.codecs.includes('mp4a'))).toBe(true);
  });

  it('records the tracks as rows of the package revision, with their playlists and sizes', async () => {
    const rows = await platform.database.db.selectFrom('audio_tracks').selectAll().where('video_id', '=', videoId).orderBy('position').execute();
    expect(rows.map(({ origin, revision, position, playlist_path, codecs }) => ({ origin, revision, position, playlist_path, codecs }))).toEqual([
      { origin: 'source', revision: 0, position: 0, playlist_path: 'audio_1/index.m3u8', codecs: 'mp4a.40.2' },
      { origin: 'source', revision: 0, position: 1, playlist_path: 'audio_2/index.m3u8', codecs: 'mp4a.40.2' },
    ]);
    expect(rows.every((row) => Number(row.bytes) > 0 && row.bandwidth > 0)).toBe(true);
    // Stored and billed: the audio renditions count with the video ones.
    const video = await tenant.admin.videos.get({ videoId });
    const [sample] = await storedBytesByTenant(platform.app.deps, tenant.session.tenantId);
    const expected = video.renditions.reduce((sum, rendition) => sum + rendition.bytes, 0) + rows.reduce((sum, row) => sum + Number(row.bytes), 0);
    expect(sample?.renditionBytes).toBe(expected);
  });

  it('serves a master that names both languages, and their playlists', async () => {
    const playback = await platform.caller().playback.authorize({ videoId });
    const master = await (await fetch(playback.signedManifestUrl)).text();
    expect(master).toContain('#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID="audio",LANGUAGE="en",NAME="English",DEFAULT=YES');
    expect(master).toContain('#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID="audio",LANGUAGE="fr",NAME="French",DEFAULT=NO');
    expect(master).toMatch(/VIDEO-RANGE=SDR,AUDIO="audio"/);
    const audioPlaylist = new URL('audio_2/index.m3u8', playback.signedManifestUrl);
    audioPlaylist.search = new URL(playback.signedManifestUrl).search;
    expect((await fetch(audioPlaylist)).status).toBe(200);
  });

  it('replaces the tracks when the source is replaced by a silent one, retiring the old renditions', async () => {
    const silent = await makeClip(path.join(platform.dataDir, 'silent.mp4'), { seconds: 2, width: 320, height: 180, audio: false });
    const { size } = await stat(silent);
    const ticket = await tenant.admin.videos.createReplacementUpload({ videoId, filename: 'silent.mp4', size });
    for (const part of ticket.parts) expect((await putPart(part.url, await readPart(silent, ticket.partSize, part.partNumber))).ok).toBe(true);
    await tenant.admin.videos.completeReplacementUpload({ videoId });
    const after = await waitFor(
      async () => {
        const current = await tenant.admin.videos.get({ videoId });
        return current.replacement === null ? current : undefined;
      },
      { what: 'the switch to the silent package', timeoutMs: 120_000 },
    );
    expect(after.audioTracks).toEqual([]);
    expect(await platform.database.db.selectFrom('audio_tracks').select('id').where('video_id', '=', videoId).execute()).toEqual([]);
    const master = await (await fetch((await platform.caller().playback.authorize({ videoId })).signedManifestUrl)).text();
    expect(master).not.toContain('TYPE=AUDIO');
    // Retired right after the switch commits (a viewer of the old version plays it to the end), then deleted by the sweep.
    const prefix = `t/${tenant.session.tenantId}/v/${videoId}/audio_1/`;
    const retired = await waitFor(async () => (await platform.database.db.selectFrom('retired_folders').select('delete_after').where('prefix', '=', prefix).executeTakeFirst()) ?? undefined, {
      what: 'the old audio rendition to be retired',
    });
    const oldAudio = path.join(platform.dataDir, 'store', prefix, 'index.m3u8');
    expect((await stat(oldAudio)).isFile()).toBe(true);
    await deleteDueRetiredFolders({ ...platform.app.deps, clock: { now: () => new Date(retired.delete_after.getTime() + 1000) } });
    expect(await stat(oldAudio).catch(() => undefined)).toBeUndefined();
  });
});
