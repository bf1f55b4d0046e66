import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FfmpegTranscoder } from '../../src/adapters/local/ffmpeg/ffmpeg-transcoder.js';
import type { TranscodeOutput } from '../../src/ports.js';
import { ffmpeg, listFiles, makeClip, parseMasterPlaylist, probeStreams, tempDir } from './fixtures.js';

// ultrafast keeps these quick; the ladder's shape does not depend on the preset.
const transcoder = new FfmpegTranscoder({ preset: 'ultrafast' });
let work: Awaited<ReturnType<typeof tempDir>>;

beforeAll(async () => {
  work = await tempDir('ffmpeg-shapes');
});
afterAll(() => work.remove());

async function transcode(name: string, sourcePath: string): Promise<{ output: TranscodeOutput; outputDir: string }> {
  const outputDir = join(work.path, `${name}-out`);
  const output = await transcoder.transcode({ sourcePath, outputDir, limits: { maxDurationSeconds: 60 } });
  return { output, outputDir };
}

async function videoOf(outputDir: string, playlistPath: string) {
  return (await probeStreams(join(outputDir, playlistPath))).find((s) => s.codec_type === 'video');
}

describe('ladder shapes', () => {
  it('classifies portrait video by its short side: the 720p rung of 720x1280 is 720x1280', async () => {
    const source = await makeClip(join(work.path, 'portrait.mp4'), { width: 720, height: 1280, seconds: 2 });
    const { output, outputDir } = await transcode('portrait', source);
    expect(output.renditions.map((r) => [r.name, r.width, r.height])).toEqual([
      ['720p', 720, 1280],
      ['480p', 480, 854],
      ['360p', 360, 640],
    ]);
    expect(await videoOf(outputDir, '720p/index.m3u8')).toMatchObject({ width: 720, height: 1280 });
    expect(output.storyboard).toMatchObject({ tileWidth: 160, tileHeight: 284 });
  });

  it('outputs the displayed size of a rotated source', async () => {
    const stored = await makeClip(join(work.path, 'landscape.mp4'), { width: 1280, height: 720, seconds: 2 });
    const rotated = join(work.path, 'rotated.mp4');
    await ffmpeg(['-i', stored, '-c', 'copy', '-metadata:s:v:0', 'rotate=90', rotated]);
    const { output, outputDir } = await transcode('rotated', rotated);
    expect(output.source).toMatchObject({ width: 720, height: 1280 });
    expect([90, 270]).toContain(output.source.rotation);
    expect(output.renditions[0]).toMatchObject({ name: '720p', width: 720, height: 1280 });
    expect(await videoOf(outputDir, '720p/index.m3u8')).toMatchObject({ width: 720, height: 1280 });
    expect((await probeStreams(join(outputDir, output.posterPath)))[0]).toMatchObject({ width: 720, height: 1280 });
  });

  it('gives an odd-sized source one even-sized rung and no upscale', async () => {
    const source = await makeClip(join(work.path, 'odd.mp4'), { width: 642, height: 362, seconds: 2 });
    const { output, outputDir } = await transcode('odd', source);
    expect(output.renditions.map((r) => [r.name, r.width, r.height])).toEqual([['360p', 638, 360]]);
    expect(await videoOf(outputDir, '360p/index.m3u8')).toMatchObject({ width: 638, height: 360 });

    // A rerun on the same folder (a retried job) leaves exactly the same files, leftovers gone.
    const before = await listFiles(outputDir);
    await mkdir(join(outputDir, '1080p'), { recursive: true });
    await writeFile(join(outputDir, '1080p', 'seg_00009.m4s'), 'stale');
    await writeFile(join(outputDir, 'partial.tmp'), 'stale');
    await transcode('odd', source);
    expect(await listFiles(outputDir)).toEqual(before);
    expect(before).toContain('360p/init.mp4');
  });

  it('gives a source smaller than every rung one rung at its own size', async () => {
    const source = await makeClip(join(work.path, 'tiny.mp4'), { width: 427, height: 240, seconds: 2 });
    const { output } = await transcode('tiny', source);
    expect(output.renditions.map((r) => [r.name, r.width, r.height])).toEqual([['240p', 426, 240]]);
  });

  it('makes video-only renditions from a silent source', async () => {
    const source = await makeClip(join(work.path, 'silent.mp4'), { width: 640, height: 360, seconds: 2, audio: false });
    const { output, outputDir } = await transcode('silent', source);
    expect(output.source.audioCodec).toBeNull();
    expect(output.audioTracks).toEqual([]);
    const master = await readFile(join(outputDir, output.masterPlaylistPath), 'utf8');
    expect(master).not.toContain('#EXT-X-MEDIA');
    const variants = parseMasterPlaylist(master);
    expect(variants).toHaveLength(1);
    expect(variants[0]?.attributes['CODECS']).toMatch(/^avc1\.[0-9a-f]{6}$/);
    const streams = await probeStreams(join(outputDir, '360p/index.m3u8'));
    expect(streams.map((s) => s.codec_type)).toEqual(['video']);
  });
});
