import type { VideoSummary } from '../api/api-types.js';
import { formatBytes, formatDate, formatDuration } from '../format/format.js';
import { Link } from '../routing/link.js';
import { StatusBadge } from './status-badge.js';
import { VideoPoster } from './video-poster.js';

export function VideoRow({ video, uploadingHere }: { video: VideoSummary; uploadingHere: boolean }) {
  return (
    <li className="video-row" data-video-id={video.id}>
      <Link to={`/videos/${video.id}`} className="video-poster-link" tabIndex={-1} aria-hidden="true">
        <VideoPoster video={video} />
        {video.durationSeconds !== null ? <span className="duration">{formatDuration(video.durationSeconds)}</span> : null}
      </Link>
      <div className="video-info">
        <Link to={`/videos/${video.id}`} className="video-title">
          {video.title}
        </Link>
        <div className="video-meta">
          <StatusBadge status={video.status} progress={video.progress} />
          <span>{video.width && video.height ? `${video.width}×${video.height}` : formatBytes(video.sourceSize)}</span>
          <span>{video.accessMode}</span>
          <span>{formatDate(video.createdAt)}</span>
        </div>
        {video.status === 'failed' ? (
          <p className="error-text" role="note">
            {video.failureReason ?? 'Processing failed.'} The original file is kept.
          </p>
        ) : null}
        {video.status === 'uploading' && !uploadingHere ? <p className="hint">Upload not finished. Pick or drop {video.sourceFilename} again to continue where it stopped.</p> : null}
      </div>
    </li>
  );
}
