import { chmod, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FfmpegTranscoder } from '../../src/adapters/local/ffmpeg/ffmpeg-transcoder.js';
import { UnplayableMediaError } from '../../src/domain/videos/unplayable-media-error.js';
import { makeClip, tempDir } from './fixtures.js';

let work: Awaited<ReturnType<typeof tempDir>>;
let clip: string;

beforeAll(async () => {
  work = await tempDir('ffmpeg-abort');
  clip = await makeClip(join(work.path, 'clip.mp4'), { width: 640, height: 360, seconds: 20 });
});
afterAll(() => work.remove());

/** Processes whose command line mentions `needle`: an aborted encode must leave none behind. */
async function processesMentioning(needle: string): Promise<string[]> {
  const found: string[] = [];
  for (const pid of (await readdir('/proc')).filter((name) => /^\d+$/.test(name))) {
    const cmdline = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
    if (cmdline.includes(needle)) found.push(cmdline.replaceAll('\0', ' '));
  }
  return found;
}

describe('aborting and failing', () => {
  it('kills ffmpeg when the signal aborts and rejects with an AbortError', async () => {
    const outputDir = join(work.path, 'aborted-out');
    const controller = new AbortController();
    let abortedAt = 0;
    let runningWhenAborted: string[] = [];
    const transcoding = new FfmpegTranscoder().transcode({
      sourcePath: clip,
      outputDir,
      limits: { maxDurationSeconds: 60 },
      signal: controller.signal,
      onProgress: (fraction) => {
        if (fraction > 0.05 && abortedAt === 0) {
          abortedAt = Date.now();
          void processesMentioning(outputDir).then((running) => {
            runningWhenAborted = running;
            controller.abort();
          });
        }
      },
    });
    await expect(transcoding).rejects.toMatchObject({ name: 'AbortError' });
    expect(runningWhenAborted.some((cmd) => cmd.includes('ffmpeg'))).toBe(true);
    expect(Date.now() - abortedAt).toBeLessThan(3000);
    expect(await processesMentioning(outputDir)).toEqual([]);
  });

  it('rejects at once when the signal is already aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(new FfmpegTranscoder().transcode({ sourcePath: clip, outputDir: join(work.path, 'never'), limits: { maxDurationSeconds: 60 }, signal: controller.signal })).rejects.toMatchObject({
      name: 'AbortError',
    });
  });

  it('rejects a failed ffmpeg with its last stderr lines, not as unplayable media', async () => {
    const fakeFfmpeg = join(work.path, 'broken-ffmpeg.sh');
    await writeFile(fakeFfmpeg, '#!/bin/sh\nfor i in $(seq 1 30); do echo "encoder line $i" >&2; done\nexit 3\n');
    await chmod(fakeFfmpeg, 0o755);
    const error: unknown = await new FfmpegTranscoder({ ffmpegPath: fakeFfmpeg })
      .transcode({ sourcePath: clip, outputDir: join(work.path, 'broken-out'), limits: { maxDurationSeconds: 60 } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(UnplayableMediaError);
    const message = (error as Error).message;
    expect(message).toMatch(/exit code 3/);
    expect(message).toMatch(/encoder line 30$/);
    expect(message).toMatch(/encoder line 11\n/);
    expect(message).not.toMatch(/encoder line 10\n/);
  });
});
