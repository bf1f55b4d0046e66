// Turns recognised words (speech to text, with their times) into caption cues a viewer can read: a cue ends at a
// pause, at the end of a sentence (engines that punctuate, such as Amazon Transcribe), before it would last longer
// than a reader needs, or before its text would take more than two lines. Words
// are added one at a time as the recogniser prints them, so a two-hour film never has its words all in memory at once.
import type { CaptionCue } from '@ott/contracts';

export interface TimedWord {
  text: string;
  startSeconds: number;
  endSeconds: number;
}

/** Broadcast caption guidance (BBC, Netflix): two lines of at most 42 characters, a cue on screen at most ~7 s. */
export const CUE_LIMITS = { lineCharacters: 42, lines: 2, maxSeconds: 7, pauseSeconds: 0.6 } as const;
const SENTENCE_END = /[.!?…]$/;

export class CaptionCueGrouper {
  private readonly cues: CaptionCue[] = [];
  private words: TimedWord[] = [];

  add(word: TimedWord): void {
    const text = word.text.trim();
    if (text === '') return;
    const timed = { text, startSeconds: Math.max(0, word.startSeconds), endSeconds: Math.max(word.startSeconds, word.endSeconds) };
    const first = this.words[0];
    const last = this.words.at(-1);
    if (first && last) {
      const pause = timed.startSeconds - last.endSeconds >= CUE_LIMITS.pauseSeconds;
      const tooLong = timed.endSeconds - first.startSeconds > CUE_LIMITS.maxSeconds;
      const tooWide = wrapLines([...this.words, timed].map((w) => w.text)).length > CUE_LIMITS.lines;
      if (pause || tooLong || tooWide) this.flush();
    }
    this.words.push(timed);
    if (SENTENCE_END.test(text)) this.flush();
  }

  /** All of `words` as cues, when they are at hand at once (a transcript read whole). */
  static group(words: readonly TimedWord[]): CaptionCue[] {
    const grouper = new CaptionCueGrouper();
    for (const word of words) grouper.add(word);
    return grouper.finish();
  }

  /** Every cue, in time order; the grouper is empty afterwards. */
  finish(): CaptionCue[] {
    this.flush();
    return this.cues.splice(0);
  }

  private flush(): void {
    const first = this.words[0];
    const last = this.words.at(-1);
    if (!first || !last) return;
    const end = Math.max(last.endSeconds, first.startSeconds + 0.001);
    this.cues.push({ startSeconds: round(first.startSeconds), endSeconds: round(end), text: wrapLines(this.words.map((w) => w.text)).join('\n') });
    this.words = [];
  }
}

/** Greedy wrapping at word boundaries; a single word longer than a line keeps a line of its own. */
function wrapLines(words: readonly string[]): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of words) {
    if (line === '') line = word;
    else if (line.length + 1 + word.length <= CUE_LIMITS.lineCharacters) line += ` ${word}`;
    else {
      lines.push(line);
      line = word;
    }
  }
  if (line !== '') lines.push(line);
  return lines;
}

function round(seconds: number): number {
  return Math.round(seconds * 1000) / 1000;
}
