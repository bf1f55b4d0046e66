// Recognised words become cues a viewer can read: a new cue at a pause, before a cue would outlast 7 s, and before
// its text would need a third line of 42 characters; pocketsphinx's markers and alternate pronunciations are dropped.
import { describe, expect, it } from 'vitest';
import { spokenWord } from '../../src/adapters/local/pocketsphinx-speech-to-text.js';
import { CaptionCueGrouper, CUE_LIMITS, type TimedWord } from '../../src/media/caption-cue-grouper.js';

/** Words of `seconds` each, back to back from `start`. */
function speech(text: string, start: number, seconds = 0.3): TimedWord[] {
  return text.split(' ').map((word, i) => ({ text: word, startSeconds: start + i * seconds, endSeconds: start + (i + 1) * seconds }));
}

function group(words: readonly TimedWord[]) {
  const grouper = new CaptionCueGrouper();
  for (const word of words) grouper.add(word);
  return grouper.finish();
}

describe('caption cues from recognised words', () => {
  it('starts a new cue at a pause', () => {
    const cues = group([...speech('good morning', 1), ...speech('and welcome', 3)]);
    expect(cues).toEqual([
      { startSeconds: 1, endSeconds: 1.6, text: 'good morning' },
      { startSeconds: 3, endSeconds: 3.6, text: 'and welcome' },
    ]);
  });

  it('keeps every cue within 7 seconds and two lines of 42 characters, in time order, losing no word', () => {
    const text = 'the city council met today to discuss the new budget for schools and roads and the mayor said the plan would create jobs across the region for many families';
    const slow = group(speech(text, 0, 0.9));
    const fast = group(speech(text, 0, 0.2));
    for (const cues of [slow, fast]) {
      expect(cues.map((cue) => cue.text.replace(/\n/g, ' ')).join(' ')).toBe(text);
      for (const [i, cue] of cues.entries()) {
        expect(cue.endSeconds - cue.startSeconds).toBeLessThanOrEqual(CUE_LIMITS.maxSeconds);
        const lines = cue.text.split('\n');
        expect(lines.length).toBeLessThanOrEqual(CUE_LIMITS.lines);
        for (const line of lines) expect(line.length).toBeLessThanOrEqual(CUE_LIMITS.lineCharacters);
        if (i > 0) expect(cue.startSeconds).toBeGreaterThanOrEqual(cues[i - 1]?.endSeconds ?? 0);
      }
    }
    expect(fast[0]?.text.split('\n')).toHaveLength(2);
  });

  it('reads pocketsphinx word lines, dropping markers and pronunciation numbers', () => {
    expect(spokenWord('one(2) 6.520 6.910 0.459328')).toEqual({ text: 'one', startSeconds: 6.52, endSeconds: 6.91 });
    for (const line of ['<s> 0.000 0.620 0.998801', '</s> 5.920 6.260 1.000000', '<sil> 1.050 1.490 0.999300', '[NOISE] 2.0 2.5 0.9', '++BREATH++ 3.0 3.2 0.8', 'we got on with the old', '']) {
      expect(spokenWord(line)).toBeUndefined();
    }
  });
});
