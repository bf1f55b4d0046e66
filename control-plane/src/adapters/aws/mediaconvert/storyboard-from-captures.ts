// The storyboard (scrubbing preview) of a MediaConvert transcode, from the job's own frame captures: one small JPEG per
// tile, captured at the tile's instant, tiled here into the same sprite and WebVTT the local shape builds by decoding
// its smallest rendition. Decoding a rendition here would pull its every segment through the worker; the captures are
// a few kilobytes each.
import path from 'node:path';
import type { TranscodeOutput } from '../../../ports.js';
import { runFfmpeg } from '../../../media/ffmpeg-process.js';
import type { LadderPlan } from '../../../media/plan-ladder.js';
import { STORYBOARD_IMAGE, storyboardLayout, writeStoryboardIndex, type StoryboardLayout } from '../../../media/storyboard.js';

/** The layout for the film's duration and its smallest rung's picture, as the local shape lays it out. */
export function storyboardLayoutFor(plan: LadderPlan, durationSeconds: number): StoryboardLayout {
  const smallest = plan.renditions.at(-1);
  if (!smallest) throw new Error('The ladder produced no renditions');
  return storyboardLayout(durationSeconds, smallest);
}

export interface TileInput {
  ffmpegPath: string;
  /** Holds the fetched captures as `tile-00000.jpg`, `tile-00001.jpg`, … in capture order. */
  tileDir: string;
  tiles: number;
  outputDir: string;
  plan: LadderPlan;
  durationSeconds: number;
}

export async function tileStoryboard(input: TileInput): Promise<TranscodeOutput['storyboard']> {
  const layout = storyboardLayoutFor(input.plan, input.durationSeconds);
  if (input.tiles === 0) throw new Error('MediaConvert wrote no storyboard captures');
  // Our own files, named by us, read through the file protocol only; a missing tile (a film shorter than probed)
  // leaves the sprite's last cells black.
  const args = [
    '-y',
    '-protocol_whitelist',
    'file',
    '-f',
    'image2',
    '-start_number',
    '0',
    '-i',
    `file:${path.join(input.tileDir, 'tile-%05d.jpg')}`,
    '-vf',
    `scale=${layout.tileWidth}:${layout.tileHeight},setsar=1,tile=${layout.columns}x${layout.rows}`,
    '-frames:v',
    '1',
    '-q:v',
    '4',
    `file:${path.join(input.outputDir, STORYBOARD_IMAGE)}`,
  ];
  await runFfmpeg(input.ffmpegPath, args);
  return writeStoryboardIndex(input.outputDir, layout, input.durationSeconds);
}
