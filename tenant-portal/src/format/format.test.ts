import { describe, expect, it } from 'vitest';
import { formatDay, formatPeriod, formatQuantity } from './format.js';

describe('formatQuantity', () => {
  it('keeps up to three decimals and groups thousands', () => {
    expect(formatQuantity(0)).toBe('0');
    expect(formatQuantity(12)).toBe('12');
    expect(formatQuantity(1234.56789)).toBe('1,234.568');
  });

  it('shows a tiny amount with two significant digits instead of 0', () => {
    expect(formatQuantity(0.0004)).toBe('0.00040');
    expect(formatQuantity(0.000123456)).toBe('0.00012');
  });
});

describe('billing days and periods (UTC, whatever the browser’s time zone)', () => {
  it('names the UTC day of an ISO date', () => {
    expect(formatDay('2026-11-21', { locale: 'en-US' })).toBe('Nov 21');
    expect(formatDay('2026-11-21T23:30:00.000Z', { locale: 'en-US', year: true })).toBe('Nov 21, 2026');
  });

  it('shows a period by its first and last day, the end being exclusive', () => {
    // ICU puts thin spaces around the dash.
    const period = (startsAt: string, endsAt: string) => formatPeriod({ startsAt, endsAt }, 'en-US').replace(/\s/g, ' ');
    expect(period('2026-11-01T00:00:00.000Z', '2026-12-01T00:00:00.000Z')).toBe('Nov 1 – 30, 2026');
    expect(period('2026-12-01T00:00:00.000Z', '2027-01-01T00:00:00.000Z')).toBe('Dec 1 – 31, 2026');
  });
});
