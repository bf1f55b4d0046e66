import type { AnalyticsOverview } from '@ott/contracts';
import { LoadingNotice } from '../components/loading-notice.js';
import { formatPeriod } from '../format/format.js';
import { deltaOf, formatCount, formatShare, formatWatchTime } from './analytics-figures.js';
import { CsvDownload } from './csv-download.js';
import { FigureTiles, type FigureTile } from './figure-tiles.js';

/** "vs Nov 24 – 30, 2026": what the deltas compare with. */
export function comparedWith(overview: AnalyticsOverview): string | undefined {
  return overview.previousPeriod ? `vs ${formatPeriod({ startsAt: overview.previousPeriod.from, endsAt: overview.previousPeriod.to })}` : undefined;
}

/** Views, viewers, watch time, average view, completion and who is watching now, each against the previous period. */
export function EngagementPanel({ overview, error }: { overview: AnalyticsOverview | undefined; error: unknown }) {
  if (!overview) {
    return (
      <section className="panel" aria-labelledby="engagement-title">
        <h2 id="engagement-title">Engagement</h2>
        <LoadingNotice error={error} what="engagement" />
      </section>
    );
  }
  const now = overview.engagement;
  const before = overview.previousEngagement;
  const tiles: FigureTile[] = [
    { name: 'views', label: 'Views', value: formatCount(now.views), delta: deltaOf(now.views, before?.views ?? null) },
    { name: 'unique-viewers', label: 'Unique viewers', value: formatCount(now.uniqueViewers), delta: deltaOf(now.uniqueViewers, before?.uniqueViewers ?? null) },
    { name: 'watch-time', label: 'Watch time (h:mm:ss)', value: formatWatchTime(now.watchSeconds), delta: deltaOf(now.watchSeconds, before?.watchSeconds ?? null) },
    { name: 'average-view', label: 'Average view (m:ss)', value: formatWatchTime(now.averageViewSeconds), delta: deltaOf(now.averageViewSeconds, before?.averageViewSeconds ?? null) },
    { name: 'completion-rate', label: 'Completion rate', value: formatShare(now.completionRate), delta: deltaOf(now.completionRate, before?.completionRate ?? null, { kind: 'share' }) },
    { name: 'concurrent-now', label: 'Watching now', value: formatCount(overview.concurrentViewersNow) },
  ];
  return (
    <section className="panel" aria-labelledby="engagement-title">
      <div className="panel-head">
        <h2 id="engagement-title">Engagement</h2>
        <CsvDownload
          filename="engagement.csv"
          columns={['metric', 'value', 'previous_period_value']}
          rows={() => [
            ['views', now.views, before?.views ?? null],
            ['unique_viewers', now.uniqueViewers, before?.uniqueViewers ?? null],
            ['watch_seconds', now.watchSeconds, before?.watchSeconds ?? null],
            ['average_view_seconds', now.averageViewSeconds, before?.averageViewSeconds ?? null],
            ['completion_rate', now.completionRate, before?.completionRate ?? null],
            ['concurrent_viewers_now', overview.concurrentViewersNow, null],
          ]}
        />
      </div>
      <FigureTiles tiles={tiles} comparedWith={comparedWith(overview)} />
      {overview.previousPeriod ? (
        <p className="hint">Changes are against {formatPeriod({ startsAt: overview.previousPeriod.from, endsAt: overview.previousPeriod.to })}, the period of the same length just before.</p>
      ) : null}
    </section>
  );
}
