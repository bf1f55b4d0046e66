import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useTRPC } from '../api/trpc.js';
import { Link } from '../routing/link.js';
import { navigate, useLocationSearch } from '../routing/navigation.js';
import { AnalyticsControls } from './analytics-controls.js';
import { useAnalyticsBreakdown, useAnalyticsOverview, useAnalyticsQoe, useAnalyticsTimeSeries, useAnalyticsTopVideos } from './analytics-queries.js';
import { analyticsQueryOf, analyticsSearch, parseAnalyticsView, withFilter, type AnalyticsView } from './analytics-view.js';
import { BreakdownPanel } from './breakdown-panel.js';
import { EngagementPanel } from './engagement-panel.js';
import { QoePanel } from './qoe-panel.js';
import { RetentionPanel } from './retention-panel.js';
import { TimeSeriesPanel } from './time-series-panel.js';
import { TopVideosPanel } from './top-videos-panel.js';

/**
 * Viewer analytics: engagement, views over time, retention, top videos, quality of experience and a breakdown,
 * over a date range compared with the period before, for every video or one. Every choice lives in the address.
 */
export function AnalyticsPage() {
  const search = useLocationSearch();
  const view = useMemo(() => parseAnalyticsView(search), [search]);
  const query = useMemo(() => analyticsQueryOf(view), [view]);
  const { videoId: _videoId, ...everyVideo } = query;
  const change = (next: AnalyticsView) => navigate(`/analytics${analyticsSearch(next)}`, { replace: true, keepScroll: true });
  const overview = useAnalyticsOverview(query);
  const timeSeries = useAnalyticsTimeSeries(query);
  const qoe = useAnalyticsQoe(query);
  const breakdown = useAnalyticsBreakdown({ ...query, dimension: view.dimension });
  const topVideos = useAnalyticsTopVideos(everyVideo);
  const trpc = useTRPC();
  const video = useQuery(trpc.videos.get.queryOptions({ videoId: view.videoId ?? '' }, { enabled: view.videoId !== undefined }));
  const empty = overview.data && overview.data.engagement.views === 0 && overview.data.qoe.sessions === 0;
  return (
    <section aria-labelledby="analytics-title" className="analytics-page">
      <h1 id="analytics-title">Analytics</h1>
      {view.videoId ? (
        <p className="analytics-scope">
          Showing one video: <Link to={`/videos/${view.videoId}`}>{video.data?.title ?? 'this video'}</Link>.{' '}
          <button type="button" className="link-button" onClick={() => change({ ...view, videoId: undefined })}>
            Show every video
          </button>
        </p>
      ) : null}
      <AnalyticsControls key={search} view={view} onChange={change} />
      {empty ? (
        <p className="notice" role="status">
          No views in this period yet — embed the player on your site (each video’s page in the <Link to="/">library</Link> has the snippet) and views show here within a minute of playing.
        </p>
      ) : null}
      <EngagementPanel overview={overview.data} error={overview.error} />
      <TimeSeriesPanel series={timeSeries.data} error={timeSeries.error} />
      <div className="analytics-columns">
        <RetentionPanel query={query} videoId={view.videoId} topVideos={topVideos.data?.videos} />
        <TopVideosPanel videos={topVideos.data?.videos} error={topVideos.error} onChoose={(videoId) => change({ ...view, videoId })} />
      </div>
      <QoePanel overview={overview.data} detail={qoe.data} error={overview.error ?? qoe.error} />
      <TimeSeriesPanel series={timeSeries.data} error={timeSeries.error} quality />
      <BreakdownPanel
        dimension={view.dimension}
        breakdown={breakdown.data}
        error={breakdown.error}
        onDimension={(dimension) => change({ ...view, dimension })}
        onOnly={(value) => change(withFilter(view, view.dimension, value))}
      />
    </section>
  );
}
