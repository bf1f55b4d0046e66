import { describe, expect, it } from 'vitest';
import { analyticsQueryOf, analyticsSearch, DEFAULT_ANALYTICS_VIEW, parseAnalyticsView, withFilter, withoutFilter } from './analytics-view.js';

const VIDEO = '0b5e4c1a-8f2d-4e7b-9c3a-1d2e3f4a5b6c';

describe('the analytics view in the address', () => {
  it('opens on the last 7 days compared with the 7 before, by country', () => {
    expect(parseAnalyticsView('')).toEqual(DEFAULT_ANALYTICS_VIEW);
    expect(analyticsSearch(DEFAULT_ANALYTICS_VIEW)).toBe('');
  });

  it('reads back every choice it wrote', () => {
    const view = withFilter(
      withFilter({ preset: 'custom', fromDay: '2026-11-01', toDay: '2026-11-30', compare: false, dimension: 'os', filters: {}, videoId: VIDEO }, 'country', 'FR'),
      'country',
      'DE',
    );
    const search = analyticsSearch(view);
    expect(search).toBe(`?range=custom&from=2026-11-01&to=2026-11-30&compare=0&by=os&country=FR&country=DE&video=${VIDEO}`);
    expect(parseAnalyticsView(search)).toEqual(view);
  });

  it('falls back to the default for what it cannot read (a stale or edited bookmark still opens)', () => {
    expect(parseAnalyticsView('?range=90d&by=planet&video=nope')).toEqual(DEFAULT_ANALYTICS_VIEW);
    expect(parseAnalyticsView('?range=custom&from=2026-12-01&to=2026-11-01').preset).toBe('7d');
  });

  it('asks for a custom range up to the end of its last day', () => {
    const query = analyticsQueryOf({ ...DEFAULT_ANALYTICS_VIEW, preset: 'custom', fromDay: '2026-11-01', toDay: '2026-11-30' });
    expect(query.range).toEqual({ preset: 'custom', from: '2026-11-01T00:00:00Z', to: '2026-12-01T00:00:00.000Z' });
  });

  it('drops a filter once its last value is removed', () => {
    const view = withFilter(DEFAULT_ANALYTICS_VIEW, 'browser', 'Firefox');
    expect(analyticsQueryOf(view).filters).toEqual({ browser: ['Firefox'] });
    expect(withoutFilter(view, 'browser', 'Firefox').filters).toEqual({});
  });
});
