// A corpus of awkward and broken sources, made with ffmpeg and by hand. Each one ends either as a playable
// ladder or as a refusal with a reason a person understands; none makes the transcoder fail in another way.
import { randomBytes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FfmpegTranscoder } from '../../src/adapters/local/ffmpeg/ffmpeg-transcoder.js';
import { UnplayableMediaError } from '../../src/domain/videos/unplayable-media-error.js';
import { ffmpeg, makeClip, tempDir } from './fixtures.js';

type Expectation = { ready: true; check?: (output: Awaited<ReturnType<FfmpegTranscoder['transcode']>>) => void } | { ready: false; reason: RegExp };

interface Case {
  name: string;
  file: string;
  make: (file: string) => Promise<unknown>;
  expect: Expectation;
}

const lavfi = (video: string, seconds = 2) => ['-f', 'lavfi', '-i', `${video}:duration=${seconds}`];
const tone = (seconds = 2, layout = 'stereo') => ['-f', 'lavfi', '-i', `sine=frequency=330:sample_rate=48000:duration=${seconds},aformat=channel_layouts=${layout}`];

const cases: Case[] = [
  {
    name: 'corrupt header',
    file: 'corrupt-header.mp4',
    make: async (file) => {
      const clip = await makeClip(`${file}.src.mp4`, { width: 320, height: 240, seconds: 2 });
      const bytes = await readFile(clip);
      bytes.fill(0, 0, 64);
      await writeFile(file, bytes);
    },
    expect: { ready: false, reason: /not recogni[sz]ed|not a (video|media)|could not be read|damaged|corrupt/i },
  },
  {
    name: 'truncated at 10%',
    file: 'truncated.mp4',
    make: async (file) => {
      const bytes = await readFile(await makeClip(`${file}.src.mp4`, { width: 320, height: 240, seconds: 2 }));
      await writeFile(file, bytes.subarray(0, Math.floor(bytes.length / 10)));
    },
    expect: { ready: false, reason: /truncated|incomplete/i },
  },
  {
    name: 'huge declared dimensions',
    file: 'huge.y4m',
    make: (file) => writeFile(file, Buffer.concat([Buffer.from('YUV4MPEG2 W20000 H20000 F30:1 Ip A1:1 C420jpeg\nFRAME\n'), randomBytes(4096)])),
    expect: { ready: false, reason: /too large|dimensions|20000/i },
  },
  {
    name: 'zero frames',
    file: 'zero-frames.mp4',
    make: (file) => ffmpeg([...lavfi('testsrc2=size=320x240:rate=30'), '-frames:v', '0', '-c:v', 'libx264', file]).catch(() => writeFile(file, Buffer.alloc(0))),
    expect: { ready: false, reason: /no video|empty|zero|duration|not a (video|media)|not recogni[sz]ed/i },
  },
  // One frame is a (very short) video: it plays, and poster and thumbnails come from that frame.
  {
    name: 'one frame',
    file: 'one-frame.mp4',
    make: (file) => ffmpeg([...lavfi('testsrc2=size=320x240:rate=30'), '-frames:v', '1', '-c:v', 'libx264', '-pix_fmt', 'yuv420p', file]),
    expect: { ready: true },
  },
  { name: 'audio only', file: 'audio-only.m4a', make: (file) => ffmpeg([...tone(), '-c:a', 'aac', file]), expect: { ready: false, reason: /no video|audio only/i } },
  {
    name: 'subtitles only',
    file: 'subtitles.srt',
    make: (file) => writeFile(file, '1\n00:00:00,000 --> 00:00:02,000\nHello\n\n2\n00:00:02,000 --> 00:00:04,000\nWorld\n'),
    expect: { ready: false, reason: /no video|subtitles/i },
  },
  {
    name: 'mp3 with cover art',
    file: 'cover.mp3',
    make: async (file) => {
      await ffmpeg([...lavfi('testsrc2=size=300x300:rate=1', 1), '-frames:v', '1', `${file}.png`]);
      await ffmpeg([...tone(), '-i', `${file}.png`, '-map', '0:a', '-map', '1:v', '-c:a', 'libmp3lame', '-c:v', 'png', '-disposition:v', 'attached_pic', file]);
    },
    expect: { ready: false, reason: /no video|audio only|still image|cover/i },
  },
  {
    name: 'a still PNG',
    file: 'still.png',
    make: (file) => ffmpeg([...lavfi('testsrc2=size=640x360:rate=1', 1), '-frames:v', '1', file]),
    expect: { ready: false, reason: /still image|picture|single/i },
  },
  {
    name: 'random bytes',
    file: 'random.mp4',
    make: (file) => writeFile(file, randomBytes(100_000)),
    expect: { ready: false, reason: /not recogni[sz]ed|not a (video|media)|could not be read|damaged|corrupt/i },
  },
  {
    name: 'a text file',
    file: 'notes.txt',
    make: (file) => writeFile(file, 'just some notes\n'.repeat(100)),
    expect: { ready: false, reason: /not recogni[sz]ed|not a (video|media)|could not be read/i },
  },
  { name: 'zero bytes', file: 'empty.mov', make: (file) => writeFile(file, ''), expect: { ready: false, reason: /empty|zero|0 bytes/i } },
  {
    name: 'variable frame rate',
    file: 'vfr.mp4',
    make: (file) => ffmpeg([...lavfi('testsrc2=size=320x240:rate=30', 3), '-vf', "setpts='if(lt(N,30),N/30,1+(N-30)/10)/TB'", '-fps_mode', 'vfr', '-c:v', 'libx264', '-pix_fmt', 'yuv420p', file]),
    expect: { ready: true },
  },
  {
    name: 'rotated phone video',
    file: 'rotated.mp4',
    make: async (file) => {
      const clip = await makeClip(`${file}.src.mp4`, { width: 480, height: 270, seconds: 2 });
      await ffmpeg(['-i', clip, '-c', 'copy', '-metadata:s:v:0', 'rotate=90', file]);
    },
    expect: { ready: true, check: (output) => expect(output.renditions[0]!.height).toBeGreaterThan(output.renditions[0]!.width) },
  },
  {
    name: 'portrait',
    file: 'portrait.mp4',
    make: (file) => makeClip(file, { width: 360, height: 640, seconds: 2 }),
    expect: { ready: true, check: (output) => expect(output.renditions[0]).toMatchObject({ width: 360, height: 640 }) },
  },
  {
    name: '10-bit HEVC',
    file: 'hevc10.mp4',
    make: (file) =>
      ffmpeg([...lavfi('testsrc2=size=320x240:rate=24'), '-c:v', 'libx265', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p10le', '-x265-params', 'log-level=error', '-tag:v', 'hvc1', file]),
    expect: { ready: true, check: (output) => expect(output.renditions[0]!.codecs).toMatch(/^avc1\./) },
  },
  {
    name: 'VP9 in WebM',
    file: 'vp9.webm',
    make: (file) => ffmpeg([...lavfi('testsrc2=size=320x240:rate=24'), ...tone(), '-c:v', 'libvpx-vp9', '-deadline', 'realtime', '-cpu-used', '8', '-b:v', '300k', '-c:a', 'libopus', file]),
    expect: { ready: true },
  },
  {
    name: 'ProRes MOV',
    file: 'prores.mov',
    make: (file) => ffmpeg([...lavfi('testsrc2=size=320x240:rate=25'), ...tone(), '-c:v', 'prores_ks', '-profile:v', '0', '-c:a', 'pcm_s16le', file]),
    expect: { ready: true },
  },
  {
    name: '5.1 audio',
    file: 'surround.mp4',
    make: (file) => ffmpeg([...lavfi('testsrc2=size=320x240:rate=30'), ...tone(2, '5.1'), '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-c:a', 'aac', file]),
    // Downmixed: one stereo AAC audio rendition.
    expect: { ready: true, check: (output) => expect(output.audioTracks).toEqual([expect.objectContaining({ channels: 2, codecs: 'mp4a.40.2' })]) },
  },
  {
    name: 'MPEG-TS',
    file: 'broadcast.ts',
    make: (file) => ffmpeg([...lavfi('testsrc2=size=320x240:rate=25'), ...tone(), '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-c:a', 'aac', '-f', 'mpegts', file]),
    expect: { ready: true },
  },
  { name: 'animated GIF', file: 'loop.gif', make: (file) => ffmpeg([...lavfi('testsrc2=size=160x120:rate=10'), file]), expect: { ready: true } },
  {
    name: 'odd size',
    file: 'odd.mp4',
    make: (file) => makeClip(file, { width: 321, height: 241, seconds: 1 }),
    expect: { ready: true, check: (output) => expect(output.renditions[0]!.width % 2).toBe(0) },
  },
  {
    name: 'very short (0.3 s)',
    file: 'short.mp4',
    make: (file) => ffmpeg([...lavfi('testsrc2=size=320x240:rate=30', 0.3), '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', file]),
    expect: { ready: true },
  },
  {
    name: 'interlaced',
    file: 'interlaced.mp4',
    make: (file) => ffmpeg([...lavfi('testsrc2=size=320x240:rate=25'), '-c:v', 'libx264', '-preset', 'ultrafast', '-flags', '+ildct+ilme', '-pix_fmt', 'yuv420p', file]),
    expect: { ready: true },
  },
];

let dir: { path: string; remove(): Promise<void> };
const transcoder = new FfmpegTranscoder({ preset: 'ultrafast' });

beforeAll(async () => {
  dir = await tempDir('ott-corpus-');
  for (const testCase of cases) await testCase.make(path.join(dir.path, testCase.file));
});
afterAll(() => dir?.remove());

describe(`bad input corpus (${cases.length} cases)`, () => {
  it('has at least 20 cases', () => expect(cases.length).toBeGreaterThanOrEqual(20));

  for (const testCase of cases) {
    it(`${testCase.name}: ${testCase.expect.ready ? 'becomes a ladder' : 'is refused with a readable reason'}`, async () => {
      const outcome = await transcoder.transcode({ sourcePath: path.join(dir.path, testCase.file), outputDir: path.join(dir.path, `${testCase.file}.out`), limits: { maxDurationSeconds: 3600 } }).then(
        (output) => ({ output }),
        (error: unknown) => ({ error }),
      );
      if (testCase.expect.ready) {
        if ('error' in outcome) throw outcome.error;
        expect(outcome.output.renditions.length).toBeGreaterThan(0);
        testCase.expect.check?.(outcome.output);
      } else {
        expect('error' in outcome ? outcome.error : outcome.output).toBeInstanceOf(UnplayableMediaError);
        const reason = (outcome as { error: UnplayableMediaError }).error.reason;
        expect(reason).toMatch(testCase.expect.reason);
        expect(reason).not.toMatch(/ffmpeg|ffprobe|stderr|exit code|\bat \S+\.ts/i);
      }
    });
  }
});
