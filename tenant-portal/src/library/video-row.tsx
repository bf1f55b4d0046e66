import { useState } from 'react';
import type { VideoSummary } from '../api/api-types.js';
import { apiUrl } from '../api/api-url.js';
import { formatBytes, formatDate, formatDuration } from '../format/format.js';
import { Link } from '../routing/link.js';
import { navigate } from '../routing/navigation.js';
import { useToaster } from '../toast/toasts.js';
import { embedSnippet } from '../video/embed-snippet.js';
import { ACCESS_LABELS, ACCESS_MODES } from './access-modes.js';
import { RowMenu, type MenuItem } from './row-menu.js';
import { StatusBadge } from './status-badge.js';
import { AvailabilityBadge } from '../video/availability-badge.js';
import { TranscodeProgress } from './transcode-progress.js';
import { useVideoActions } from './video-actions.js';
import { VideoPoster } from './video-poster.js';

interface VideoRowProps {
  video: VideoSummary;
  uploadingHere: boolean;
  selected: boolean;
  onSelectedChange: (selected: boolean) => void;
}

export function VideoRow({ video, uploadingHere, selected, onSelectedChange }: VideoRowProps) {
  const toaster = useToaster();
  const actions = useVideoActions();
  const [confirmingDelete, setConfirmingDelete] = useState(false);
  const copy = async (text: string, what: string) => {
    try {
      await navigator.clipboard.writeText(text);
      toaster.show(`${what} copied`);
    } catch {
      toaster.show(`Copying is blocked here: open the video and copy the ${what.toLowerCase()} from its page.`, 'error');
    }
  };
  const menu: MenuItem[] = [
    { label: 'Open', onSelect: () => navigate(`/videos/${video.id}`) },
    { label: 'Copy embed code', onSelect: () => void copy(embedSnippet(apiUrl(), video.id, video.accessMode), 'Embed code') },
    { label: 'Copy video ID', onSelect: () => void copy(video.id, 'Video ID') },
    ...ACCESS_MODES.filter((mode) => mode !== video.accessMode).map((mode) => ({
      label: `Change access to ${ACCESS_LABELS[mode]}`,
      onSelect: () => actions.setAccess.mutate({ videoIds: [video.id], accessMode: mode }),
    })),
    { label: 'Delete…', onSelect: () => setConfirmingDelete(true), danger: true },
  ];
  return (
    <li className={`video-row${selected ? ' video-row-selected' : ''}`} data-video-id={video.id}>
      <input type="checkbox" className="video-select" aria-label={`Select “${video.title}”`} checked={selected} onChange={(event) => onSelectedChange(event.target.checked)} />
      <Link to={`/videos/${video.id}`} className="video-poster-link" tabIndex={-1} aria-hidden="true">
        <VideoPoster video={video} />
        {video.durationSeconds !== null ? <span className="duration">{formatDuration(video.durationSeconds)}</span> : null}
      </Link>
      <div className="video-info">
        <div className="video-title-line">
          <Link to={`/videos/${video.id}`} className="video-title">
            {video.title}
          </Link>
          <RowMenu label={`Actions for “${video.title}”`} items={menu} />
        </div>
        <div className="video-meta">
          <StatusBadge status={video.status} progress={video.progress} />
          {video.availability !== 'available' ? <AvailabilityBadge state={video.availability} /> : null}
          {video.geoRestricted ? <span className="badge badge-geo">Geo-restricted</span> : null}
          <span>{video.width && video.height ? `${video.width}×${video.height}` : formatBytes(video.sourceSize)}</span>
          <span className="video-access">{ACCESS_LABELS[video.accessMode]}</span>
          <span className="video-views">{video.views === 1 ? '1 view' : `${video.views.toLocaleString('en-US')} views`}</span>
          <span>{formatDate(video.createdAt)}</span>
        </div>
        {video.status === 'processing' ? <TranscodeProgress progress={video.progress} secondsLeft={video.secondsLeft} /> : null}
        {video.status === 'failed' ? (
          <p className="error-text" role="note">
            {video.failureReason ?? 'Processing failed.'} The original file is kept.
          </p>
        ) : null}
        {video.status === 'uploading' && !uploadingHere ? <p className="hint">Upload not finished. Pick or drop {video.sourceFilename} again to continue where it stopped.</p> : null}
        {confirmingDelete ? (
          <p className="confirm" role="group" aria-label={`Delete “${video.title}”`}>
            <span>Delete “{video.title}”, its streams and the original file? This cannot be undone.</span>
            <button
              type="button"
              className="danger"
              disabled={actions.remove.isPending}
              onClick={() => actions.remove.mutate({ videoIds: [video.id] }, { onSettled: () => setConfirmingDelete(false) })}
            >
              Yes, delete it
            </button>
            <button type="button" onClick={() => setConfirmingDelete(false)}>
              Cancel
            </button>
          </p>
        ) : null}
      </div>
    </li>
  );
}
