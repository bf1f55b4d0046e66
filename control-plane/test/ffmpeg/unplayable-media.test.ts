import { access, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FfmpegTranscoder } from '../../src/adapters/local/ffmpeg/ffmpeg-transcoder.js';
import { UnplayableMediaError } from '../../src/domain/videos/unplayable-media-error.js';
import { ffmpeg, makeClip, tempDir } from './fixtures.js';

const transcoder = new FfmpegTranscoder({ preset: 'ultrafast' });
let work: Awaited<ReturnType<typeof tempDir>>;
let clip: string;

beforeAll(async () => {
  work = await tempDir('ffmpeg-unplayable');
  clip = await makeClip(join(work.path, 'clip.mp4'), { width: 320, height: 240, seconds: 3 });
});
afterAll(() => work.remove());

async function refusal(sourcePath: string, maxDurationSeconds = 60): Promise<UnplayableMediaError> {
  const outputDir = join(work.path, `out-${Math.random().toString(36).slice(2)}`);
  const error = await transcoder.transcode({ sourcePath, outputDir, limits: { maxDurationSeconds } }).then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof UnplayableMediaError)) throw new Error(`expected an UnplayableMediaError, got ${String(error)}`);
  return error;
}

async function halfOf(path: string, name: string): Promise<string> {
  const bytes = await readFile(path);
  const cut = join(work.path, name);
  await writeFile(cut, bytes.subarray(0, Math.floor(bytes.length / 2)));
  return cut;
}

describe('sources that cannot become a video', () => {
  it('refuses a text file as not a video', async () => {
    const path = join(work.path, 'notes.txt');
    await writeFile(path, 'These are my meeting notes, not a video.\n'.repeat(20));
    const error = await refusal(path);
    expect(error.kind).toBe('not-media');
    expect(error.reason).toMatch(/not a video/);
  });

  it('refuses bytes that are not media at all', async () => {
    const path = join(work.path, 'random.bin');
    await writeFile(path, Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 251)));
    const error = await refusal(path);
    expect(error.kind).toBe('not-media');
    expect(error.reason).toMatch(/corrupt or not a media file/);
  });

  it('refuses an empty file, saying it is empty', async () => {
    const path = join(work.path, 'empty.mp4');
    await writeFile(path, '');
    const error = await refusal(path);
    expect(error.kind).toBe('empty-file');
    expect(error.reason).toMatch(/empty \(0 bytes\)/);
  });

  it('refuses an MP4 cut in half as truncated, asking for a re-upload', async () => {
    const error = await refusal(await halfOf(clip, 'cut.mp4'));
    expect(error.kind).toBe('truncated');
    expect(error.reason).toMatch(/truncated or incomplete/);
    expect(error.reason).toMatch(/Re-upload/);
  });

  it('refuses a fast-start MP4 cut in half, whose index survived, as truncated', async () => {
    const faststart = await makeClip(join(work.path, 'faststart.mp4'), {
      width: 320,
      height: 240,
      seconds: 3,
      outputArgs: ['-movflags', '+faststart'],
    });
    const error = await refusal(await halfOf(faststart, 'cut-faststart.mp4'));
    expect(error.kind).toBe('truncated');
    expect(error.reason).toMatch(/truncated or incomplete/);
  });

  it('refuses an audio-only file', async () => {
    const path = join(work.path, 'song.m4a');
    await ffmpeg(['-f', 'lavfi', '-i', 'sine=duration=2', '-c:a', 'aac', path]);
    const error = await refusal(path);
    expect(error.kind).toBe('no-video');
    expect(error.reason).toBe('The file has no video stream (audio only). Upload a file that contains video.');
  });

  it('does not take an MP3 cover picture for video', async () => {
    const cover = join(work.path, 'cover.png');
    const song = join(work.path, 'song.mp3');
    await ffmpeg(['-f', 'lavfi', '-i', 'testsrc2=size=300x300', '-frames:v', '1', cover]);
    await ffmpeg(['-f', 'lavfi', '-i', 'sine=duration=2', '-i', cover, '-map', '0', '-map', '1', '-c:v', 'png', '-disposition:v', 'attached_pic', song]);
    const error = await refusal(song);
    expect(error.kind).toBe('no-video');
    expect(error.reason).toMatch(/audio only; its cover picture is not a video/);
  });

  it('refuses a subtitles-only file', async () => {
    const path = join(work.path, 'captions.srt');
    await writeFile(path, '1\n00:00:00,000 --> 00:00:02,000\nHello\n');
    const error = await refusal(path);
    expect(error.reason).toMatch(/no video stream \(subtitles only\)/);
  });

  it('refuses a still image', async () => {
    const path = join(work.path, 'photo.jpg');
    await ffmpeg(['-f', 'lavfi', '-i', 'testsrc2=size=320x240', '-frames:v', '1', path]);
    const error = await refusal(path);
    expect(error.kind).toBe('still-image');
  });

  it('refuses a video over the duration limit, naming the limit and the actual duration', async () => {
    const error = await refusal(clip, 2);
    expect(error.kind).toBe('too-long');
    expect(error.reason).toMatch(/3 seconds long; the limit is 2 seconds/);
  });

  it('refuses absurd declared dimensions', async () => {
    const path = join(work.path, 'wide.mp4');
    await ffmpeg(['-f', 'lavfi', '-i', 'color=size=8208x16:duration=0.4:rate=5', '-c:v', 'libx264', '-preset', 'ultrafast', path]);
    const error = await refusal(path);
    expect(error.kind).toBe('too-large');
    expect(error.reason).toMatch(/8208x16.*8192/);
  });

  it('writes nothing for a refused source', async () => {
    const outputDir = join(work.path, 'never-written');
    await expect(transcoder.transcode({ sourcePath: clip, outputDir, limits: { maxDurationSeconds: 1 } })).rejects.toBeInstanceOf(UnplayableMediaError);
    await expect(access(outputDir)).rejects.toThrow();
  });
});
