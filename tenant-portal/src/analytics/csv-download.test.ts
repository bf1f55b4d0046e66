import { describe, expect, it } from 'vitest';
import { csvOf } from './csv-download.js';

describe('csvOf', () => {
  it('quotes what needs quoting and defuses formulas', () => {
    expect(
      csvOf(
        ['value', 'views'],
        [
          ['Paris, FR', 3],
          ['say "hi"', null],
          ['=SUM(A1)', 1],
        ],
      ),
    ).toBe('value,views\r\n"Paris, FR",3\r\n"say ""hi""",\r\n\'=SUM(A1),1\r\n');
  });
});
