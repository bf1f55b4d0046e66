import { describe, expect, it } from 'vitest';
import { captionFileProblem, formatCueTime, nextRow, parseCueTime, rowsToCues, toRows } from './caption-editing.js';

describe('caption files', () => {
  it('takes .vtt and .srt files up to 2 MB and says why it refuses others', () => {
    expect(captionFileProblem({ name: 'Film.EN.SRT', size: 1000 })).toBeUndefined();
    expect(captionFileProblem({ name: 'notes.txt', size: 10 })).toBe('notes.txt is not a caption file: choose a .vtt (WebVTT) or .srt (SubRip) file.');
    expect(captionFileProblem({ name: 'huge.vtt', size: 3 * 1024 * 1024 })).toBe('huge.vtt is 3072 KB; a caption file can be at most 2048 KB.');
  });
});

describe('the caption editor', () => {
  it('shows times short and reads them back in every way a person types them', () => {
    expect(formatCueTime(62.5)).toBe('1:02.500');
    expect(formatCueTime(3600)).toBe('1:00:00.000');
    expect(parseCueTime('1:02.500')).toBe(62.5);
    expect(parseCueTime('1:00:00,250')).toBe(3600.25);
    expect(parseCueTime('12.5')).toBe(12.5);
    expect(parseCueTime('1:75')).toBeUndefined();
    expect(parseCueTime('soon')).toBeUndefined();
  });

  it('turns rows into cues, or says what is wrong with each row', () => {
    const rows = toRows([{ startSeconds: 1, endSeconds: 2, text: 'Hi' }]);
    expect(rowsToCues(rows)).toEqual({ cues: [{ startSeconds: 1, endSeconds: 2, text: 'Hi' }] });
    const bad = rowsToCues([...rows, { start: '0:05', end: '0:04', text: 'x' }, { start: 'x', end: '0:09', text: 'y' }, { start: '0:09', end: '0:10', text: ' ' }]);
    expect('problems' in bad && [...bad.problems]).toEqual([
      [1, 'The end 0:04 is not after the start 0:05.'],
      [2, '"x" is not a time: write it like 1:02.500.'],
      [3, 'Write the text, or remove the cue.'],
    ]);
  });

  it('adds a row where the last cue ends', () => {
    expect(nextRow(toRows([{ startSeconds: 1, endSeconds: 4.25, text: 'a' }]))).toEqual({ start: '0:04.250', end: '0:06.250', text: '' });
    expect(nextRow([])).toEqual({ start: '0:00.000', end: '0:02.000', text: '' });
  });
});
