import type { VideoStatus } from '../api/api-types.js';
import { percent } from '../format/format.js';

export const STATUS_LABELS: Record<VideoStatus, string> = {
  uploading: 'Uploading',
  queued: 'Queued',
  processing: 'Transcoding',
  ready: 'Ready',
  failed: 'Failed',
};

export function StatusBadge({ status, progress }: { status: VideoStatus; progress: number }) {
  return (
    <span className={`badge badge-${status}`} data-status={status}>
      {STATUS_LABELS[status]}
      {status === 'processing' ? ` ${percent(progress)}` : ''}
    </span>
  );
}
