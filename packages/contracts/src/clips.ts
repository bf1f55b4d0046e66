// Clips: a new video made from a time range of a ready one.

/** Shorter clips are refused: a second is the least a player shows as a video (and a transcode is billed per minute). */
export const MIN_CLIP_SECONDS = 1;

/** A time as people type it: `75`, `75.5`, `1:15`, `1:01:15.5` → seconds; undefined when it is none of these. */
export function parseClipTime(text: string): number | undefined {
  const value = text.trim();
  if (!/^(\d+:){0,2}\d+(\.\d+)?$/.test(value)) return undefined;
  return value.split(':').reduce((total, part) => total * 60 + Number(part), 0);
}
