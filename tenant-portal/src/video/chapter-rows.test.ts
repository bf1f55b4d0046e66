import { describe, expect, it } from 'vitest';
import { checkRows, rowsOf } from './chapter-rows.js';

describe('chapter rows', () => {
  it('turns valid rows into chapters, and chapters back into rows', () => {
    const rows = rowsOf([
      { startSeconds: 0, title: 'Intro' },
      { startSeconds: 92.5, title: 'Demo' },
    ]);
    expect(rows.map((row) => row.time)).toEqual(['0:00', '1:32.5']);
    expect(checkRows(rows, 300)).toEqual({
      ok: true,
      chapters: [
        { startSeconds: 0, title: 'Intro' },
        { startSeconds: 92.5, title: 'Demo' },
      ],
    });
  });

  it('says what is wrong with each row', () => {
    const check = checkRows(
      [
        { key: 1, time: '0:00', title: 'Intro' },
        { key: 2, time: '1:7', title: 'Typo' },
        { key: 3, time: '0:30', title: ' ' },
        { key: 4, time: '0:20', title: 'Back in time' },
        { key: 5, time: '9:00', title: 'Too late' },
      ],
      120,
    );
    expect(check.ok ? [] : [...check.problems]).toEqual([
      [2, 'Write the start as minutes:seconds, e.g. 1:05 or 1:02:03.'],
      [3, 'Give the chapter a title.'],
      [4, 'Start it after the chapter before (0:30).'],
      [5, 'Start it before the end of the video (2:00).'],
    ]);
  });
});
