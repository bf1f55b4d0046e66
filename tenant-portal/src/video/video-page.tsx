import { useQuery } from '@tanstack/react-query';
import { VideoAnalyticsPanel } from '../analytics/video-analytics-panel.js';
import { useTRPC } from '../api/trpc.js';
import { CaptionsPanel } from '../captions/captions-panel.js';
import { CataloguePanel } from '../catalogue/catalogue-panel.js';
import { ErrorNotice } from '../components/error-notice.js';
import { formatBytes, formatDate, formatDuration } from '../format/format.js';
import { StatusBadge } from '../library/status-badge.js';
import { TranscodeProgress } from '../library/transcode-progress.js';
import { usePlaybackGrant } from '../player/use-playback-grant.js';
import { Link } from '../routing/link.js';
import { AudioTracksSection } from './audio-tracks-section.js';
import { AvailabilityPanel } from './availability-panel.js';
import { ChaptersEditor } from './chapters-editor.js';
import { DeleteVideo } from './delete-video.js';
import { DownloadsPanel } from './downloads-panel.js';
import { EmbedSnippetPanel } from './embed-snippet-panel.js';
import { MakeClipForm } from './make-clip-form.js';
import { PosterUpload } from './poster-upload.js';
import { ReplaceSourcePanel } from './replace-source-panel.js';
import { RenditionsTable } from './renditions-table.js';
import { ThumbnailStrip } from './thumbnail-strip.js';
import { VideoDetailsForm } from './video-details-form.js';
import { VideoPreview } from './video-preview.js';

const POLL_MS = 1500;

export function VideoPage({ videoId }: { videoId: string }) {
  const trpc = useTRPC();
  const query = useQuery(
    trpc.videos.get.queryOptions({ videoId }, { refetchInterval: (q) => (q.state.data && q.state.data.status !== 'ready' && q.state.data.status !== 'failed' ? POLL_MS : false) }),
  );
  const video = query.data;
  const grant = usePlaybackGrant(video);
  if (!video) {
    return (
      <section>
        <p>
          <Link to="/">← Library</Link>
        </p>
        {query.error ? <ErrorNotice error={query.error} /> : <p className="hint">Loading…</p>}
      </section>
    );
  }
  return (
    <section aria-labelledby="video-title" className="video-page">
      <p>
        <Link to="/">← Library</Link>
      </p>
      <header className="video-header">
        <h1 id="video-title">{video.title}</h1>
        <StatusBadge status={video.status} progress={video.progress} />
      </header>
      {video.status === 'processing' ? <TranscodeProgress progress={video.progress} secondsLeft={video.secondsLeft} /> : null}
      <div className="video-columns">
        <div>
          <VideoPreview video={video} />
          <dl className="facts">
            <dt>Duration</dt>
            <dd>{formatDuration(video.durationSeconds)}</dd>
            <dt>Source</dt>
            <dd>
              {video.sourceFilename} ({formatBytes(video.sourceSize)})
            </dd>
            <dt>Uploaded</dt>
            <dd>{formatDate(video.createdAt)}</dd>
          </dl>
        </div>
        <VideoDetailsForm key={`${video.title}\n${video.description}\n${video.accessMode}`} video={video} />
      </div>
      {video.status === 'ready' ? <EmbedSnippetPanel videoId={video.id} accessMode={video.accessMode} /> : null}
      {video.status === 'ready' ? <ReplaceSourcePanel videoId={video.id} /> : null}
      {video.status === 'ready' ? <VideoAnalyticsPanel videoId={video.id} /> : null}
      <AvailabilityPanel videoId={video.id} />
      <CataloguePanel videoId={video.id} />
      <ChaptersEditor videoId={video.id} durationSeconds={video.durationSeconds} />
      <DownloadsPanel videoId={video.id} />
      {video.status === 'ready' && video.durationSeconds !== null ? <MakeClipForm videoId={video.id} durationSeconds={video.durationSeconds} /> : null}
      {video.status !== 'failed' ? <CaptionsPanel videoId={video.id} /> : null}
      <section className="panel" aria-labelledby="renditions-title">
        <h2 id="renditions-title">Renditions</h2>
        <RenditionsTable renditions={video.renditions} />
      </section>
      <AudioTracksSection videoId={video.id} initialAudioTracks={video.audioTracks} mediaNotes={video.mediaNotes} />
      {video.assets ? (
        <section className="panel" aria-labelledby="thumbnails-title">
          <h2 id="thumbnails-title">Thumbnails</h2>
          <ThumbnailStrip videoId={video.id} assets={video.assets} grant={grant.data} />
          {video.status === 'ready' ? <PosterUpload videoId={video.id} /> : null}
        </section>
      ) : null}
      <DeleteVideo videoId={video.id} title={video.title} />
    </section>
  );
}
