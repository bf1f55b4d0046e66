// Poster and thumbnails from the encoded ladder, in one ffmpeg process with one SEEKED input per picture. The
// ladder has a keyframe every 2 s, so each picture costs at most 2 s of decoding of the smallest rendition at
// least as wide as the picture, where the source's own keyframes may be ten seconds or a whole film apart.
import { access, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { runFfmpeg } from '../../../media/ffmpeg-process.js';
import type { PlannedRendition } from '../../../media/plan-ladder.js';
import { renditionInput } from '../../../media/rendition-input.js';

export const POSTER = 'poster.jpg';
export const THUMBNAILS_DIR = 'thumbnails';
const POSTER_MAX_WIDTH = 1280;
const THUMBNAIL_MAX_WIDTH = 320;
/** Far enough in to skip black leaders and fade-ins. */
const POSTER_POSITION = 0.1;
const JPEG_QUALITY = '3';

export interface StillsInput {
  ffmpegPath: string;
  /** Holds the encoded ladder (`{rendition}/index.m3u8`); the pictures are written there too. */
  outputDir: string;
  /** As planned, largest first: displayed sizes, already turned upright. */
  renditions: readonly PlannedRendition[];
  /** How long the picture lasts: a seek past its last frame yields nothing. */
  videoDurationSeconds: number;
  thumbnailCount: number;
  signal?: AbortSignal;
}

export interface Stills {
  posterPath: string;
  thumbnails: { path: string; timeSeconds: number }[];
}

export async function extractStills(input: StillsInput): Promise<Stills> {
  const { outputDir, renditions, thumbnailCount, videoDurationSeconds } = input;
  const largest = renditions[0];
  if (!largest) throw new Error('Stills need at least one encoded rendition');
  const thumbnails = Array.from({ length: thumbnailCount }, (_, i) => ({
    path: `${THUMBNAILS_DIR}/thumb_${String(i + 1).padStart(2, '0')}.jpg`,
    // Centred in equal slices: never on the very first or very last frame.
    timeSeconds: roundMillis((videoDurationSeconds * (i + 0.5)) / thumbnailCount),
  }));
  const pictures = [
    { path: POSTER, timeSeconds: roundMillis(videoDurationSeconds * POSTER_POSITION), maxWidth: POSTER_MAX_WIDTH },
    ...thumbnails.map((t) => ({ ...t, maxWidth: THUMBNAIL_MAX_WIDTH })),
  ];

  await mkdir(join(outputDir, THUMBNAILS_DIR), { recursive: true });
  const sources = await Promise.all(
    pictures.map(async (p) => {
      const rendition = renditionFor(renditions, largest, p.maxWidth).name;
      return { ...p, rendition, input: await renditionInput(outputDir, rendition) };
    }),
  );
  const scaled = (p: (typeof sources)[number], inputIndex: number) => {
    const { width, height } = fitWidth(largest, p.maxWidth);
    return ['-map', `${inputIndex}:v:0`, '-vf', `scale=${width}:${height},setsar=1`, '-frames:v', '1', '-q:v', JPEG_QUALITY, p.path];
  };
  // In the output folder, which the inputs are named relative to (rendition-input.ts).
  const options = { cwd: outputDir, ...(input.signal ? { signal: input.signal } : {}) };
  const inputs = sources.flatMap((p) => ['-ss', p.timeSeconds.toFixed(3), ...p.input]);
  await runFfmpeg(input.ffmpegPath, ['-y', ...inputs, ...sources.flatMap((p, i) => scaled(p, i))], options);
  // ffmpeg exits 0 when a seek lands past the last frame and nothing is written (one-frame videos, very short
  // clips): those pictures are taken from the first frame instead.
  const missing = [];
  for (const p of sources) if (!(await exists(join(outputDir, p.path)))) missing.push(p);
  if (missing.length > 0) {
    const fromStart = missing.flatMap((p) => p.input);
    await runFfmpeg(input.ffmpegPath, ['-y', ...fromStart, ...missing.flatMap((p, i) => scaled(p, i))], options);
    for (const p of missing) {
      if (!(await exists(join(outputDir, p.path)))) throw new Error(`ffmpeg wrote no picture for ${p.path} from rendition ${p.rendition}, not even from its first frame`);
    }
  }
  return { posterPath: POSTER, thumbnails };
}

/** The smallest rendition at least as wide as the picture (or the largest there is): the least to decode. */
function renditionFor(renditions: readonly PlannedRendition[], largest: PlannedRendition, maxWidth: number): PlannedRendition {
  return renditions.filter((rendition) => rendition.width >= Math.min(maxWidth, largest.width)).at(-1) ?? largest;
}

/** At most `maxWidth` wide (never wider than the source), aspect kept, even dimensions. */
export function fitWidth(source: { width: number; height: number }, maxWidth: number): { width: number; height: number } {
  const width = Math.max(2, Math.floor(Math.min(maxWidth, source.width) / 2) * 2);
  const height = Math.max(2, Math.round((width * source.height) / source.width / 2) * 2);
  return { width, height };
}

function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}

function roundMillis(seconds: number): number {
  return Math.round(seconds * 1000) / 1000;
}
