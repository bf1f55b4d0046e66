// Source files made with ffmpeg for the API and end-to-end tests: real media, not mocks. Built on the
// transcoder tests' fixtures (test/ffmpeg/fixtures.ts), adding the shapes these tests need.
import { readFile, writeFile } from 'node:fs/promises';
import { ffmpeg, makeClip as makeSourceClip } from '../ffmpeg/fixtures.js';

export { probeStreams } from '../ffmpeg/fixtures.js';

export interface ClipOptions {
  seconds: number;
  width: number;
  height: number;
  audio?: boolean;
  /** Target video bitrate, e.g. '30M' to make a file big enough for several upload parts. */
  bitrate?: string;
}

export function makeClip(file: string, options: ClipOptions): Promise<string> {
  const { bitrate, ...shape } = options;
  // Noise defeats the encoder's compression, so the file really is about `bitrate` × seconds.
  const outputArgs = bitrate ? ['-vf', 'noise=alls=60:allf=t', '-b:v', bitrate, '-maxrate', bitrate, '-bufsize', bitrate] : [];
  return makeSourceClip(file, { ...shape, outputArgs });
}

export async function makeAudioOnly(file: string, seconds = 3): Promise<string> {
  await ffmpeg(['-f', 'lavfi', '-i', `sine=frequency=440:duration=${seconds}`, '-c:a', 'aac', file]);
  return file;
}

/** The first half of a real MP4 whose index sits at the end: what an interrupted copy looks like. */
export async function makeTruncatedMp4(file: string, scratch: string): Promise<string> {
  await makeClip(scratch, { seconds: 3, width: 320, height: 240 });
  const whole = await readFile(scratch);
  await writeFile(file, whole.subarray(0, Math.floor(whole.length / 2)));
  return file;
}
