// Source files made with ffmpeg for tests: real media, not mocks.
import { execFile } from 'node:child_process';
import { writeFile, readFile } from 'node:fs/promises';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface ClipOptions {
  seconds: number;
  width: number;
  height: number;
  audio?: boolean;
  /** Target video bitrate, e.g. '30M' to make a file big enough for several upload parts. */
  bitrate?: string;
}

export async function makeClip(file: string, options: ClipOptions): Promise<string> {
  const { seconds, width, height, audio = true } = options;
  const args = ['-y', '-loglevel', 'error', '-f', 'lavfi', '-i', `testsrc2=size=${width}x${height}:rate=30:duration=${seconds}`];
  if (audio) args.push('-f', 'lavfi', '-i', `sine=frequency=440:sample_rate=48000:duration=${seconds}`);
  if (options.bitrate) args.push('-vf', 'noise=alls=60:allf=t', '-b:v', options.bitrate, '-maxrate', options.bitrate, '-bufsize', options.bitrate);
  args.push('-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p');
  if (audio) args.push('-c:a', 'aac', '-shortest');
  args.push(file);
  await run('ffmpeg', args);
  return file;
}

export async function makeAudioOnly(file: string, seconds = 3): Promise<string> {
  await run('ffmpeg', ['-y', '-loglevel', 'error', '-f', 'lavfi', '-i', `sine=frequency=440:duration=${seconds}`, '-c:a', 'aac', file]);
  return file;
}

/** The first half of a real MP4 whose index sits at the end: what an interrupted copy looks like. */
export async function makeTruncatedMp4(file: string, scratch: string): Promise<string> {
  await makeClip(scratch, { seconds: 3, width: 320, height: 240 });
  const whole = await readFile(scratch);
  await writeFile(file, whole.subarray(0, Math.floor(whole.length / 2)));
  return file;
}

export async function probeStreams(file: string): Promise<{ codec_type: string; codec_name: string; width?: number; height?: number }[]> {
  const { stdout } = await run('ffprobe', ['-v', 'error', '-show_streams', '-of', 'json', file]);
  return (JSON.parse(stdout) as { streams: { codec_type: string; codec_name: string; width?: number; height?: number }[] }).streams;
}
