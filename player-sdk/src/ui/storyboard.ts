// Seek previews from the storyboard WebVTT the transcoder writes: each cue names a tile of a sprite image as
// `storyboard.jpg#xywh=x,y,w,h`, relative to the VTT.
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

const CUE_TIMING = /^\s*((?:\d+:)?\d{1,2}:\d{2}(?:\.\d+)?)\s+-->\s+((?:\d+:)?\d{1,2}:\d{2}(?:\.\d+)?)/;
const XYWH = /#xywh=(\d+),(\d+),(\d+),(\d+)\s*$/;

export function parseStoryboard(vtt: string, vttUrl: string): StoryboardTile[] {
  const tiles: StoryboardTile[] = [];
  const lines = vtt.split(/\r?\n/);
  for (let i = 0; i < lines.length; i += 1) {
    const timing = CUE_TIMING.exec(lines[i] ?? '');
    const payload = lines[i + 1]?.trim();
    if (!timing?.[1] || !timing[2] || !payload) continue;
    const box = XYWH.exec(payload);
    if (!box) continue;
    tiles.push({
      start: vttSeconds(timing[1]),
      end: vttSeconds(timing[2]),
      image: new URL(payload.slice(0, payload.indexOf('#')), vttUrl).href,
      x: Number(box[1]),
      y: Number(box[2]),
      width: Number(box[3]),
      height: Number(box[4]),
    });
  }
  return tiles;
}

/** The tile covering `time` (the last one before it when the cues leave a gap). */
export function tileAt(tiles: readonly StoryboardTile[], time: number): StoryboardTile | undefined {
  let low = 0;
  let high = tiles.length - 1;
  let found: StoryboardTile | undefined;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const tile = tiles[middle];
    if (!tile) break;
    if (tile.start <= time) {
      found = tile;
      low = middle + 1;
    } else high = middle - 1;
  }
  return found;
}

function vttSeconds(text: string): number {
  return text.split(':').reduce((total, part) => total * 60 + Number(part), 0);
}
