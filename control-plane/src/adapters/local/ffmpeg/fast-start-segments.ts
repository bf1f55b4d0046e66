// Fast start: ffmpeg cuts a part at every keyframe (1 s, 1 s, then every 2 s) and the package's segments are built
// from those parts: within the first SEGMENT_SECONDS each part is a segment of its own, so a viewer can start after
// one second of encoding; after that, parts are grouped into segments of SEGMENT_SECONDS as before (a segment of
// several fMP4 fragments, like MediaConvert's). ffmpeg 5.1's own `-hls_init_time` cannot do this: with a playlist
// that keeps every segment it applies the short length to all of them.
// Early publishing and the final package build the same segments under the same names from the same parts, so a
// player that started early reads on into the finished package without a seam.
import { access, link, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { INIT_SEGMENT, MEDIA_PLAYLIST, parseMediaPlaylist } from '../../../media/media-playlist.js';
import { KEYFRAME_INTERVAL_SECONDS, SEGMENT_SECONDS } from '../../../media/plan-ladder.js';

/** The first segment's length: what a viewer waits for, encoding-wise, before the video plays. */
export const FAST_START_SECONDS = 1;
/** ffmpeg's own playlist of parts, beside the package's `index.m3u8`; removed once the package is final. */
export const PARTS_PLAYLIST = 'parts.m3u8';
export const PART_FILENAME_TEMPLATE = 'part_%05d.m4s';

/**
 * ffmpeg's keyframes (`-force_key_frames`) and part length (`-hls_time`). With fast start: a keyframe at 0 and at
 * FAST_START_SECONDS, then every KEYFRAME_INTERVAL_SECONDS as the rest of the platform expects, and a part at every
 * keyframe. Without it (OTT_FAST_START=off: one keyframe and three requests fewer per view start), parts are the
 * package's 6 s segments as they were before fast start, and the first plays after 6 s of encoding.
 */
export function segmentTiming(fastStart: boolean): { keyframes: string; partSeconds: number } {
  return fastStart
    ? { keyframes: `expr:gte(t,if(lt(n_forced,2),n_forced*${FAST_START_SECONDS},(n_forced-1)*${KEYFRAME_INTERVAL_SECONDS}))`, partSeconds: FAST_START_SECONDS }
    : { keyframes: `expr:gte(t,n_forced*${KEYFRAME_INTERVAL_SECONDS})`, partSeconds: SEGMENT_SECONDS };
}

/** Durations are written with six decimals: a part ending this close to a boundary ends on it. */
const TOLERANCE_SECONDS = 0.001;

export interface Part {
  uri: string;
  durationSeconds: number;
}

export interface PackageSegment {
  uri: string;
  durationSeconds: number;
  parts: readonly string[];
}

/**
 * The package's segments from ffmpeg's parts, in order. Only segments whose parts are all finished are returned,
 * unless `ended` (ffmpeg wrote its last part): then the last, shorter group closes too. The answer for a prefix of
 * the parts is a prefix of the answer for all of them, which is what lets segments be published while encoding.
 */
export function packageSegments(parts: readonly Part[], ended: boolean): PackageSegment[] {
  const segments: PackageSegment[] = [];
  let group: Part[] = [];
  let start = 0;
  let end = 0;
  const close = () => {
    segments.push({ uri: segmentUri(segments.length), durationSeconds: end - start, parts: group.map((part) => part.uri) });
    group = [];
    start = end;
  };
  for (const part of parts) {
    group.push(part);
    end += part.durationSeconds;
    const inFastStart = start < SEGMENT_SECONDS - TOLERANCE_SECONDS;
    const boundary = (Math.floor((start + TOLERANCE_SECONDS) / SEGMENT_SECONDS) + 1) * SEGMENT_SECONDS;
    if (inFastStart || end >= boundary - TOLERANCE_SECONDS) close();
  }
  if (ended && group.length > 0) close();
  return segments;
}

function segmentUri(index: number): string {
  return `seg_${String(index).padStart(5, '0')}.m4s`;
}

/** The package's media playlist: EVENT while encoding goes on, VOD with its end once it is over. */
export function renderMediaPlaylist(segments: readonly PackageSegment[], ended: boolean): string {
  // A playlist's target duration must not change while it grows: the segment length it will have, from the start.
  const target = Math.max(SEGMENT_SECONDS, ...segments.map((segment) => Math.round(segment.durationSeconds)));
  return [
    '#EXTM3U',
    '#EXT-X-VERSION:7',
    `#EXT-X-TARGETDURATION:${target}`,
    '#EXT-X-MEDIA-SEQUENCE:0',
    `#EXT-X-PLAYLIST-TYPE:${ended ? 'VOD' : 'EVENT'}`,
    '#EXT-X-INDEPENDENT-SEGMENTS',
    `#EXT-X-MAP:URI="${INIT_SEGMENT}"`,
    ...segments.flatMap((segment) => [`#EXTINF:${segment.durationSeconds.toFixed(6)},`, segment.uri]),
    ...(ended ? ['#EXT-X-ENDLIST'] : []),
    '',
  ].join('\n');
}

export interface AssembledRendition {
  segments: PackageSegment[];
  ended: boolean;
}

/**
 * Builds, in a rendition folder, `init.mp4`, every segment whose parts are finished and `index.m3u8` naming them.
 * Undefined before ffmpeg finished the rendition's first part. Each file appears whole (written aside, then renamed)
 * and a segment already built is left as it is, so this runs again and again while ffmpeg encodes; `built`, the
 * segments an earlier call returned, spares a look every tenth of a second the files already there.
 */
export async function assembleRendition(renditionDir: string, built = 0): Promise<AssembledRendition | undefined> {
  // ffmpeg writes its playlist once the first part is complete, and replaces it atomically (temp_file).
  const text = await readFile(join(renditionDir, PARTS_PLAYLIST), 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw error;
  });
  if (text === undefined) return undefined;
  const playlist = parseMediaPlaylist(text);
  if (playlist.initUri === undefined) throw new Error(`${join(renditionDir, PARTS_PLAYLIST)} has no EXT-X-MAP: not an fMP4 playlist`);
  const ended = text.includes('#EXT-X-ENDLIST');
  const segments = packageSegments(playlist.segments, ended);
  if (segments.length === 0) return undefined;
  if (segments.length <= built) return { segments, ended };
  // With several variants ffmpeg 5.1 suffixes the init segment with the variant's index (`init_2.mp4`).
  await linkOnce(join(renditionDir, playlist.initUri), join(renditionDir, INIT_SEGMENT));
  for (const segment of segments.slice(built)) await buildSegment(renditionDir, segment);
  await writeWhole(join(renditionDir, MEDIA_PLAYLIST), renderMediaPlaylist(segments, ended));
  return { segments, ended };
}

/** After encoding: the rendition folder holds the package (init.mp4, segments, VOD index.m3u8) and nothing of ffmpeg's parts. */
export async function finaliseRendition(renditionDir: string): Promise<void> {
  const assembled = await assembleRendition(renditionDir);
  if (!assembled?.ended) throw new Error(`${join(renditionDir, PARTS_PLAYLIST)} has no EXT-X-ENDLIST: the encoder stopped before the end`);
  const { initUri, segments: parts } = parseMediaPlaylist(await readFile(join(renditionDir, PARTS_PLAYLIST), 'utf8'));
  const leftovers = [PARTS_PLAYLIST, ...parts.map((part) => part.uri), ...(initUri && initUri !== INIT_SEGMENT ? [initUri] : [])];
  await Promise.all(leftovers.map((file) => rm(join(renditionDir, file), { force: true })));
}

async function buildSegment(renditionDir: string, segment: PackageSegment): Promise<void> {
  const [first, ...rest] = segment.parts;
  if (first === undefined) return;
  // A one-part segment is that part under the package's name: a link, no copy.
  if (rest.length === 0) return linkOnce(join(renditionDir, first), join(renditionDir, segment.uri));
  const target = join(renditionDir, segment.uri);
  if (await exists(target)) return;
  // fMP4 fragments carry their own decode times and sequence numbers: consecutive ones concatenate into one segment.
  const bytes = await Promise.all(segment.parts.map((part) => readFile(join(renditionDir, part))));
  await writeWhole(target, Buffer.concat(bytes));
}

async function linkOnce(existing: string, name: string): Promise<void> {
  await link(existing, name).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'EEXIST') throw error;
  });
}

async function writeWhole(path: string, data: string | Buffer): Promise<void> {
  const aside = `${path}.tmp`;
  await writeFile(aside, data);
  await rename(aside, path);
}

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}
