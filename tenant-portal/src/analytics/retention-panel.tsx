import type { AnalyticsQuery, AnalyticsRetention, AnalyticsTopVideo } from '@ott/contracts';
import { useId, useMemo, useState } from 'react';
import { LoadingNotice } from '../components/loading-notice.js';
import { OptionList } from '../components/option-list.js';
import { formatDuration } from '../format/format.js';
import { formatCount, formatShare } from './analytics-figures.js';
import { AnalyticsChart, DURATION_STEPS, type ChartProps } from './analytics-chart.js';
import { useAnalyticsRetention } from './analytics-queries.js';
import { CsvDownload } from './csv-download.js';

function retentionChart(retention: AnalyticsRetention, title: string): ChartProps {
  const half = retention.points.find(([second]) => second >= retention.durationSeconds / 2);
  return {
    name: 'retention',
    caption: `Audience retention: ${title}`,
    summary: `Audience retention of ${title} over ${formatCount(retention.views)} views${half ? `: ${formatShare(half[1])} still watching at ${formatDuration(half[0])}` : ''}.`,
    x: { label: 'Position in the video (m:ss)', values: retention.points.map(([second]) => second), format: (value) => formatDuration(value), steps: DURATION_STEPS },
    y: { label: 'Still watching (%)', format: formatShare },
    series: [{ label: 'Still watching', values: retention.points.map(([, share]) => share) }],
  };
}

/**
 * Share of views still watching at each point of one video: the video the page is about, or one of the top videos
 * chosen here.
 */
export function RetentionPanel({ query, videoId, topVideos }: { query: AnalyticsQuery; videoId: string | undefined; topVideos: readonly AnalyticsTopVideo[] | undefined }) {
  const id = useId();
  const [chosen, setChosen] = useState<string>();
  const target = videoId ?? (chosen && topVideos?.some((video) => video.videoId === chosen) ? chosen : topVideos?.[0]?.videoId);
  const retention = useAnalyticsRetention(target ? { ...query, videoId: target } : undefined);
  const title = topVideos?.find((video) => video.videoId === target)?.title ?? 'this video';
  const chart = useMemo(() => (retention.data ? retentionChart(retention.data, title) : undefined), [retention.data, title]);
  return (
    <section className="panel" aria-labelledby="retention-title">
      <div className="panel-head">
        <h2 id="retention-title">Audience retention</h2>
        {retention.data ? <CsvDownload filename="retention.csv" columns={['second', 'share_still_watching']} rows={() => retention.data.points.map(([second, share]) => [second, share])} /> : null}
      </div>
      {!videoId && topVideos && topVideos.length > 1 ? (
        <p className="analytics-choice">
          <label htmlFor={`${id}-video`}>Video</label>
          <select id={`${id}-video`} value={target} onChange={(event) => setChosen(event.target.value)}>
            <OptionList options={topVideos.map((video) => ({ value: video.videoId, label: video.title }))} />
          </select>
        </p>
      ) : null}
      {!target ? (
        <p className="empty">No video was watched in this period: retention shows once one is.</p>
      ) : retention.data?.views === 0 ? (
        <p className="empty">No views of this video in this period.</p>
      ) : chart ? (
        <AnalyticsChart {...chart} />
      ) : (
        <LoadingNotice error={retention.error} what="retention" />
      )}
    </section>
  );
}
