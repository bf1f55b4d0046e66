import { ProgressBar } from '../components/progress-bar.js';
import { formatBytes, percent } from '../format/format.js';
import { Link } from '../routing/link.js';
import type { UploadItem } from '../upload/upload-manager.js';

const STATE_TEXT: Record<UploadItem['state'], string> = {
  waiting: 'Waiting for the uploads before it…',
  starting: 'Starting…',
  uploading: 'Uploading',
  completing: 'Finishing…',
  done: 'Uploaded',
  failed: 'Failed',
  stopped: 'Stopped',
};

export function UploadRow({ item, onStop, onDismiss }: { item: UploadItem; onStop: () => void; onDismiss: () => void }) {
  const fraction = item.size === 0 ? 1 : item.sentBytes / item.size;
  const active = item.state === 'waiting' || item.state === 'starting' || item.state === 'uploading' || item.state === 'completing';
  return (
    <li className={`upload upload-${item.state}`} aria-label={`Upload of ${item.fileName}`}>
      <div className="upload-head">
        <span className="upload-name">{item.fileName}</span>
        <span className="upload-state">
          {STATE_TEXT[item.state]}
          {item.state === 'uploading' ? ` ${percent(fraction)}` : ''}
          {item.resumed && item.state !== 'failed' ? ' · resumed' : ''}
        </span>
      </div>
      <ProgressBar fraction={fraction} label={`${item.fileName} upload progress`} />
      <div className="upload-foot">
        <small>
          {formatBytes(item.sentBytes)} of {formatBytes(item.size)}
        </small>
        {item.message ? <small className={item.state === 'failed' ? 'error-text' : ''}>{item.message}</small> : null}
        <span className="actions">
          {item.videoId && item.state === 'done' ? <Link to={`/videos/${item.videoId}`}>Open</Link> : null}
          {active ? (
            <button type="button" onClick={onStop}>
              Stop
            </button>
          ) : (
            <button type="button" onClick={onDismiss} aria-label={`Dismiss ${item.fileName}`}>
              Dismiss
            </button>
          )}
        </span>
      </div>
    </li>
  );
}
