// Analytics panels as CSV: quoted where a cell holds a comma, a quote or a line break, and never run as a formula
// when a spreadsheet opens the file (a title is the tenant's own text).
import { describe, expect, it } from 'vitest';
import { topVideosCsv } from '../src/analytics-csv.js';

describe('analytics CSV', () => {
  it('quotes what needs quoting and defuses formulas', () => {
    const csv = topVideosCsv({
      period: { from: '2026-11-01T00:00:00.000Z', to: '2026-12-01T00:00:00.000Z' },
      videos: [
        { videoId: 'a', title: 'Dogs, cats and "friends"', views: 3, watchSeconds: 12.5, completionRate: 0.3333 },
        { videoId: 'b', title: '=HYPERLINK("https://evil.example")', views: 1, watchSeconds: 4, completionRate: 0 },
        { videoId: 'c', title: 'Two\nlines', views: 0, watchSeconds: 0, completionRate: 0 },
      ],
    });
    expect(csv.split('\r\n')).toEqual([
      'videoId,title,views,watchSeconds,completionRate',
      'a,"Dogs, cats and ""friends""",3,12.5,0.3333',
      `b,"'=HYPERLINK(""https://evil.example"")",1,4,0`,
      'c,"Two\nlines",0,0,0',
      '',
    ]);
  });
});
