import { useState } from 'react';
import { LoadingNotice } from '../components/loading-notice.js';
import { Link } from '../routing/link.js';
import { formatCount, formatSecondsFromMs, formatShare, formatWatchTime } from './analytics-figures.js';
import { useAnalyticsOverview } from './analytics-queries.js';
import { analyticsQueryOf, analyticsSearch, DEFAULT_ANALYTICS_VIEW, type AnalyticsView } from './analytics-view.js';
import { FigureTiles } from './figure-tiles.js';

/** On a video's page: its last 30 days at a glance, and the way to its full analytics. */
export function VideoAnalyticsPanel({ videoId }: { videoId: string }) {
  const [view] = useState<AnalyticsView>(() => ({ ...DEFAULT_ANALYTICS_VIEW, preset: '30d', compare: false, videoId }));
  const overview = useAnalyticsOverview(analyticsQueryOf(view));
  const data = overview.data;
  return (
    <section className="panel" aria-labelledby="video-analytics-title">
      <div className="panel-head">
        <h2 id="video-analytics-title">Analytics, last 30 days</h2>
        <Link to={`/analytics${analyticsSearch(view)}`}>Open this video’s analytics</Link>
      </div>
      {data ? (
        <FigureTiles
          tiles={[
            { name: 'views', label: 'Views', value: formatCount(data.engagement.views) },
            { name: 'watch-time', label: 'Watch time (h:mm:ss)', value: formatWatchTime(data.engagement.watchSeconds) },
            { name: 'completion-rate', label: 'Completion rate', value: formatShare(data.engagement.completionRate) },
            { name: 'startup-p50', label: 'Start-up time, median', value: formatSecondsFromMs(data.qoe.startupP50Ms) },
          ]}
        />
      ) : (
        <LoadingNotice error={overview.error} what="analytics" />
      )}
    </section>
  );
}
