import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FfmpegTranscoder } from '../../src/adapters/local/ffmpeg/ffmpeg-transcoder.js';
import type { TranscodeOutput } from '../../src/ports.js';
import { ffmpeg, parseMasterPlaylist, probeStreams, tempDir } from './fixtures.js';

const exec = promisify(execFile);

/** The first frame's luma (0–255), scaled down and read as 8-bit grey. */
async function lumaPlane(args: readonly string[]): Promise<Buffer> {
  const { stdout } = await exec('ffmpeg', ['-v', 'error', ...args, '-frames:v', '1', '-vf', 'scale=160:90,format=gray', '-f', 'rawvideo', '-'], { encoding: 'buffer' });
  return stdout;
}

/** Mean absolute difference, pixel by pixel: unlike a difference of means, brighter and darker areas do not cancel out. */
function meanAbsoluteDifference(a: Buffer, b: Buffer): number {
  expect(a.length).toBe(b.length);
  let sum = 0;
  for (let i = 0; i < a.length; i += 1) sum += Math.abs((a[i] ?? 0) - (b[i] ?? 0));
  return sum / a.length;
}

// An HDR10 master as a grading suite exports it: 10-bit H.264 (High 10) tagged BT.2020 / PQ, 1918x1078 (two pixels
// short of 1080p on each side, as an editor's crop leaves it).
describe('FfmpegTranscoder on a 10-bit PQ (HDR10) 1918x1078 source', () => {
  let work: Awaited<ReturnType<typeof tempDir>>;
  let sourcePath: string;
  let outputDir: string;
  let output: TranscodeOutput;

  beforeAll(async () => {
    work = await tempDir('ffmpeg-hdr');
    sourcePath = join(work.path, 'hdr10.mp4');
    await ffmpeg([
      ...['-f', 'lavfi', '-i', 'testsrc2=size=1918x1078:rate=30:duration=2'],
      ...['-vf', 'format=yuv420p10le', '-c:v', 'libx264', '-preset', 'ultrafast', '-profile:v', 'high10'],
      ...['-color_primaries', 'bt2020', '-color_trc', 'smpte2084', '-colorspace', 'bt2020nc'],
      sourcePath,
    ]);
    outputDir = join(work.path, 'out');
    output = await new FfmpegTranscoder({ preset: 'ultrafast' }).transcode({ sourcePath, outputDir, limits: { maxDurationSeconds: 60 } });
  }, 180_000);
  afterAll(() => work.remove());

  it('keeps a 1080p top rung at the source size, never upscaled', () => {
    expect(output.renditions.map((r) => `${r.name} ${r.width}x${r.height}`)).toEqual(['1080p 1918x1078', '720p 1282x720', '480p 854x480', '360p 640x360']);
  });

  it('tags every rendition as 8-bit SDR BT.709', async () => {
    for (const rendition of output.renditions) {
      const [video] = await probeStreams(join(outputDir, rendition.playlistPath));
      expect(video).toMatchObject({ pix_fmt: 'yuv420p', color_primaries: 'bt709', color_transfer: 'bt709', color_space: 'bt709' });
    }
  });

  it('says VIDEO-RANGE=SDR in the master and in the output, and tells the tenant the HDR grade was tone-mapped', async () => {
    expect(output.videoRange).toBe('SDR');
    expect(output.notes).toEqual([{ code: 'hdr-tone-mapped', message: expect.stringContaining('HDR10 (PQ)') }]);
    const variants = parseMasterPlaylist(await readFile(join(outputDir, output.masterPlaylistPath), 'utf8'));
    expect(variants.map((variant) => variant.attributes['VIDEO-RANGE'])).toEqual(['SDR', 'SDR', 'SDR', 'SDR']);
  });

  it('changes the pixels: tone-mapped, not merely converted to 8 bits', async () => {
    const naive = await lumaPlane(['-i', sourcePath]);
    const mapped = await lumaPlane(['-i', join(outputDir, output.renditions[0]?.playlistPath ?? '')]);
    // PQ code values read as if they were BT.709 differ from their tone-mapped SDR equivalents: mid-greys come out
    // darker, highlights brighter. A plain 8-bit conversion differs by encoding noise only (0.3 measured).
    expect(meanAbsoluteDifference(naive, mapped)).toBeGreaterThan(10);
  });
});
