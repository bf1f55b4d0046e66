import { describe, expect, it } from 'vitest';
import { parseClipTime } from '../src/clips.js';

describe('parseClipTime', () => {
  it('reads seconds, m:ss and h:mm:ss, with decimals', () => {
    expect(parseClipTime('75')).toBe(75);
    expect(parseClipTime(' 75.5 ')).toBe(75.5);
    expect(parseClipTime('1:15')).toBe(75);
    expect(parseClipTime('1:01:15.25')).toBe(3675.25);
  });

  it('refuses anything else', () => {
    for (const text of ['', 'ten', '-3', '1:2:3:4', '1.5.2', '1e3', ':30']) expect(parseClipTime(text), text).toBeUndefined();
  });
});
