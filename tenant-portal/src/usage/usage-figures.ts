// The usage page's figures: the usage metrics as the chart and the table show them (with the chart's axis label),
// and the chart said in a sentence.
import type { UsageAmounts } from '../api/api-types.js';
import { formatBytes, formatDay, formatQuantity } from '../format/format.js';

export type UsageMetric = 'transcodeMinutes' | 'egressGB' | 'storageGBHours' | 'plays' | 'previewPlays';

export interface UsageMetricView {
  /** A column heading and the chart's choice: "Viewer plays". */
  label: string;
  /** The chart's value axis, with its unit. */
  axis: string;
  value: (amounts: UsageAmounts) => number;
  format: (value: number) => string;
}

export const USAGE_METRICS: Record<UsageMetric, UsageMetricView> = {
  transcodeMinutes: { label: 'Transcoding (normalised minutes)', axis: 'Normalised minutes', value: (amounts) => amounts.transcodeMinutes, format: (value) => `${formatQuantity(value)} min` },
  // Delivered bytes in decimal units, as billed: 1 GB is 10^9 bytes.
  egressGB: { label: 'Delivery', axis: 'Delivered data', value: (amounts) => amounts.egressGB, format: (value) => formatBytes(value * 1e9) },
  storageGBHours: {
    label: 'Storage GB-hours',
    axis: 'Stored (GB-hours)',
    value: (amounts) => amounts.storageSourceGBHours + amounts.storageRenditionGBHours,
    format: (value) => `${formatQuantity(value)} GB-h`,
  },
  plays: { label: 'Viewer plays', axis: 'Plays', value: (amounts) => amounts.plays, format: (value) => formatQuantity(value) },
  previewPlays: { label: 'Your previews', axis: 'Previews', value: (amounts) => amounts.previewPlays, format: (value) => formatQuantity(value) },
};

export const USAGE_METRIC_ORDER = Object.keys(USAGE_METRICS) as UsageMetric[];

export function hasUsage(amounts: UsageAmounts): boolean {
  return USAGE_METRIC_ORDER.some((metric) => USAGE_METRICS[metric].value(amounts) > 0);
}

/** The chart said in a sentence, for screen readers: total, and the busiest day. */
export function chartSummary(metric: UsageMetric, days: readonly (UsageAmounts & { day: string })[]): string {
  const view = USAGE_METRICS[metric];
  const first = days[0];
  const last = days[days.length - 1];
  if (!first || !last) return `${view.label} by day: no days yet.`;
  const span = `${view.label} by day, ${formatDay(first.day)} to ${formatDay(last.day)}`;
  let busiest = first;
  for (const day of days) if (view.value(day) > view.value(busiest)) busiest = day;
  if (view.value(busiest) === 0) return `${span}: none yet.`;
  const total = days.reduce((sum, day) => sum + view.value(day), 0);
  return `${span}: ${view.format(total)} in all, most on ${formatDay(busiest.day)} (${view.format(view.value(busiest))}).`;
}
