// The usage page's figures: how many days the billing period has run, the four usage metrics as the chart and
// the table show them, and the height of the chart's bars.
import type { UsageAmounts } from '../api/api-types.js';
import { formatBytes, formatDay, formatQuantity } from '../format/format.js';

export type UsageMetric = 'transcodeMinutes' | 'egressGB' | 'storageGBHours' | 'plays';

export interface UsageMetricView {
  /** A column heading and the chart's choice: "Transcode minutes". */
  label: string;
  value: (amounts: UsageAmounts) => number;
  format: (value: number) => string;
}

export const USAGE_METRICS: Record<UsageMetric, UsageMetricView> = {
  transcodeMinutes: { label: 'Transcode minutes', value: (amounts) => amounts.transcodeMinutes, format: (value) => `${formatQuantity(value)} min` },
  // Delivered bytes in decimal units, as billed: 1 GB is 10^9 bytes.
  egressGB: { label: 'Delivery', value: (amounts) => amounts.egressGB, format: (value) => formatBytes(value * 1e9) },
  storageGBHours: { label: 'Storage GB-hours', value: (amounts) => amounts.storageSourceGBHours + amounts.storageRenditionGBHours, format: (value) => `${formatQuantity(value)} GB-h` },
  plays: { label: 'Plays', value: (amounts) => amounts.plays, format: (value) => formatQuantity(value) },
};

export const USAGE_METRIC_ORDER = Object.keys(USAGE_METRICS) as UsageMetric[];

const DAY_MS = 86_400_000;

/**
 * The UTC days from the start of the billing period to the server's `asOf`, both included: the `days` the usage
 * procedures take. The server's clock, not the browser's, so a wrong clock on the laptop cannot shift the period.
 */
export function periodDays(periodStartsAt: string | Date, asOf: string | Date): number {
  const start = Math.floor(new Date(periodStartsAt).getTime() / DAY_MS);
  const today = Math.floor(new Date(asOf).getTime() / DAY_MS);
  return Math.min(366, Math.max(1, today - start + 1));
}

export function hasUsage(amounts: UsageAmounts): boolean {
  return USAGE_METRIC_ORDER.some((metric) => USAGE_METRICS[metric].value(amounts) > 0);
}

/** A bar with any usage stays visible beside a day a thousand times larger. */
const MIN_VISIBLE_PERCENT = 2;

/** Bar heights in percent of the tallest day; zero stays zero. */
export function barHeights(values: readonly number[]): number[] {
  const max = Math.max(0, ...values);
  return values.map((value) => (max > 0 && value > 0 ? Math.max(MIN_VISIBLE_PERCENT, (value / max) * 100) : 0));
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
