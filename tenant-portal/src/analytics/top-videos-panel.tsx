import type { AnalyticsTopVideo } from '@ott/contracts';
import { LoadingNotice } from '../components/loading-notice.js';
import { RecordTable } from '../components/record-table.js';
import { formatCount, formatShare, formatWatchTime } from './analytics-figures.js';
import { CsvDownload } from './csv-download.js';

/** The most watched videos of the period; choosing one narrows the whole page to it. */
export function TopVideosPanel({ videos, error, onChoose }: { videos: readonly AnalyticsTopVideo[] | undefined; error: unknown; onChoose: (videoId: string) => void }) {
  return (
    <section className="panel" aria-labelledby="top-videos-title">
      <div className="panel-head">
        <h2 id="top-videos-title">Top videos</h2>
        {videos?.length ? (
          <CsvDownload
            filename="top-videos.csv"
            columns={['video_id', 'title', 'views', 'watch_seconds', 'completion_rate']}
            rows={() => videos.map((video) => [video.videoId, video.title, video.views, video.watchSeconds, video.completionRate])}
          />
        ) : null}
      </div>
      {!videos ? (
        <LoadingNotice error={error} what="top videos" />
      ) : videos.length === 0 ? (
        <p className="empty">No video was watched in this period.</p>
      ) : (
        <RecordTable
          caption="Top videos"
          columns={['Video', 'Views', 'Watch time (h:mm:ss)', 'Completion rate']}
          rows={videos.map((video) => ({
            key: video.videoId,
            name: (
              <button type="button" className="link-button" onClick={() => onChoose(video.videoId)}>
                {video.title}
              </button>
            ),
            cells: [formatCount(video.views), formatWatchTime(video.watchSeconds), formatShare(video.completionRate)],
          }))}
        />
      )}
    </section>
  );
}
