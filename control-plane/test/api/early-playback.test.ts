// A video plays from the start while it is still transcoding: a browser-playable source is remuxed as it is and
// published whole (pass-through), any other has every rung's first segments published with growing playlists; a
// provisional master names them, playback.authorize grants it, the edge serves it with a short cache; when the
// ladder is done the same URLs hold the final VOD package, and the pass-through rendition goes an hour or more later.
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AudioRenditionInput, AudioRenditionOutput, DownloadOutput, DownloadsInput, TranscodeInput, TranscodeOutput, Transcoder } from '../../src/ports.js';
import { deleteDueRetiredFolders } from '../../src/domain/videos/retired-folders.js';
import { parseMediaPlaylist } from '../../src/media/media-playlist.js';
import { makeClip as makeSourceClip } from '../ffmpeg/fixtures.js';
import { makeClip, probeStreams } from '../support/media-fixtures.js';
import { signUpActiveTenant } from '../support/tenants.js';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.js';
import { uploadFile } from '../support/upload-file.js';
import { waitFor } from '../support/wait-for.js';

/** Runs the real transcoder, and calls `atPlayable` (transcoding held) right after the video was announced playable. */
class HoldAtPlayable implements Transcoder {
  constructor(
    private readonly inner: Transcoder,
    private readonly atPlayable: (videoOutput: string) => Promise<void>,
  ) {}

  makeDownloads(input: DownloadsInput): Promise<DownloadOutput[]> {
    return this.inner.makeDownloads(input);
  }

  encodeAudioRendition(input: AudioRenditionInput): Promise<AudioRenditionOutput> {
    return this.inner.encodeAudioRendition(input);
  }

  transcode(input: TranscodeInput): Promise<TranscodeOutput> {
    const early = input.earlyPublishing;
    if (!early) return this.inner.transcode(input);
    return this.inner.transcode({
      ...input,
      earlyPublishing: {
        publish: (relativePath, localPath) => early.publish(relativePath, localPath),
        playable: async (masterPlaylistPath) => {
          await early.playable(masterPlaylistPath);
          await this.atPlayable(masterPlaylistPath);
        },
      },
    });
  }
}

/** The last variant of a master playlist: the lowest rung (ours lists the highest first). */
function lowestVariant(master: string): string {
  return (
    master
      .split('\n')
      .filter((line) => line && !line.startsWith('#'))
      .at(-1) ?? ''
  );
}

interface SeenWhilePlayable {
  status: string;
  playable: boolean;
  manifestUrl: string;
  masterStatus: number;
  lowestVariant: string;
  mediaPlaylist: string;
  mediaCacheControl: string | null;
  streams: Awaited<ReturnType<typeof probeStreams>>;
}

let platform: TestPlatform;
let tenant: Awaited<ReturnType<typeof signUpActiveTenant>>;
/** The video whose playable moment is inspected (others pass through). */
let watched: string | undefined;
let announcedPlayable = 0;
const seen: SeenWhilePlayable[] = [];
const refusedWhileHeld: unknown[] = [];

beforeAll(async () => {
  platform = await startTestPlatform();
  await platform.startWorker({
    transcoder: new HoldAtPlayable(platform.app.deps.transcoder, async () => {
      announcedPlayable += 1;
      if (!watched) return;
      const details = await tenant.admin.videos.get({ videoId: watched });
      const grant = await platform
        .caller()
        .playback.authorize({ videoId: watched })
        .catch((error: unknown) => {
          refusedWhileHeld.push(error);
          return undefined;
        });
      if (!grant) return;
      const master = await fetch(grant.signedManifestUrl);
      const variant = lowestVariant(await master.text());
      const media = await fetch(new URL(variant, grant.signedManifestUrl));
      seen.push({
        status: details.status,
        playable: details.playable,
        manifestUrl: grant.manifestUrl,
        masterStatus: master.status,
        lowestVariant: variant.split('?')[0] ?? '',
        mediaPlaylist: await media.text(),
        mediaCacheControl: media.headers.get('cache-control'),
        streams: await probeStreams(grant.signedManifestUrl),
      });
    }),
  });
  tenant = await signUpActiveTenant(platform, 'earlyplay');
});
afterAll(() => platform?.close());

describe('playing a video while it transcodes', () => {
  let videoId: string;

  it('plays a browser-playable source at once, remuxed as it is (pass-through), while the ladder encodes', async () => {
    const clip = await makeClip(path.join(platform.dataDir, 'film.mp4'), { seconds: 14, width: 854, height: 480 });
    videoId = await uploadFile(tenant.admin, clip, { title: 'Premiere' });
    watched = videoId;
    await waitFor(async () => ((await tenant.admin.videos.get({ videoId })).status === 'ready' ? true : undefined), { what: 'the ladder', timeoutMs: 120_000 });
    expect(refusedWhileHeld).toEqual([]);
    expect(seen).toHaveLength(1);
    const [moment] = seen;
    // Complete from the start, its playlist never changes: cached like any VOD playlist (the master stays short-lived).
    expect(moment).toMatchObject({ status: 'processing', playable: true, masterStatus: 200, mediaCacheControl: 'max-age=60' });
    expect(moment?.manifestUrl).toBe(`${platform.edgeUrl}/t/${tenant.session.tenantId}/v/${videoId}/master.m3u8`);
    expect(moment?.lowestVariant).toBe('pass-through/index.m3u8');
    // The whole film at once, seekable, in the source's own 8.3 s keyframe intervals.
    expect(moment?.mediaPlaylist).toContain('#EXT-X-PLAYLIST-TYPE:VOD');
    expect(moment?.mediaPlaylist.trim().endsWith('#EXT-X-ENDLIST')).toBe(true);
    const durations = parseMediaPlaylist(moment?.mediaPlaylist ?? '').segments.map((segment) => segment.durationSeconds);
    expect(durations.reduce((sum, seconds) => sum + seconds, 0)).toBeCloseTo(14, 0);
    expect(moment?.streams.map((stream) => [stream.codec_type, stream.height ?? null])).toEqual([
      ['video', 480],
      ['audio', null],
    ]);
  });

  it('serves the ladder once ready and keeps the pass-through rendition for viewers who began on it, then deletes it', async () => {
    const grant = await platform.caller().playback.authorize({ videoId });
    const master = await (await fetch(grant.signedManifestUrl)).text();
    expect(master).not.toContain('pass-through');
    const rungs = master.split('\n').flatMap((line) => /^(\d+p)\/index\.m3u8/.exec(line)?.[1] ?? []);
    expect(rungs).toEqual(['480p', '360p']);
    const videoFolder = path.join(platform.dataDir, 'store', 't', tenant.session.tenantId, 'v', videoId);
    // A viewer who started on the provisional master holds signed URLs into the video's folder.
    const signature = new URL(grant.signedManifestUrl).search;
    const startedEarly = await fetch(new URL(`pass-through/index.m3u8${signature}`, grant.signedManifestUrl));
    expect(startedEarly.status).toBe(200);
    const [scheduled] = await platform.app.deps.db.selectFrom('retired_folders').selectAll().where('video_id', '=', videoId).execute();
    expect(scheduled).toMatchObject({ prefix: `t/${tenant.session.tenantId}/v/${videoId}/pass-through/` });
    // At least an hour (twice a 14 s video is less): a viewer who started early finishes the film.
    expect(scheduled!.delete_after.getTime() - Date.now()).toBeGreaterThan(3590_000);

    const anHourLater = { now: () => new Date(scheduled!.delete_after.getTime() + 1000) };
    expect(await deleteDueRetiredFolders({ ...platform.app.deps, clock: anHourLater })).toBe(1);
    const left = await readdir(videoFolder);
    expect(left).not.toContain('pass-through');
    expect(left).toEqual(expect.arrayContaining(['master.m3u8', '480p', '360p']));
    expect(await platform.app.deps.db.selectFrom('retired_folders').selectAll().where('video_id', '=', videoId).execute()).toEqual([]);
  });

  it('plays a source that must be encoded first from the ladder one second of encoding in, with growing playlists', async () => {
    // H.264 4:4:4 (what screen recorders make): no browser decodes it as it is.
    const clip = await makeSourceClip(path.join(platform.dataDir, 'screen.mp4'), { seconds: 14, width: 854, height: 480, outputArgs: ['-pix_fmt', 'yuv444p'] });
    const before = seen.length;
    videoId = await uploadFile(tenant.admin, clip, { title: 'Screen recording' });
    watched = videoId;
    await waitFor(async () => ((await tenant.admin.videos.get({ videoId })).status === 'ready' ? true : undefined), { what: 'the ladder', timeoutMs: 120_000 });
    expect(seen).toHaveLength(before + 1);
    const moment = seen.at(-1);
    expect(moment).toMatchObject({ status: 'processing', playable: true, masterStatus: 200, mediaCacheControl: 'max-age=2', lowestVariant: '360p/index.m3u8' });
    expect(moment?.mediaPlaylist).toContain('#EXT-X-PLAYLIST-TYPE:EVENT');
    expect(moment?.mediaPlaylist).not.toContain('#EXT-X-ENDLIST');
    // Fast start: the first segment lasts one second, so a viewer waits for a second of encoding, not six.
    expect(parseMediaPlaylist(moment?.mediaPlaylist ?? '').segments[0]?.durationSeconds).toBeCloseTo(1, 1);
    expect(
      moment?.streams
        .filter((stream) => stream.codec_type === 'video')
        .map((stream) => stream.height)
        .sort(),
    ).toEqual([360, 480]);
  });

  it('serves the finished VOD package of an encoded-first source at the same URLs, with nothing of the early package left over', async () => {
    const grant = await platform.caller().playback.authorize({ videoId });
    const master = await (await fetch(grant.signedManifestUrl)).text();
    const media = await fetch(new URL(lowestVariant(master), grant.signedManifestUrl));
    const text = await media.text();
    expect(media.headers.get('cache-control')).toBe('max-age=60');
    expect(text).toContain('#EXT-X-PLAYLIST-TYPE:VOD');
    expect(text.trim().endsWith('#EXT-X-ENDLIST')).toBe(true);
    // The whole film in the same 6 s segments as ever after the first six seconds, and every rung of the ladder.
    const durations = parseMediaPlaylist(text).segments.map((segment) => Math.round(segment.durationSeconds));
    expect(durations).toEqual([1, 1, 2, 2, 6, 2]);
    const rungs = master.split('\n').flatMap((line) => /^(\d+p)\/index\.m3u8/.exec(line)?.[1] ?? []);
    expect(rungs).toEqual(['480p', '360p']);
    const video = await tenant.admin.videos.get({ videoId });
    expect(video).toMatchObject({ status: 'ready', playable: true });
    const published = await readdir(path.join(platform.dataDir, 'store', 't', tenant.session.tenantId, 'v', videoId), { recursive: true });
    expect(published.filter((file) => file.includes('.early') || file.includes('pass-through') || file.endsWith('.tmp'))).toEqual([]);
    expect(await platform.app.deps.db.selectFrom('retired_folders').selectAll().where('video_id', '=', videoId).execute()).toEqual([]);
  });

  it('removes what was published early when the source turns out unplayable, and says why', async () => {
    // Index first, data cut: it probes fine and decodes up to the cut (about 40 s, several polls of encoding),
    // so its first segments are published and announced before the cut is found.
    const whole = await readFile(await makeSourceClip(path.join(platform.dataDir, 'whole.mp4'), { seconds: 60, width: 854, height: 480, outputArgs: ['-movflags', '+faststart'] }));
    const truncated = path.join(platform.dataDir, 'cut.mp4');
    await writeFile(truncated, whole.subarray(0, Math.floor(whole.length * 0.7)));
    watched = undefined;
    const announcedBefore = announcedPlayable;
    const cutId = await uploadFile(tenant.admin, truncated, { title: 'Cut short' });
    const video = await waitFor(
      async () => {
        const current = await tenant.admin.videos.get({ videoId: cutId });
        return current.status === 'failed' || current.status === 'ready' ? current : undefined;
      },
      { what: 'the truncated upload to settle', timeoutMs: 120_000 },
    );
    expect(announcedPlayable).toBe(announcedBefore + 1);
    expect(video).toMatchObject({ status: 'failed', playable: false });
    expect(video.failureReason).toMatch(/truncated/i);
    const outputs = path.join(platform.dataDir, 'store', 't', tenant.session.tenantId, 'v', cutId);
    expect(await readdir(outputs).catch(() => [])).toEqual([]);
  });
});
