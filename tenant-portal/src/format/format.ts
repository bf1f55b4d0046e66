// Numbers and dates as the portal shows them. Sizes and money use the server's own rules (decimal units,
// `$1,234.56`), so a figure on screen and one in an API message or an invoice read alike.
export { formatBytes } from '@ott/control-plane/src/domain/billing/plans';
export { formatCents } from '@ott/control-plane/src/domain/billing/money';

/** 0:05, 1:02:03 */
export function formatDuration(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds)) return '–';
  const whole = Math.round(seconds);
  const [h, m, s] = [Math.floor(whole / 3600), Math.floor((whole % 3600) / 60), whole % 60];
  const pad = (n: number) => String(n).padStart(2, '0');
  return h > 0 ? `${h}:${pad(m)}:${pad(s)}` : `${m}:${pad(s)}`;
}

export function formatDate(iso: string | Date): string {
  return new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

/** A UTC calendar day (usage days and billing periods are UTC): `Nov 21`, or `Nov 21, 2026` with the year. */
export function formatDay(iso: string | Date, options: { year?: boolean; locale?: string } = {}): string {
  return new Date(iso).toLocaleDateString(options.locale, { month: 'short', day: 'numeric', ...(options.year ? { year: 'numeric' } : {}), timeZone: 'UTC' });
}

/** A billing period, its end exclusive: `Nov 1 – 30, 2026`. */
export function formatPeriod(period: { startsAt: string | Date; endsAt: string | Date }, locale?: string): string {
  const start = new Date(period.startsAt);
  const lastDay = new Date(Math.max(start.getTime(), new Date(period.endsAt).getTime() - 1));
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).formatRange(start, lastDay);
}

/** Up to three decimals; an amount too small for them keeps two significant digits rather than showing as 0. */
export function formatQuantity(value: number): string {
  if (value !== 0 && Math.abs(value) < 0.001) return value.toPrecision(2);
  return value.toLocaleString('en-US', { maximumFractionDigits: 3 });
}

export function formatBitrate(bitsPerSecond: number): string {
  return bitsPerSecond >= 1_000_000 ? `${(bitsPerSecond / 1_000_000).toFixed(1)} Mb/s` : `${Math.round(bitsPerSecond / 1000)} kb/s`;
}

export function percent(fraction: number): string {
  return `${Math.floor(Math.min(1, Math.max(0, Number.isFinite(fraction) ? fraction : 0)) * 100)}%`;
}
