// `ott usage`: what the workspace used, day by day (transcode minutes, egress, storage, plays), the invoice
// preview for the current billing period, and what each video costs.
import { formatBytes, formatCents } from '@ott/contracts';
import { createAdminClient, type ApiClient } from '../api-client.js';
import type { CliContext } from '../cli-context.js';
import { UsageError } from '../cli-error.js';
import { defineCommand } from '../command.js';
import { renderTable } from '../format.js';

export type UsageByDay = Awaited<ReturnType<ApiClient['usage']['summary']['query']>>;
export type InvoicePreview = Awaited<ReturnType<ApiClient['billing']['preview']['query']>>;
export type VideoUsage = Awaited<ReturnType<ApiClient['usage']['byVideo']['query']>>['videos'][number];

export interface UsageReport {
  usage: UsageByDay;
  invoicePreview: InvoicePreview;
  videos: VideoUsage[];
}

export async function usageReport(ctx: CliContext, days: number, client: ApiClient = createAdminClient(ctx)): Promise<UsageReport> {
  const [usage, invoicePreview, byVideo] = await Promise.all([client.usage.summary.query({ days }), client.billing.preview.query(), client.usage.byVideo.query({ days })]);
  return { usage, invoicePreview, videos: byVideo.videos };
}

export const usageCommand = defineCommand({
  name: 'usage',
  summary: 'Show usage by day, the invoice preview for this billing period, and the cost of each video',
  flags: {
    days: { type: 'string', value: '<n>', help: 'how many days back, today included (1 to 366; default 7)' },
    json: { type: 'boolean', help: 'print {usage, invoicePreview, videos} as JSON' },
  },
  description: ['Quantities are in billing units: normalised transcode minutes, GB (10^9 bytes) delivered,', 'GB-hours stored. Days are UTC.'],
  examples: ['ott usage', 'ott usage --days 30', 'ott usage --json | jq .invoicePreview.totalCents'],
  async run({ flags }, ctx) {
    const days = parseDays(flags.days);
    const report = await usageReport(ctx, days);
    if (flags.json) {
      ctx.stdout.write(`${JSON.stringify(report)}\n`);
      return 0;
    }
    ctx.stdout.write(`${renderUsage(report, days)}`);
    return 0;
  },
});

function parseDays(value: string | undefined): number {
  if (value === undefined) return 7;
  const days = Number(value);
  if (!/^\d+$/.test(value) || days < 1 || days > 366) throw new UsageError(`--days must be a whole number from 1 to 366 (got "${value}")`, 'usage');
  return days;
}

export function renderUsage(report: UsageReport, days: number): string {
  const { usage, invoicePreview: invoice, videos } = report;
  const dayRows = usage.days.map((day) => [day.day, minutes(day.transcodeMinutes), gigabytes(day.egressGB), number(day.storageSourceGBHours + day.storageRenditionGBHours), String(day.plays)]);
  const totals = usage.totals;
  const byDay = renderTable(
    ['DAY (UTC)', 'TRANSCODE MIN', 'EGRESS', 'STORED GB-H', 'PLAYS'],
    [...dayRows, ['total', minutes(totals.transcodeMinutes), gigabytes(totals.egressGB), number(totals.storageSourceGBHours + totals.storageRenditionGBHours), String(totals.plays)]],
  );

  const lineRows = invoice.lines.map((line) =>
    line.kind === 'fee'
      ? [line.description, '', '', '', formatCents(line.amountCents)]
      : [line.description, `${number(line.quantity)} ${line.unit}`, number(line.included), line.unitPrice ? number(line.billable) : 'not sold', formatCents(line.amountCents)],
  );
  const preview = renderTable(['ITEM', 'USED', 'INCLUDED', 'BILLABLE', 'AMOUNT'], [...lineRows, ['total so far', '', '', '', formatCents(invoice.totalCents)]]);

  const videoRows = videos.map((video) => [
    video.videoId,
    video.title ?? '(deleted)',
    minutes(video.transcodeMinutes),
    gigabytes(video.egressGB),
    String(video.plays),
    gigabytes(video.storedGB),
    formatCents(video.costCents.total),
  ]);
  const perVideo = videos.length === 0 ? 'No videos yet.\n' : renderTable(['VIDEO', 'TITLE', 'TRANSCODE MIN', 'EGRESS', 'PLAYS', 'STORED', 'COST'], videoRows);

  return [
    `Usage, last ${days} day${days === 1 ? '' : 's'}:`,
    byDay,
    `Invoice preview, ${invoice.plan.name} plan, ${day(invoice.period.startsAt)} to ${day(invoice.period.endsAt)} (usage recorded so far):`,
    preview,
    `Cost per video, last ${days} day${days === 1 ? '' : 's'} (at your plan's usage prices, before what the plan includes; storage for a month):`,
    perVideo,
  ].join('\n');
}

function day(value: string | Date): string {
  return new Date(value).toISOString().slice(0, 10);
}

/** Up to three decimals; an amount too small for them keeps two significant digits rather than showing as 0. */
function number(value: number): string {
  if (value !== 0 && Math.abs(value) < 0.001) return value.toPrecision(2);
  return value.toLocaleString('en-US', { maximumFractionDigits: 3 });
}

function minutes(value: number): string {
  return value !== 0 && Math.abs(value) < 0.01 ? value.toPrecision(2) : value.toLocaleString('en-US', { maximumFractionDigits: 2 });
}

/** Decimal units, as billed: 1 GB is 10^9 bytes. */
function gigabytes(gb: number): string {
  return formatBytes(gb * 1e9);
}
