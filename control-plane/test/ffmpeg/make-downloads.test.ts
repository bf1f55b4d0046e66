import { execFile } from 'node:child_process';
import { cp, mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FfmpegTranscoder } from '../../src/adapters/local/ffmpeg/ffmpeg-transcoder.js';
import { packagePath } from '../../src/adapters/local/ffmpeg/make-downloads.js';
import { renderMasterPlaylist } from '../../src/media/master-playlist.js';
import type { DownloadOutput, TranscodeOutput } from '../../src/ports.js';
import { ffmpeg, makeClip, probeStreams, tempDir } from './fixtures.js';

const exec = promisify(execFile);
const TENANT = '00000000-0000-4000-8000-000000000001';
const VIDEO = '00000000-0000-4000-8000-000000000002';

async function probeFormat(path: string): Promise<{ durationSeconds: number; formatName: string; moovFirst: boolean }> {
  const { stdout } = await exec('ffprobe', ['-v', 'error', '-print_format', 'json', '-show_format', path]);
  const parsed = JSON.parse(stdout) as { format: { duration: string; format_name: string } };
  // +faststart: the `moov` box comes before `mdat`, so playback starts before the whole file is there.
  const bytes = await readFile(path);
  const moovFirst = bytes.indexOf('moov') < bytes.indexOf('mdat');
  return { durationSeconds: Number(parsed.format.duration), formatName: parsed.format.format_name, moovFirst };
}

describe('downloads of a package whose variants carry the audio (made in the transcode)', () => {
  let work: Awaited<ReturnType<typeof tempDir>>;
  let outputDir: string;
  let output: TranscodeOutput;

  beforeAll(async () => {
    work = await tempDir('downloads-muxed');
    const sourcePath = await makeClip(join(work.path, 'clip.mp4'), { width: 1280, height: 720, seconds: 5 });
    outputDir = join(work.path, 'out');
    output = await new FfmpegTranscoder({ preset: 'ultrafast' }).transcode({ sourcePath, outputDir, limits: { maxDurationSeconds: 60 }, downloads: true });
  });
  afterAll(() => work.remove());

  it('makes the highest rendition at or below 1080p and the smallest, as MP4 files in downloads/', async () => {
    expect(output.downloads.map((d) => [d.name, d.width, d.height, d.path])).toEqual([
      ['720p', 1280, 720, 'downloads/720p.mp4'],
      ['360p', 640, 360, 'downloads/360p.mp4'],
    ]);
    for (const download of output.downloads) expect(download.bytes).toBe((await stat(join(outputDir, download.path))).size);
  });

  it('each plays: H.264 video and AAC audio, as long as the package, index first', async () => {
    for (const download of output.downloads) {
      const file = join(outputDir, download.path);
      const streams = await probeStreams(file);
      expect(streams.map((s) => [s.codec_type, s.codec_name])).toEqual([
        ['video', 'h264'],
        ['audio', 'aac'],
      ]);
      const format = await probeFormat(file);
      expect(format.formatName).toContain('mp4');
      expect(format.moovFirst).toBe(true);
      expect(Math.abs(format.durationSeconds - output.durationSeconds)).toBeLessThan(0.1);
    }
  });

  it('are made again from the published package (downloads switched on later), read through the store', async () => {
    const storeRoot = join(work.path, 'store');
    await cp(outputDir, join(storeRoot, 't', TENANT, 'v', VIDEO), { recursive: true });
    const read: string[] = [];
    const transcoder = new FfmpegTranscoder({
      storedFile: (key) => {
        read.push(key);
        return Promise.resolve(join(storeRoot, key));
      },
    });
    const made = await transcoder.makeDownloads({
      tenantId: TENANT,
      videoId: VIDEO,
      sourceKey: `sources/${TENANT}/${VIDEO}`,
      packagePrefix: `t/${TENANT}/v/${VIDEO}/`,
      outputDir: join(work.path, 'later'),
    });
    expect(made.map((d) => d.name)).toEqual(['720p', '360p']);
    expect(read.every((key) => key.startsWith(`t/${TENANT}/v/${VIDEO}/`))).toBe(true);
    const streams = await probeStreams(join(work.path, 'later', 'downloads', '720p.mp4'));
    expect(streams.map((s) => s.codec_type)).toEqual(['video', 'audio']);
  });
});

describe('downloads of a package with audio renditions of its own', () => {
  let work: Awaited<ReturnType<typeof tempDir>>;
  let made: DownloadOutput[];
  const SECONDS = 4;

  /** One fMP4 HLS rendition in `folder` (video-only or audio-only), as the ladder writes them. */
  async function rendition(folder: string, inputArgs: string[], codecArgs: string[]): Promise<void> {
    await mkdir(folder, { recursive: true });
    await ffmpeg([
      ...inputArgs,
      ...codecArgs,
      '-f',
      'hls',
      '-hls_time',
      '2',
      '-hls_playlist_type',
      'vod',
      '-hls_segment_type',
      'fmp4',
      '-hls_fmp4_init_filename',
      'init.mp4',
      '-hls_segment_filename',
      join(folder, 'seg_%05d.m4s'),
      join(folder, 'index.m3u8'),
    ]);
  }

  beforeAll(async () => {
    work = await tempDir('downloads-separate');
    const pkg = join(work.path, 'pkg');
    const video = (size: string) => ['-f', 'lavfi', '-i', `testsrc2=size=${size}:rate=25:duration=${SECONDS}`];
    const x264 = ['-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-g', '50'];
    await rendition(join(pkg, '480p'), video('854x480'), x264);
    await rendition(join(pkg, '240p'), video('426x240'), x264);
    const tone = (channels: number) => ['-f', 'lavfi', '-i', `sine=frequency=440:sample_rate=48000:duration=${SECONDS}`, '-ac', String(channels)];
    // A mono commentary first, then the stereo default: the download must take the default, not the first.
    await rendition(join(pkg, 'audio_0'), tone(1), ['-c:a', 'aac', '-b:a', '64k']);
    await rendition(join(pkg, 'audio_1'), tone(2), ['-c:a', 'aac', '-b:a', '96k']);
    const variant = (name: string, width: number, height: number) => ({
      name,
      width,
      height,
      frameRate: 25,
      videoCodec: 'h264',
      codecs: 'avc1.42c01e',
      bandwidth: 500_000,
      averageBandwidth: 400_000,
      playlistPath: `${name}/index.m3u8`,
      durationSeconds: SECONDS,
    });
    const audio = (uri: string, name: string, isDefault: boolean, channels: number) => ({ uri, language: 'en', name, isDefault, channels, codecs: 'mp4a.40.2', bandwidth: 96_000 });
    await writeFile(
      join(pkg, 'master.m3u8'),
      renderMasterPlaylist([variant('480p', 854, 480), variant('240p', 426, 240)], {
        audio: [audio('audio_0/index.m3u8', 'Commentary', false, 1), audio('audio_1/index.m3u8', 'English', true, 2)],
      }),
    );
    const storeRoot = join(work.path, 'store');
    await cp(pkg, join(storeRoot, 't', TENANT, 'v', VIDEO, 'r1'), { recursive: true });
    made = await new FfmpegTranscoder({ storedFile: (key) => Promise.resolve(join(storeRoot, key)) }).makeDownloads({
      tenantId: TENANT,
      videoId: VIDEO,
      sourceKey: `sources/${TENANT}/${VIDEO}`,
      packagePrefix: `t/${TENANT}/v/${VIDEO}/r1/`,
      outputDir: join(work.path, 'out'),
    });
  });
  afterAll(() => work.remove());

  it('muxes each chosen variant with the default audio rendition', async () => {
    expect(made.map((d) => [d.name, d.width, d.height])).toEqual([
      ['480p', 854, 480],
      ['240p', 426, 240],
    ]);
    for (const download of made) {
      const file = join(work.path, 'out', download.path);
      const streams = await probeStreams(file);
      expect(streams.map((s) => [s.codec_type, s.codec_name, s.channels ?? null])).toEqual([
        ['video', 'h264', null],
        ['audio', 'aac', 2],
      ]);
      expect(Math.abs((await probeFormat(file)).durationSeconds - SECONDS)).toBeLessThan(0.1);
    }
  });
});

describe('packagePath', () => {
  const prefix = `t/${TENANT}/v/${VIDEO}/`;

  it('resolves paths the package names, its revision folder reaching the video folder', () => {
    expect(packagePath(prefix, `${prefix}r2/`, '720p/index.m3u8')).toBe(`${prefix}r2/720p/index.m3u8`);
    expect(packagePath(prefix, `${prefix}r2/`, '../audio_0/index.m3u8')).toBe(`${prefix}audio_0/index.m3u8`);
  });

  it('refuses a path that leaves the video, is absolute or names a protocol', () => {
    for (const path of ['../../other/master.m3u8', '/etc/passwd', 'http://example.com/x.m4s', 'file:/etc/passwd', '..\\x']) {
      expect(() => packagePath(prefix, prefix, path)).toThrow(/outside the video/);
    }
  });
});
