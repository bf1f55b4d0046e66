import { describe, expect, it } from 'vitest';
import { formatChapterTime, parseChapterList, parseChapterTime } from '../src/chapter-list.js';

describe('parseChapterList', () => {
  it('reads a plain chapter file', () => {
    expect(parseChapterList('00:00 Intro\n01:30 The problem\n1:02:03.5 Q&A\n')).toEqual({
      ok: true,
      chapters: [
        { startSeconds: 0, title: 'Intro' },
        { startSeconds: 90, title: 'The problem' },
        { startSeconds: 3723.5, title: 'Q&A' },
      ],
    });
  });

  it('reads a YouTube description: separators, brackets, times at the end, prose skipped', () => {
    const description = [
      'In this video we build a ladder.',
      '',
      'Chapters:',
      '0:00 - Welcome',
      '[2:15] Setting up',
      '(10:00) – Encoding',
      'Wrap-up | 12:30',
      '1. Subscribe for more',
      'Thanks for watching!',
    ].join('\r\n');
    expect(parseChapterList(description)).toEqual({
      ok: true,
      chapters: [
        { startSeconds: 0, title: 'Welcome' },
        { startSeconds: 135, title: 'Setting up' },
        { startSeconds: 600, title: 'Encoding' },
        { startSeconds: 750, title: 'Wrap-up' },
      ],
    });
  });

  it('names the line that looks like a chapter but is not one', () => {
    expect(parseChapterList('00:00 Intro\n01:7O Typo')).toEqual({ ok: false, message: 'Line 2 ("01:7O Typo") does not start with a time like 1:05 or 01:02:03.' });
    expect(parseChapterList('0:00 Intro\n1:75 Late')).toEqual({ ok: false, message: 'Line 2 ("1:75 Late") has an impossible time: minutes and seconds go up to 59.' });
    expect(parseChapterList('0:00 Intro\n\n2:00 -')).toEqual({ ok: false, message: 'Line 3 ("2:00 -") has a time but no title.' });
    expect(parseChapterList('Just a description.\n')).toEqual({ ok: false, message: 'No chapters found: write one chapter a line, starting with its time, for example "00:00 Intro".' });
  });
});

describe('formatChapterTime', () => {
  it('writes times parseChapterList reads back', () => {
    expect([0, 5, 90, 3723.5, 59.9996, 600.25].map(formatChapterTime)).toEqual(['0:00', '0:05', '1:30', '1:02:03.5', '1:00', '10:00.25']);
    const text = [0, 90, 3723.5].map((start, index) => `${formatChapterTime(start)} Chapter ${index + 1}`).join('\n');
    expect(parseChapterList(text)).toEqual({ ok: true, chapters: [0, 90, 3723.5].map((startSeconds, index) => ({ startSeconds, title: `Chapter ${index + 1}` })) });
  });
});

describe('parseChapterTime', () => {
  it('reads one time, and nothing else', () => {
    expect(['0:00', ' 1:30 ', '01:02:03.5', '75:00', '1:60', '1:2', 'abc', '1:00:60'].map(parseChapterTime)).toEqual([0, 90, 3723.5, 4500, undefined, undefined, undefined, undefined]);
  });
});
