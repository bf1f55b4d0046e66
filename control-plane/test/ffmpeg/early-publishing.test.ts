import { copyFile, cp, mkdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishEarly } from '../../src/adapters/local/ffmpeg/early-publishing.js';
import { buildEncodeArgs } from '../../src/adapters/local/ffmpeg/encode-ladder.js';
import { runFfmpeg } from '../../src/media/ffmpeg-process.js';
import { parseMediaPlaylist } from '../../src/media/media-playlist.js';
import { AUDIO_BITRATE, planLadder } from '../../src/media/plan-ladder.js';
import { listFiles, makeClip, parseMasterPlaylist, probeStreams, tempDir } from './fixtures.js';

const SECONDS = 10;

interface PlayableMoment {
  ffmpegStillRunning: boolean;
  masterPlaylistPath: string;
  published: string[];
}

// ffmpeg reads the source at its own pace (-re), as a long film would keep it busy: the first (1 s) segment
// is done at about 1 s, the ladder at 10 s, so "playable" must come while ffmpeg still runs.
describe('early publishing of a 10 s 854x480 ladder encoded at realtime pace', () => {
  let work: Awaited<ReturnType<typeof tempDir>>;
  let outputDir: string;
  let publishedDir: string;
  let snapshotDir: string;
  const playableMoments: PlayableMoment[] = [];
  const publishedOrder: string[] = [];
  const playlistVersions: { at: number; rendition: string; text: string }[] = [];
  const plan = planLadder({ width: 854, height: 480, frameRate: 30 });

  beforeAll(async () => {
    work = await tempDir('early-publishing');
    const sourcePath = await makeClip(join(work.path, 'clip.mp4'), { width: 854, height: 480, seconds: SECONDS });
    outputDir = join(work.path, 'out');
    publishedDir = join(work.path, 'published');
    snapshotDir = join(work.path, 'snapshot');
    for (const folder of [...plan.renditions.map((rendition) => rendition.name), 'audio_1']) await mkdir(join(outputDir, folder), { recursive: true });

    const encode = buildEncodeArgs({
      ffmpegPath: 'ffmpeg',
      preset: 'veryfast',
      sourcePath,
      demuxer: 'mov',
      outputDir,
      plan,
      sourceFrameRate: 30,
      videoStreamIndex: 0,
      audioStreamIndexes: [1],
      colour: { range: 'SDR', matrix: 'bt2020nc', fullRange: false },
      durationSeconds: SECONDS,
    });
    // Both processes (video ladder, audio renditions) at the source's pace.
    const atSourcePace = [encode.video, ...(encode.audio ? [encode.audio] : [])].map((command) => runFfmpeg('ffmpeg', ['-re', ...command.args], { cwd: command.cwd, durationSeconds: SECONDS }));
    let ffmpegEnded = false;
    const encoded = new AbortController();
    const encoding = Promise.all(atSourcePace).then(() => {
      ffmpegEnded = true;
      encoded.abort();
    });
    const publishing = publishEarly(
      {
        outputDir,
        renditions: plan.renditions,
        frameRate: plan.frameRate,
        audio: [{ folder: 'audio_1', language: 'en', name: 'English', isDefault: true }],
        pollMs: 200,
        publishing: {
          publish: async (relativePath, localPath) => {
            await mkdir(dirname(join(publishedDir, relativePath)), { recursive: true });
            await copyFile(localPath, join(publishedDir, relativePath));
            publishedOrder.push(relativePath);
            if (relativePath.endsWith('index.m3u8')) playlistVersions.push({ at: publishedOrder.length - 1, rendition: dirname(relativePath), text: await readFile(localPath, 'utf8') });
          },
          playable: async (masterPlaylistPath) => {
            playableMoments.push({ ffmpegStillRunning: !ffmpegEnded, masterPlaylistPath, published: await listFiles(publishedDir) });
            await cp(publishedDir, snapshotDir, { recursive: true });
          },
        },
      },
      encoded.signal,
      new AbortController().signal,
    );
    await Promise.all([encoding, publishing]);
  }, 60_000);
  afterAll(() => work.remove());

  it('says the video is playable once, while ffmpeg is still encoding', () => {
    expect(playableMoments).toHaveLength(1);
    expect(playableMoments[0]).toMatchObject({ ffmpegStillRunning: true, masterPlaylistPath: 'master.m3u8' });
  });

  it('had published a master naming every rung and the audio rendition, each with init.mp4 and its first segment, before saying so', async () => {
    const published = playableMoments[0]?.published ?? [];
    const master = await readFile(join(snapshotDir, 'master.m3u8'), 'utf8');
    const variants = parseMasterPlaylist(master);
    expect(variants.map((variant) => variant.uri)).toEqual(['480p/index.m3u8', '360p/index.m3u8']);
    expect(master).toContain('#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID="audio",LANGUAGE="en",NAME="English",DEFAULT=YES,AUTOSELECT=YES,CHANNELS="2",URI="audio_1/index.m3u8"');
    for (const variant of variants) expect(variant.attributes.AUDIO).toBe('audio');
    const audioPlaylist = parseMediaPlaylist(await readFile(join(snapshotDir, 'audio_1', 'index.m3u8'), 'utf8'));
    expect(audioPlaylist.segments.length).toBeGreaterThanOrEqual(1);
    for (const uri of [audioPlaylist.initUri, ...audioPlaylist.segments.map((segment) => segment.uri)]) expect(published).toContain(`audio_1/${uri}`);
    for (const rendition of plan.renditions) {
      const variant = variants.find((v) => v.uri === `${rendition.name}/index.m3u8`);
      // Two seconds of segments say little about the peak: the master never announces less than the rung may use.
      expect(Number(variant?.attributes.BANDWIDTH)).toBeGreaterThanOrEqual(rendition.maxRate + AUDIO_BITRATE);
      expect(variant?.attributes.CODECS).toMatch(/^avc1\.64[0-9a-f]{4},mp4a\.40\.2$/);
      const playlist = await readFile(join(snapshotDir, rendition.name, 'index.m3u8'), 'utf8');
      expect(playlist).toContain('#EXT-X-PLAYLIST-TYPE:EVENT');
      expect(playlist).not.toContain('#EXT-X-ENDLIST');
      const { initUri, segments } = parseMediaPlaylist(playlist);
      expect(initUri).toBe('init.mp4');
      expect(segments.length).toBeGreaterThanOrEqual(1);
      // Fast start: playable after one second of encoding, not a whole 6 s segment.
      expect(segments[0]?.durationSeconds).toBeCloseTo(1, 1);
      for (const uri of [initUri, ...segments.map((segment) => segment.uri)]) expect(published).toContain(`${rendition.name}/${uri}`);
    }
  });

  it('left a package a player can read from its master while encoding went on', async () => {
    const streams = await probeStreams(join(snapshotDir, 'master.m3u8'));
    expect(
      streams
        .filter((stream) => stream.codec_type === 'video')
        .map((stream) => stream.height)
        .sort(),
    ).toEqual([360, 480]);
    expect(streams.some((stream) => stream.codec_type === 'audio')).toBe(true);
  });

  it('publishes each segment once, before any playlist that lists it, and byte for byte what ffmpeg finished', async () => {
    const segments = publishedOrder.filter((file) => file.endsWith('.m4s'));
    expect(new Set(segments).size).toBe(segments.length);
    expect(playlistVersions.length).toBeGreaterThanOrEqual(plan.renditions.length + 1);
    for (const version of playlistVersions) {
      for (const segment of parseMediaPlaylist(version.text).segments) {
        const publishedAt = publishedOrder.indexOf(`${version.rendition}/${segment.uri}`);
        expect(publishedAt).toBeGreaterThanOrEqual(0);
        expect(publishedAt).toBeLessThan(version.at);
      }
    }
    for (const name of segments) expect(await readFile(join(publishedDir, name))).toEqual(await readFile(join(outputDir, name)));
  });

  it('removes its staging folder when encoding ends', async () => {
    expect(await listFiles(outputDir)).not.toContainEqual(expect.stringMatching(/^\.early/));
  });
});
