// The dashboard's figures as it shows them, each with its unit: counts, watch time (h:mm:ss), seconds, shares (%),
// bitrates (kb/s), and how a figure moved since the previous period.
import { formatDay, formatDuration } from '../format/format.js';

export function formatCount(value: number): string {
  return Math.round(value).toLocaleString('en-US');
}

/** Watch time, however long: 0:42, 12:05, 1:02:03 (hours are not folded into days). */
export function formatWatchTime(seconds: number): string {
  return formatDuration(seconds);
}

/** Milliseconds as seconds with two decimals: 0.85 s. */
export function formatSecondsFromMs(ms: number | null): string {
  return ms === null ? '–' : `${(ms / 1000).toFixed(2)} s`;
}

/** A share (0–1) as a percentage with one decimal: 12.5 %. */
export function formatShare(fraction: number): string {
  return `${(fraction * 100).toFixed(1)} %`;
}

export function formatKbps(kbps: number | null): string {
  return kbps === null ? '–' : `${Math.round(kbps).toLocaleString('en-US')} kb/s`;
}

export function formatPerHour(value: number): string {
  return `${value.toFixed(1)} /h`;
}

export interface Delta {
  /** "+12.0 %", "−3.1 pts", "new", "no change". */
  text: string;
  /** Whether the move is good news (more views, less rebuffering); undefined when nothing moved. */
  better?: boolean;
}

/**
 * How a figure moved since the previous period: counts and times as a relative change, shares (`kind: 'share'`) in
 * percentage points (a failure rate from 1 % to 2 % is +1 pt, not +100 %).
 */
export function deltaOf(current: number | null, previous: number | null, options: { kind?: 'amount' | 'share'; higherIsBetter?: boolean } = {}): Delta | null {
  if (current === null || previous === null) return null;
  const higherIsBetter = options.higherIsBetter ?? true;
  const change = options.kind === 'share' ? (current - previous) * 100 : previous === 0 ? null : ((current - previous) / previous) * 100;
  if (change === null) return current === 0 ? { text: 'no change' } : { text: 'new', better: higherIsBetter };
  if (Math.abs(change) < 0.05) return { text: 'no change' };
  const sign = change > 0 ? '+' : '−';
  return { text: `${sign}${Math.abs(change).toFixed(1)} ${options.kind === 'share' ? 'pts' : '%'}`, better: change > 0 === higherIsBetter };
}

/** A time bucket's start (UTC, as the rollups count): "Nov 21" for days, "Nov 21 14:00" for hours, "14:05" for minutes. */
export function formatBucket(iso: string | number, granularity: 'minute' | 'hour' | 'day'): string {
  const at = new Date(iso);
  if (granularity === 'day') return formatDay(at);
  const time = at.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit', timeZone: 'UTC' });
  return granularity === 'hour' ? `${formatDay(at)} ${time}` : time;
}
