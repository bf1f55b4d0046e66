import { describe, expect, it } from 'vitest';
import type { UsageDay } from '../api/api-types.js';
import { chartSummary, hasUsage, USAGE_METRICS } from './usage-figures.js';

const day = (date: string, amounts: Partial<UsageDay> = {}): UsageDay => ({
  day: date,
  transcodeMinutes: 0,
  egressGB: 0,
  storageSourceGBHours: 0,
  storageRenditionGBHours: 0,
  plays: 0,
  previewPlays: 0,
  previewEgressGB: 0,
  ...amounts,
});

describe('the usage metrics', () => {
  it('adds both storage classes, and shows delivery in decimal units', () => {
    const amounts = day('2026-11-02', { storageSourceGBHours: 1.5, storageRenditionGBHours: 2, egressGB: 0.00012 });
    expect(USAGE_METRICS.storageGBHours.format(USAGE_METRICS.storageGBHours.value(amounts))).toBe('3.5 GB-h');
    expect(USAGE_METRICS.egressGB.format(USAGE_METRICS.egressGB.value(amounts))).toBe('120 KB');
    expect(USAGE_METRICS.transcodeMinutes.format(0.25)).toBe('0.25 min');
  });

  it('tells a day with any usage from an empty one', () => {
    expect(hasUsage(day('2026-11-02'))).toBe(false);
    expect(hasUsage(day('2026-11-02', { storageRenditionGBHours: 0.001 }))).toBe(true);
    expect(hasUsage(day('2026-11-02', { plays: 1 }))).toBe(true);
    expect(hasUsage(day('2026-11-02', { previewPlays: 1 }))).toBe(true);
  });
});

describe('chartSummary', () => {
  it('says the total and the busiest day', () => {
    const days = [day('2026-11-01', { transcodeMinutes: 1 }), day('2026-11-02', { transcodeMinutes: 4.5 }), day('2026-11-03')];
    expect(chartSummary('transcodeMinutes', days)).toBe('Transcoding (normalised minutes) by day, Nov 1 to Nov 3: 5.5 min in all, most on Nov 2 (4.5 min).');
  });

  it('says when there is nothing yet', () => {
    expect(chartSummary('plays', [day('2026-11-01')])).toBe('Viewer plays by day, Nov 1 to Nov 1: none yet.');
    expect(chartSummary('plays', [])).toBe('Viewer plays by day: no days yet.');
  });
});
