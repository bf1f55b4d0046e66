// Each analytics panel as CSV, for the REST API's `?format=csv` and the portal's export buttons: one header row,
// then one row per point, value or video. Cells that a spreadsheet would run as a formula (=, +, -, @ first) are
// prefixed with a quote (a video title is the tenant's own text, but the file is opened by people).
import type { AnalyticsBreakdown, AnalyticsOverview, AnalyticsQoeDetail, AnalyticsRetention, AnalyticsTimeSeries, AnalyticsTopVideos, EngagementTotals, QoeTotals } from './analytics.js';
import { STARTUP_HISTOGRAM_BOUNDS_MS } from './analytics.js';

type Cell = string | number | null;

export function toCsv(header: readonly string[], rows: readonly (readonly Cell[])[]): string {
  return `${[header, ...rows].map((row) => row.map(cell).join(',')).join('\r\n')}\r\n`;
}

function cell(value: Cell): string {
  if (value === null) return '';
  const text = typeof value === 'number' ? String(value) : /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

const ENGAGEMENT: (keyof EngagementTotals)[] = ['views', 'uniqueViewers', 'watchSeconds', 'averageViewSeconds', 'completionRate'];
const QOE: (keyof QoeTotals)[] = ['sessions', 'startupP50Ms', 'startupP95Ms', 'rebufferRatio', 'rebuffersPerHour', 'failureRate', 'averageBitrateKbps'];

/** One row per figure: its value over the period and, when compared, over the previous one. */
export function overviewCsv(overview: AnalyticsOverview): string {
  const rows: Cell[][] = [
    ...ENGAGEMENT.map((name) => [name, overview.engagement[name], overview.previousEngagement?.[name] ?? null]),
    ...QOE.map((name) => [name, overview.qoe[name], overview.previousQoe?.[name] ?? null]),
    ['concurrentViewersNow', overview.concurrentViewersNow, null],
  ];
  return toCsv(['figure', `${overview.period.from}/${overview.period.to}`, overview.previousPeriod ? `${overview.previousPeriod.from}/${overview.previousPeriod.to}` : 'previous'], rows);
}

export function timeSeriesCsv(series: AnalyticsTimeSeries): string {
  const previous = series.previousPoints;
  return toCsv(
    ['at', 'views', 'watchSeconds', 'startupP50Ms', 'rebufferRatio', 'failures', ...(previous ? ['previousAt', 'previousViews', 'previousWatchSeconds'] : [])],
    series.points.map((point, index) => {
      const before = previous?.[index];
      return [
        point.at,
        point.views,
        point.watchSeconds,
        point.startupP50Ms,
        point.rebufferRatio,
        point.failures,
        ...(previous ? [before?.at ?? null, before?.views ?? null, before?.watchSeconds ?? null] : []),
      ];
    }),
  );
}

export function retentionCsv(retention: AnalyticsRetention): string {
  return toCsv(
    ['second', 'share'],
    retention.points.map(([second, share]) => [second, share]),
  );
}

export function breakdownCsv(breakdown: AnalyticsBreakdown): string {
  return toCsv(
    [breakdown.dimension, 'views', 'watchSeconds', 'startupP50Ms', 'rebufferRatio', 'failureRate'],
    breakdown.rows.map((row) => [row.value, row.views, row.watchSeconds, row.startupP50Ms, row.rebufferRatio, row.failureRate]),
  );
}

export function topVideosCsv(top: AnalyticsTopVideos): string {
  return toCsv(
    ['videoId', 'title', 'views', 'watchSeconds', 'completionRate'],
    top.videos.map((video) => [video.videoId, video.title, video.views, video.watchSeconds, video.completionRate]),
  );
}

/** The start-up histogram, then the renditions, then the error codes, each under its own header row. */
export function qoeCsv(qoe: AnalyticsQoeDetail): string {
  const bound = (index: number) =>
    index < STARTUP_HISTOGRAM_BOUNDS_MS.length ? `< ${STARTUP_HISTOGRAM_BOUNDS_MS[index]} ms` : `≥ ${STARTUP_HISTOGRAM_BOUNDS_MS[STARTUP_HISTOGRAM_BOUNDS_MS.length - 1]} ms`;
  return [
    toCsv(
      ['startupBucket', 'views'],
      qoe.startupHistogram.map((count, index) => [bound(index), count]),
    ),
    toCsv(
      ['renditionHeight', 'watchSeconds', 'share', 'firstFrames', 'averageTimeToFirstFrameMs'],
      qoe.renditions.map((rendition) => [rendition.height, rendition.watchSeconds, rendition.share, rendition.firstFrames, rendition.averageTimeToFirstFrameMs]),
    ),
    toCsv(
      ['errorCode', 'sessions'],
      qoe.topErrors.map((error) => [error.code, error.sessions]),
    ),
  ].join('\r\n');
}
