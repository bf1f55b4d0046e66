import type { AnalyticsTimeSeries } from '@ott/contracts';
import { useMemo } from 'react';
import { LoadingNotice } from '../components/loading-notice.js';
import { formatBucket, formatCount, formatSecondsFromMs, formatShare, formatWatchTime } from './analytics-figures.js';
import { AnalyticsChart, COUNT_STEPS, DURATION_STEPS, type ChartProps } from './analytics-chart.js';
import { CsvDownload } from './csv-download.js';

const GRANULARITY_NAMES = { minute: 'minute', hour: 'hour', day: 'day (UTC)' } as const;

function seconds(iso: string): number {
  return Date.parse(iso) / 1000;
}

/** Views and watch time per bucket, the previous period's dashed beside them. */
function engagementChart(series: AnalyticsTimeSeries): ChartProps {
  const previous = series.previousPoints;
  const views = series.points.reduce((sum, point) => sum + point.views, 0);
  const watch = series.points.reduce((sum, point) => sum + point.watchSeconds, 0);
  return {
    name: 'views-over-time',
    caption: `Views and watch time by ${GRANULARITY_NAMES[series.granularity]}`,
    summary: `Views and watch time by ${series.granularity}: ${formatCount(views)} views and ${formatWatchTime(watch)} watched in all.`,
    x: { label: 'Time (UTC)', values: series.points.map((point) => seconds(point.at)), time: true, format: (value) => formatBucket(value * 1000, series.granularity) },
    y: { label: 'Views', format: formatCount, steps: COUNT_STEPS },
    y2: { label: 'Watch time (h:mm:ss)', format: formatWatchTime, steps: DURATION_STEPS },
    series: [
      { label: 'Views', values: series.points.map((point) => point.views) },
      { label: 'Watch time', values: series.points.map((point) => point.watchSeconds), right: true },
      ...(previous
        ? [
            { label: 'Views, previous period', values: previous.map((point) => point.views), previous: true },
            { label: 'Watch time, previous period', values: previous.map((point) => point.watchSeconds), right: true, previous: true },
          ]
        : []),
    ],
  };
}

/** Start-up time and rebuffering per bucket: quality of experience over time. */
function qualityChart(series: AnalyticsTimeSeries): ChartProps {
  return {
    name: 'quality-over-time',
    caption: `Start-up time and rebuffering by ${GRANULARITY_NAMES[series.granularity]}`,
    summary: `Median start-up time and rebuffer ratio by ${series.granularity}.`,
    x: { label: 'Time (UTC)', values: series.points.map((point) => seconds(point.at)), time: true, format: (value) => formatBucket(value * 1000, series.granularity) },
    y: { label: 'Start-up p50 (s)', format: (value) => formatSecondsFromMs(value) },
    y2: { label: 'Rebuffer ratio (%)', format: formatShare },
    series: [
      { label: 'Start-up p50', values: series.points.map((point) => point.startupP50Ms) },
      { label: 'Rebuffer ratio', values: series.points.map((point) => point.rebufferRatio), right: true },
    ],
  };
}

function csvRows(series: AnalyticsTimeSeries) {
  return series.points.map((point, index) => {
    const previous = series.previousPoints?.[index];
    return [point.at, point.views, point.watchSeconds, point.startupP50Ms, point.rebufferRatio, point.failures, previous?.views ?? null, previous?.watchSeconds ?? null];
  });
}

const CSV_COLUMNS = ['bucket_start', 'views', 'watch_seconds', 'startup_p50_ms', 'rebuffer_ratio', 'failures', 'previous_views', 'previous_watch_seconds'];

/** The period bucket by bucket: engagement, and (with `quality`) start-up and rebuffering. */
export function TimeSeriesPanel({ series, error, quality = false }: { series: AnalyticsTimeSeries | undefined; error: unknown; quality?: boolean }) {
  const chart = useMemo(() => (series ? (quality ? qualityChart(series) : engagementChart(series)) : undefined), [series, quality]);
  const title = quality ? 'Quality over time' : 'Views and watch time';
  const titleId = quality ? 'quality-time-title' : 'views-time-title';
  return (
    <section className="panel" aria-labelledby={titleId}>
      <div className="panel-head">
        <h2 id={titleId}>{title}</h2>
        {series ? <CsvDownload filename={quality ? 'quality-over-time.csv' : 'views-over-time.csv'} columns={CSV_COLUMNS} rows={() => csvRows(series)} /> : null}
      </div>
      {chart ? <AnalyticsChart {...chart} /> : <LoadingNotice error={error} what={title.toLowerCase()} />}
    </section>
  );
}
