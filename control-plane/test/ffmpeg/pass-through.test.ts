import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishPassThrough, type PassThroughOutcome } from '../../src/adapters/local/ffmpeg/pass-through-start.js';
import { parseMediaPlaylist } from '../../src/media/media-playlist.js';
import { planPassThrough, type PassThroughPlan } from '../../src/media/pass-through.js';
import { probeMedia } from '../../src/media/probe-media.js';
import { ffmpeg, listFiles, makeClip, parseMasterPlaylist, probeStreams, tempDir } from './fixtures.js';

const LIMITS = { maxDurationSeconds: 3600 };

let work: Awaited<ReturnType<typeof tempDir>>;
beforeAll(async () => {
  work = await tempDir('pass-through');
});
afterAll(() => work.remove());

async function planFor(name: string, options: Parameters<typeof makeClip>[1]): Promise<{ sourcePath: string; plan: PassThroughPlan | undefined; demuxer: string }> {
  const sourcePath = await makeClip(join(work.path, name), options);
  const probed = await probeMedia('ffprobe', sourcePath, LIMITS);
  return { sourcePath, plan: planPassThrough(probed), demuxer: probed.demuxer };
}

describe('which sources play as they are (pass-through)', () => {
  it('takes H.264 4:2:0 with AAC-LC stereo, and a silent one, carrying the default audio track', async () => {
    const { plan } = await planFor('phone.mp4', { width: 640, height: 360, seconds: 2 });
    expect(plan).toEqual({ videoStreamIndex: 0, audioStreamIndex: 1, width: 640, height: 360, frameRate: 30 });
    expect((await planFor('silent.mp4', { width: 640, height: 360, seconds: 2, audio: false })).plan).toMatchObject({ audioStreamIndex: null });
  });

  it('leaves to the ladder what a browser cannot decode or should not be sent as it is', async () => {
    const shape = { width: 640, height: 360, seconds: 2 };
    const refused = {
      'H.264 4:4:4 (a screen recording)': await planFor('444.mp4', { ...shape, outputArgs: ['-pix_fmt', 'yuv444p'] }),
      'HEVC (an iPhone)': await planFor('hevc.mp4', { ...shape, outputArgs: ['-c:v', 'libx265', '-tag:v', 'hvc1'] }),
      'MP3 sound': await planFor('mp3.mp4', { ...shape, outputArgs: ['-c:a', 'libmp3lame'] }),
      'a quarter turn to apply': await rotated(await makeClip(join(work.path, 'upright.mp4'), shape)),
      'anamorphic pixels': await planFor('anamorphic.mp4', { ...shape, outputArgs: ['-vf', 'setsar=4/3'] }),
      'beyond 1080p': await planFor('uhd.mp4', { width: 2560, height: 1440, seconds: 1 }),
      '40 Mb/s': await planFor('heavy.mp4', { ...shape, outputArgs: ['-vf', 'noise=alls=60:allf=t', '-b:v', '40M', '-minrate', '40M', '-maxrate', '40M', '-bufsize', '40M'] }),
    };
    expect(Object.entries(refused).filter(([, { plan }]) => plan !== undefined)).toEqual([]);
  });
});

/** A phone held upright: the picture stored sideways, with a rotation for the player to apply. */
async function rotated(clip: string): Promise<{ plan: PassThroughPlan | undefined }> {
  const file = join(work.path, 'rotated.mp4');
  await ffmpeg(['-i', clip, '-c', 'copy', '-metadata:s:v:0', 'rotate=90', file]);
  return { plan: planPassThrough(await probeMedia('ffprobe', file, LIMITS)) };
}

describe('publishing a pass-through rendition', () => {
  interface Published {
    outcome: PassThroughOutcome;
    order: string[];
    playable: string[];
    dir: string;
  }

  async function publish(name: string, source: { sourcePath: string; plan: PassThroughPlan | undefined; demuxer: string }): Promise<Published> {
    if (!source.plan) throw new Error(`${name} does not qualify`);
    const dir = join(work.path, `${name}-published`);
    const outputDir = join(work.path, `${name}-out`);
    await mkdir(outputDir, { recursive: true });
    const order: string[] = [];
    const playable: string[] = [];
    const outcome = await publishPassThrough({
      ffmpegPath: 'ffmpeg',
      sourcePath: source.sourcePath,
      demuxer: source.demuxer,
      outputDir,
      plan: source.plan,
      signal: new AbortController().signal,
      publishing: {
        publish: async (relativePath, localPath) => {
          await mkdir(dirname(join(dir, relativePath)), { recursive: true });
          await copyFile(localPath, join(dir, relativePath));
          order.push(relativePath);
        },
        playable: async (masterPlaylistPath) => {
          playable.push(masterPlaylistPath);
        },
      },
    });
    // Nothing of the remux stays in the transcoder's folder: the final package is published from it.
    expect(await listFiles(outputDir)).toEqual([]);
    return { outcome, order, playable, dir };
  }

  it('publishes the whole source, remuxed, as one complete rendition and a master naming it, then says it is playable', async () => {
    const source = await planFor('film.mp4', { width: 854, height: 480, seconds: 12, outputArgs: ['-g', '60'] });
    const { outcome, order, playable, dir } = await publish('film', source);
    expect(outcome).toEqual({ published: true });
    expect(playable).toEqual(['master.m3u8']);
    // Segments before the playlist that lists them, the master last.
    expect(order.at(-1)).toBe('master.m3u8');
    expect(order.at(-2)).toBe('pass-through/index.m3u8');
    const playlistText = await readFile(join(dir, 'pass-through', 'index.m3u8'), 'utf8');
    expect(playlistText).toContain('#EXT-X-PLAYLIST-TYPE:VOD');
    expect(playlistText.trim().endsWith('#EXT-X-ENDLIST')).toBe(true);
    const playlist = parseMediaPlaylist(playlistText);
    expect(order.slice(0, -2)).toEqual(['pass-through/init.mp4', ...playlist.segments.map((segment) => `pass-through/${segment.uri}`)]);
    // Cut at the source's keyframes (every 2 s): the whole 12 s, in segments a player starts on quickly.
    expect(playlist.segments.reduce((sum, segment) => sum + segment.durationSeconds, 0)).toBeCloseTo(12, 1);
    expect(Math.max(...playlist.segments.map((segment) => segment.durationSeconds))).toBeLessThanOrEqual(2.01);
    const [variant, ...others] = parseMasterPlaylist(await readFile(join(dir, 'master.m3u8'), 'utf8'));
    expect(others).toEqual([]);
    expect(variant).toMatchObject({ uri: 'pass-through/index.m3u8', attributes: { RESOLUTION: '854x480', 'VIDEO-RANGE': 'SDR', 'FRAME-RATE': '30.000' } });
    expect(variant?.attributes.CODECS).toMatch(/^avc1\.42[0-9a-f]{4},mp4a\.40\.2$/);
    expect(Number(variant?.attributes.BANDWIDTH)).toBeGreaterThan(0);
    // The source's own picture and sound, untouched: what a player reads through the master.
    const streams = await probeStreams(join(dir, 'master.m3u8'));
    expect(streams.map((stream) => [stream.codec_type, stream.codec_name])).toEqual([
      ['video', 'h264'],
      ['audio', 'aac'],
    ]);
  });

  it('publishes nothing when the keyframes are too far apart for a quick start, and says why', async () => {
    const source = await planFor('sparse.mp4', { width: 640, height: 360, seconds: 14, outputArgs: ['-g', '390', '-keyint_min', '390'] });
    const { outcome, order, playable } = await publish('sparse', source);
    expect(outcome).toEqual({ published: false, reason: expect.stringMatching(/keyframes are 13\.0 s apart/) });
    expect({ order, playable }).toEqual({ order: [], playable: [] });
  });

  it('publishes nothing from a file cut short (the ladder then refuses it with its reason)', async () => {
    const whole = await planFor('whole.mp4', { width: 640, height: 360, seconds: 10, outputArgs: ['-movflags', '+faststart'] });
    const cut = join(work.path, 'cut.mp4');
    const bytes = await readFile(whole.sourcePath);
    await writeFile(cut, bytes.subarray(0, Math.floor(bytes.length * 0.6)));
    const { outcome, order, playable } = await publish('cut', { ...whole, sourcePath: cut });
    expect(outcome).toEqual({ published: false, reason: 'the file is cut short' });
    expect({ order, playable }).toEqual({ order: [], playable: [] });
  });
});
