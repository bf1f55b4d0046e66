// Clips: a new video made from a time range of a ready one.

/** Shorter clips are refused: a second is the least a player shows as a video (and a transcode is billed per minute). */
export const MIN_CLIP_SECONDS = 1;
