import type { VideoDetails } from '../api/api-types.js';
import { ProgressBar } from '../components/progress-bar.js';
import { percent } from '../format/format.js';
import { PlayerPreview } from '../player/player-preview.js';

/** The player once the video is ready and public; otherwise where it stands. */
export function VideoPreview({ video }: { video: VideoDetails }) {
  if (video.status === 'ready' && video.accessMode === 'public') return <PlayerPreview videoId={video.id} label={`Preview of ${video.title}`} />;
  return (
    <div className="player-frame player-placeholder">
      {video.status === 'ready' ? (
        <p>Only {video.accessMode === 'viewers' ? 'signed-in viewers' : 'holders of a playback token'} can play this video, so the portal cannot preview it. Make it public for a moment to preview it here.</p>
      ) : video.status === 'failed' ? (
        <p role="alert">{video.failureReason ?? 'Processing failed.'} The original file is kept: upload a playable file, or delete this one.</p>
      ) : video.status === 'uploading' ? (
        <p>The upload has not finished. Pick or drop {video.sourceFilename} in the library to continue it.</p>
      ) : (
        <div className="transcode-progress">
          <p>{video.status === 'queued' ? 'Waiting for a transcoder…' : `Transcoding ${percent(video.progress)}`}</p>
          <ProgressBar fraction={video.progress} label="Transcoding progress" />
        </div>
      )}
    </div>
  );
}
