// Chapters from the video's chapters WebVTT (cue text = the chapter's title), in time order.
import type { Chapter } from '../events.js';
import { parseVttCues } from './vtt-cues.js';

export function parseChapters(vtt: string): Chapter[] {
  return parseVttCues(vtt)
    .sort((a, b) => a.start - b.start)
    .map(({ start, end, text }, index) => ({ index, start, end, title: text.replace(/\s*\n\s*/g, ' ') }));
}
