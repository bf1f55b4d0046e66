// Poster and thumbnails from the source, in one ffmpeg process with one SEEKED input per picture:
// each costs a seek and a few decoded frames, where the fps filter would decode the whole film.
import { access, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { runFfmpeg } from './ffmpeg-process.js';

export const POSTER = 'poster.jpg';
export const THUMBNAILS_DIR = 'thumbnails';
const POSTER_MAX_WIDTH = 1280;
const THUMBNAIL_MAX_WIDTH = 320;
/** Far enough in to skip black leaders and fade-ins. */
const POSTER_POSITION = 0.1;
const JPEG_QUALITY = '3';

export interface StillsInput {
  ffmpegPath: string;
  sourcePath: string;
  videoStreamIndex: number;
  outputDir: string;
  /** Displayed size: autorotation has already turned the frames when they reach the filters. */
  source: { width: number; height: number };
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
  const { source, outputDir, thumbnailCount, videoDurationSeconds } = input;
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
  const inputs = pictures.flatMap((p) => ['-ss', p.timeSeconds.toFixed(3), '-i', input.sourcePath]);
  const outputs = pictures.flatMap((p, i) => {
    const { width, height } = fitWidth(source, p.maxWidth);
    return ['-map', `${i}:${input.videoStreamIndex}`, '-vf', `scale=${width}:${height},setsar=1`, '-frames:v', '1', '-q:v', JPEG_QUALITY, join(outputDir, p.path)];
  });
  await runFfmpeg(input.ffmpegPath, ['-y', ...inputs, ...outputs], input.signal ? { signal: input.signal } : {});
  // ffmpeg exits 0 when a seek lands past the last frame and nothing is written (one-frame videos, very short
  // clips, streams whose timestamps start late): those pictures are taken from the first frame instead.
  const missing = [];
  for (const p of pictures) if (!(await exists(join(outputDir, p.path)))) missing.push(p);
  if (missing.length > 0) {
    const fromStart = missing.flatMap((p) => {
      const { width, height } = fitWidth(source, p.maxWidth);
      return ['-map', `0:${input.videoStreamIndex}`, '-vf', `scale=${width}:${height},setsar=1`, '-frames:v', '1', '-q:v', JPEG_QUALITY, join(outputDir, p.path)];
    });
    await runFfmpeg(input.ffmpegPath, ['-y', '-i', input.sourcePath, ...fromStart], input.signal ? { signal: input.signal } : {});
    for (const p of missing) {
      if (!(await exists(join(outputDir, p.path)))) throw new Error(`ffmpeg wrote no picture for ${p.path} of ${input.sourcePath}, not even from its first frame`);
    }
  }
  return { posterPath: POSTER, thumbnails };
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
