import { STARTUP_HISTOGRAM_BOUNDS_MS, type AnalyticsOverview, type AnalyticsQoeDetail } from '@ott/contracts';
import { useMemo } from 'react';
import { LoadingNotice } from '../components/loading-notice.js';
import { RecordTable } from '../components/record-table.js';
import { deltaOf, formatCount, formatKbps, formatPerHour, formatSecondsFromMs, formatShare, formatWatchTime } from './analytics-figures.js';
import { AnalyticsChart, COUNT_STEPS, type ChartProps } from './analytics-chart.js';
import { CsvDownload } from './csv-download.js';
import { comparedWith } from './engagement-panel.js';
import { FigureTiles, type FigureTile } from './figure-tiles.js';

/** A histogram bucket by its bounds: "0.20–0.24 s", the last one "≥ 33.09 s". */
function bucketLabel(index: number): string {
  const upper = STARTUP_HISTOGRAM_BOUNDS_MS[index];
  const lower = index === 0 ? 0 : (STARTUP_HISTOGRAM_BOUNDS_MS[index - 1] ?? 0);
  return upper === undefined ? `≥ ${formatSecondsFromMs(lower)}` : `${(lower / 1000).toFixed(2)}–${formatSecondsFromMs(upper)}`;
}

/** The start-up histogram from its first to its last non-empty bucket (the rest are zeros on either side). */
function startupChart(histogram: readonly number[]): ChartProps | undefined {
  const first = histogram.findIndex((count) => count > 0);
  if (first < 0) return undefined;
  const last = histogram.length - 1 - [...histogram].reverse().findIndex((count) => count > 0);
  const indexes = Array.from({ length: last - first + 1 }, (_, offset) => first + offset);
  const views = histogram.reduce((sum, count) => sum + count, 0);
  return {
    name: 'startup-histogram',
    caption: 'Start-up time: views by time to first frame',
    summary: `Start-up time of ${formatCount(views)} views, from ${bucketLabel(first)} to ${bucketLabel(last)}.`,
    x: { label: 'Start-up time', values: indexes, format: (index) => bucketLabel(Math.round(index)) },
    y: { label: 'Views', format: formatCount, steps: COUNT_STEPS },
    series: [{ label: 'Views', values: indexes.map((index) => histogram[index] ?? 0) }],
    bars: true,
  };
}

/** Quality of experience: start-up, rebuffering, failures and bitrate, what failed and which renditions played. */
export function QoePanel({ overview, detail, error }: { overview: AnalyticsOverview | undefined; detail: AnalyticsQoeDetail | undefined; error: unknown }) {
  const chart = useMemo(() => (detail ? startupChart(detail.startupHistogram) : undefined), [detail]);
  const now = overview?.qoe;
  const before = overview?.previousQoe ?? null;
  const tiles: FigureTile[] = now
    ? [
        {
          name: 'startup-p50',
          label: 'Start-up time, median',
          value: formatSecondsFromMs(now.startupP50Ms),
          delta: deltaOf(now.startupP50Ms, before?.startupP50Ms ?? null, { higherIsBetter: false }),
        },
        {
          name: 'startup-p95',
          label: 'Start-up time, 95th percentile',
          value: formatSecondsFromMs(now.startupP95Ms),
          delta: deltaOf(now.startupP95Ms, before?.startupP95Ms ?? null, { higherIsBetter: false }),
        },
        {
          name: 'rebuffer-ratio',
          label: 'Rebuffer ratio',
          value: formatShare(now.rebufferRatio),
          delta: deltaOf(now.rebufferRatio, before?.rebufferRatio ?? null, { kind: 'share', higherIsBetter: false }),
        },
        {
          name: 'rebuffers-per-hour',
          label: 'Rebuffers per hour watched',
          value: formatPerHour(now.rebuffersPerHour),
          delta: deltaOf(now.rebuffersPerHour, before?.rebuffersPerHour ?? null, { higherIsBetter: false }),
        },
        {
          name: 'failure-rate',
          label: 'Playback failures',
          value: formatShare(now.failureRate),
          delta: deltaOf(now.failureRate, before?.failureRate ?? null, { kind: 'share', higherIsBetter: false }),
        },
        { name: 'average-bitrate', label: 'Average bitrate', value: formatKbps(now.averageBitrateKbps), delta: deltaOf(now.averageBitrateKbps, before?.averageBitrateKbps ?? null) },
      ]
    : [];
  return (
    <section className="panel" aria-labelledby="qoe-title">
      <div className="panel-head">
        <h2 id="qoe-title">Quality of experience</h2>
        {now ? (
          <CsvDownload
            filename="quality-of-experience.csv"
            columns={['metric', 'value', 'previous_period_value']}
            rows={() => [
              ['sessions', now.sessions, before?.sessions ?? null],
              ['startup_p50_ms', now.startupP50Ms, before?.startupP50Ms ?? null],
              ['startup_p95_ms', now.startupP95Ms, before?.startupP95Ms ?? null],
              ['rebuffer_ratio', now.rebufferRatio, before?.rebufferRatio ?? null],
              ['rebuffers_per_hour', now.rebuffersPerHour, before?.rebuffersPerHour ?? null],
              ['failure_rate', now.failureRate, before?.failureRate ?? null],
              ['average_bitrate_kbps', now.averageBitrateKbps, before?.averageBitrateKbps ?? null],
            ]}
          />
        ) : null}
      </div>
      {overview && now ? <FigureTiles tiles={tiles} comparedWith={comparedWith(overview)} /> : <LoadingNotice error={error} what="quality of experience" />}
      {now ? <p className="hint">Start-up times are read from a histogram and are within ±12 % of the exact figure.</p> : null}
      {chart ? <AnalyticsChart {...chart} /> : null}
      {detail ? <QoeTables detail={detail} /> : null}
    </section>
  );
}

function QoeTables({ detail }: { detail: AnalyticsQoeDetail }) {
  return (
    <div className="analytics-columns">
      <div>
        <div className="panel-head">
          <h3>Top errors</h3>
          {detail.topErrors.length ? <CsvDownload filename="top-errors.csv" columns={['code', 'sessions']} rows={() => detail.topErrors.map((error) => [error.code, error.sessions])} /> : null}
        </div>
        {detail.topErrors.length === 0 ? (
          <p className="empty">No playback failed in this period.</p>
        ) : (
          <RecordTable
            caption="Top errors"
            columns={['Error code', 'Sessions']}
            rows={detail.topErrors.map((error) => ({ key: error.code, name: <code>{error.code}</code>, cells: [formatCount(error.sessions)] }))}
          />
        )}
      </div>
      <div>
        <div className="panel-head">
          <h3>Renditions</h3>
          {detail.renditions.length ? (
            <CsvDownload
              filename="renditions.csv"
              columns={['height', 'watch_seconds', 'share', 'first_frames', 'average_time_to_first_frame_ms']}
              rows={() => detail.renditions.map((rendition) => [rendition.height, rendition.watchSeconds, rendition.share, rendition.firstFrames, rendition.averageTimeToFirstFrameMs])}
            />
          ) : null}
        </div>
        {detail.renditions.length === 0 ? (
          <p className="empty">No player said which rendition it played.</p>
        ) : (
          <RecordTable
            caption="Renditions watched, and time to first frame by rendition"
            columns={['Rendition', 'Share of watch time', 'Watch time (h:mm:ss)', 'First frames', 'Time to first frame']}
            rows={detail.renditions.map((rendition) => ({
              key: String(rendition.height),
              name: `${rendition.height}p`,
              cells: [formatShare(rendition.share), formatWatchTime(rendition.watchSeconds), formatCount(rendition.firstFrames), formatSecondsFromMs(rendition.averageTimeToFirstFrameMs)],
            }))}
          />
        )}
      </div>
    </div>
  );
}
