// Source files made on the spot with ffmpeg's synthetic inputs: small and short, so the suite stays
// fast on two cores.
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';

const exec = promisify(execFile);

export interface ClipOptions {
  width: number;
  height: number;
  seconds: number;
  frameRate?: number;
  audio?: boolean;
  /** Extra output options, e.g. `['-movflags', '+faststart']`. */
  outputArgs?: string[];
}

export async function makeClip(path: string, options: ClipOptions): Promise<string> {
  const { width, height, seconds, frameRate = 30, audio = true, outputArgs = [] } = options;
  const audioInput = audio ? ['-f', 'lavfi', '-i', `sine=frequency=440:sample_rate=48000:duration=${seconds}`] : [];
  await ffmpeg([
    '-f',
    'lavfi',
    '-i',
    `testsrc2=size=${width}x${height}:rate=${frameRate}:duration=${seconds}`,
    ...audioInput,
    '-c:v',
    'libx264',
    '-preset',
    'ultrafast',
    '-pix_fmt',
    'yuv420p',
    ...(audio ? ['-c:a', 'aac', '-b:a', '64k'] : []),
    ...outputArgs,
    path,
  ]);
  return path;
}

export async function ffmpeg(args: readonly string[]): Promise<void> {
  await exec('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-y', ...args]);
}

export interface ProbedStream {
  codec_type?: string;
  codec_name?: string;
  width?: number;
  height?: number;
  channels?: number;
  sample_rate?: string;
  color_transfer?: string;
  color_primaries?: string;
  color_space?: string;
  pix_fmt?: string;
}

/** ffprobe of a rendition (through its playlist, as a player reads it). */
export async function probeStreams(path: string): Promise<ProbedStream[]> {
  const { stdout } = await exec('ffprobe', ['-v', 'error', '-print_format', 'json', '-show_streams', path]);
  const parsed: unknown = JSON.parse(stdout);
  if (typeof parsed !== 'object' || parsed === null || !('streams' in parsed) || !Array.isArray(parsed.streams)) {
    throw new Error(`ffprobe gave no streams for ${path}`);
  }
  return parsed.streams as ProbedStream[];
}

/** Presentation times of the keyframes, decoding nothing else. */
export async function keyframeTimes(path: string): Promise<string[]> {
  const args = ['-v', 'error', '-select_streams', 'v', '-skip_frame', 'nokey', '-show_entries', 'frame=pts_time', '-of', 'csv=p=0', path];
  const { stdout } = await exec('ffprobe', args);
  return stdout
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

export async function tempDir(prefix: string): Promise<{ path: string; remove(): Promise<void> }> {
  const path = await mkdtemp(join(tmpdir(), `${prefix}-`));
  return { path, remove: () => rm(path, { recursive: true, force: true }) };
}

/** The master playlist's variants, attributes parsed; CODECS keeps its quotes stripped. */
export function parseMasterPlaylist(text: string): { attributes: Record<string, string>; uri: string }[] {
  const lines = text.split('\n');
  const variants: { attributes: Record<string, string>; uri: string }[] = [];
  lines.forEach((line, i) => {
    if (!line.startsWith('#EXT-X-STREAM-INF:')) return;
    const attributes: Record<string, string> = {};
    for (const match of line.slice('#EXT-X-STREAM-INF:'.length).matchAll(/([A-Z-]+)=("[^"]*"|[^,]*)/g)) {
      const [, key, value] = match;
      if (key && value !== undefined) attributes[key] = value.replace(/^"|"$/g, '');
    }
    variants.push({ attributes, uri: lines[i + 1] ?? '' });
  });
  return variants;
}

/** Every file below `dir`, relative to it, sorted. */
export async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)))
    .sort();
}
