// Seek previews from the storyboard WebVTT the transcoder writes: each cue names a tile of a sprite image as
// `storyboard.jpg#xywh=x,y,w,h`, relative to the VTT.
import { parseVttCues } from './vtt-cues.js';

export interface StoryboardTile {
  start: number;
  end: number;
  /** Absolute URL of the sprite image, without the fragment. */
  image: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

const XYWH = /#xywh=(\d+),(\d+),(\d+),(\d+)\s*$/;

export function parseStoryboard(vtt: string, vttUrl: string): StoryboardTile[] {
  return parseVttCues(vtt).flatMap(({ start, end, text }) => {
    const box = XYWH.exec(text);
    return box ? [{ start, end, image: new URL(text.slice(0, text.indexOf('#')), vttUrl).href, x: Number(box[1]), y: Number(box[2]), width: Number(box[3]), height: Number(box[4]) }] : [];
  });
}
