// The scrubbing preview: one sprite of small tiles plus a WebVTT file mapping time ranges to tiles.
// Tiles come from the KEYFRAMES of the smallest rendition (every 2 s by construction, plus one at 1 s), decoded
// with `-skip_frame nokey`, so nothing else is decoded.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { TranscodeOutput } from '../ports.js';
import { runFfmpeg } from './ffmpeg-process.js';
import { KEYFRAME_INTERVAL_SECONDS } from './plan-ladder.js';
import { renditionInput } from './rendition-input.js';

export const STORYBOARD_IMAGE = 'storyboard.jpg';
export const STORYBOARD_VTT = 'storyboard.vtt';
const TILE_WIDTH = 160;
const MAX_COLUMNS = 10;
/** Keeps a long film's sprite bounded: at most 100 tiles of 160 px. */
const MAX_TILES = 100;
/** A keyframe may land a little after its 2 s mark; a sliver shorter than this gets no tile. */
const TAIL_TOLERANCE_SECONDS = 0.05;

export type Storyboard = TranscodeOutput['storyboard'];

export interface StoryboardLayout {
  intervalSeconds: number;
  tileWidth: number;
  tileHeight: number;
  tiles: number;
  columns: number;
  rows: number;
}

export interface StoryboardInput {
  ffmpegPath: string;
  outputDir: string;
  /** The smallest rendition: decoding it is cheapest and its pictures are already small. */
  rendition: { name: string; width: number; height: number };
  durationSeconds: number;
  signal?: AbortSignal;
}

export async function buildStoryboard(input: StoryboardInput): Promise<Storyboard> {
  const { outputDir, rendition, durationSeconds } = input;
  const layout = storyboardLayout(durationSeconds, rendition);
  // A keyframe per tile, chosen by time: the ffmpeg ladder has one more at 1 s (fast start) that no tile wants.
  const minimumGap = layout.intervalSeconds - KEYFRAME_INTERVAL_SECONDS / 2;
  const filters = [`select='isnan(prev_selected_t)+gte(t-prev_selected_t,${minimumGap})'`, `scale=${layout.tileWidth}:${layout.tileHeight},setsar=1`, `tile=${layout.columns}x${layout.rows}`];
  const args = ['-y', '-skip_frame', 'nokey', ...(await renditionInput(outputDir, rendition.name)), '-an', '-vf', filters.join(','), '-frames:v', '1', '-q:v', '4', STORYBOARD_IMAGE];
  // In the output folder, which the input is named relative to (rendition-input.ts).
  await runFfmpeg(input.ffmpegPath, args, { cwd: outputDir, ...(input.signal ? { signal: input.signal } : {}) });
  return writeStoryboardIndex(outputDir, layout, durationSeconds);
}

/** Once the sprite is in `outputDir`: its WebVTT index beside it, and the storyboard that describes both. */
export async function writeStoryboardIndex(outputDir: string, layout: StoryboardLayout, durationSeconds: number): Promise<Storyboard> {
  await writeFile(join(outputDir, STORYBOARD_VTT), storyboardVtt(layout, durationSeconds));
  return {
    imagePath: STORYBOARD_IMAGE,
    vttPath: STORYBOARD_VTT,
    intervalSeconds: layout.intervalSeconds,
    tileWidth: layout.tileWidth,
    tileHeight: layout.tileHeight,
    columns: layout.columns,
    rows: layout.rows,
  };
}

export function storyboardLayout(durationSeconds: number, picture: { width: number; height: number }): StoryboardLayout {
  const step = KEYFRAME_INTERVAL_SECONDS;
  const intervalSeconds = Math.max(step, Math.ceil(durationSeconds / MAX_TILES / step) * step);
  const tiles = Math.max(1, Math.ceil((durationSeconds - TAIL_TOLERANCE_SECONDS) / intervalSeconds));
  const columns = Math.min(MAX_COLUMNS, tiles);
  const tileWidth = TILE_WIDTH;
  const tileHeight = Math.max(2, Math.round((tileWidth * picture.height) / picture.width / 2) * 2);
  return { intervalSeconds, tileWidth, tileHeight, tiles, columns, rows: Math.ceil(tiles / columns) };
}

/** One cue per tile; the last one runs to the end of the video. */
export function storyboardVtt(layout: StoryboardLayout, durationSeconds: number): string {
  const cues = Array.from({ length: layout.tiles }, (_, i) => {
    const start = i * layout.intervalSeconds;
    const end = i === layout.tiles - 1 ? durationSeconds : Math.min(durationSeconds, start + layout.intervalSeconds);
    const x = (i % layout.columns) * layout.tileWidth;
    const y = Math.floor(i / layout.columns) * layout.tileHeight;
    return `${vttTime(start)} --> ${vttTime(end)}\n${STORYBOARD_IMAGE}#xywh=${x},${y},${layout.tileWidth},${layout.tileHeight}`;
  });
  return `WEBVTT\n\n${cues.join('\n\n')}\n`;
}

function vttTime(seconds: number): string {
  const millis = Math.round(seconds * 1000);
  const h = Math.floor(millis / 3_600_000);
  const m = Math.floor((millis % 3_600_000) / 60_000);
  const s = Math.floor((millis % 60_000) / 1000);
  const ms = millis % 1000;
  return `${pad(h, 2)}:${pad(m, 2)}:${pad(s, 2)}.${pad(ms, 3)}`;
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}
