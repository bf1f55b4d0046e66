// Timed words from a speech-to-text engine become caption cues a viewer can read: a cue ends at the end of a sentence,
// at a pause, or when it would be too long to read (the BBC and Netflix subtitle guidelines: at most two lines of 42
// characters, at most 7 seconds on screen).
import type { CaptionCue } from '@ott/contracts';

export interface TimedWord {
  /** A word, with the punctuation that follows it (`world.`). */
  text: string;
  startSeconds: number;
  endSeconds: number;
}

/** Two lines of 42 characters. */
export const MAX_CUE_CHARACTERS = 84;
export const MAX_CUE_SECONDS = 7;
/** Silence this long between two words starts a new cue: the speaker has paused. */
export const PAUSE_SECONDS = 1;
const SENTENCE_END = /[.!?…]$/;

export function groupWordsIntoCues(words: readonly TimedWord[]): CaptionCue[] {
  const cues: CaptionCue[] = [];
  let current: CaptionCue | undefined;
  for (const word of words) {
    const text = word.text.trim();
    if (text === '') continue;
    if (current) {
      const tooLong = current.text.length + 1 + text.length > MAX_CUE_CHARACTERS || word.endSeconds - current.startSeconds > MAX_CUE_SECONDS;
      if (tooLong || word.startSeconds - current.endSeconds >= PAUSE_SECONDS) {
        cues.push(current);
        current = undefined;
      }
    }
    if (current) {
      current.text += ` ${text}`;
      current.endSeconds = word.endSeconds;
    } else {
      current = { startSeconds: word.startSeconds, endSeconds: word.endSeconds, text };
    }
    if (SENTENCE_END.test(text)) {
      cues.push(current);
      current = undefined;
    }
  }
  if (current) cues.push(current);
  return cues;
}
