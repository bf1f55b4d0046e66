import { describe, expect, it } from 'vitest';
import { deltaOf, formatKbps, formatSecondsFromMs, formatShare, formatWatchTime } from './analytics-figures.js';

describe('analytics figures', () => {
  it('says each figure with its unit', () => {
    expect(formatWatchTime(3723)).toBe('1:02:03');
    expect(formatSecondsFromMs(850)).toBe('0.85 s');
    expect(formatSecondsFromMs(null)).toBe('–');
    expect(formatShare(0.125)).toBe('12.5 %');
    expect(formatKbps(2499.6)).toBe('2,500 kb/s');
  });

  it('compares counts relatively and shares in points, good news told from bad', () => {
    expect(deltaOf(120, 100)).toEqual({ text: '+20.0 %', better: true });
    expect(deltaOf(0.02, 0.01, { kind: 'share', higherIsBetter: false })).toEqual({ text: '+1.0 pts', better: false });
    expect(deltaOf(5, 0)).toEqual({ text: 'new', better: true });
    expect(deltaOf(0, 0)).toEqual({ text: 'no change' });
    expect(deltaOf(5, null)).toBeNull();
  });
});
