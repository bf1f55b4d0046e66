import { useQuery } from '@tanstack/react-query';
import type { VideoDetails } from '../api/api-types.js';
import { ProgressBar } from '../components/progress-bar.js';
import { percent } from '../format/format.js';
import { PlayerPreview } from '../player/player-preview.js';
import { useTRPCClient } from '../api/trpc.js';
import { ErrorNotice } from '../components/error-notice.js';

/**
 * The player once the video plays (ready, or still transcoding with its first segments out), with an admin preview
 * token in every access mode; otherwise where it stands.
 */
export function VideoPreview({ video }: { video: VideoDetails }) {
  if (video.playable) {
    return (
      <>
        {/* A preview token marks the portal's plays as the workspace's own (counted apart from viewers), from the first segments on. */}
        <TokenPreview video={video} />
        {video.status === 'processing' ? <p className="hint">Playable already: transcoding {percent(video.progress)}, the rest of the film is added as it is encoded.</p> : null}
      </>
    );
  }
  return (
    <div className="player-frame player-placeholder">
      {video.status === 'failed' ? (
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

/** The admin previews with a short preview token, renewed before it lapses: any access mode plays, and is counted as a preview. */
function TokenPreview({ video }: { video: VideoDetails }) {
  const client = useTRPCClient();
  const preview = useQuery({
    queryKey: ['preview-token', video.id],
    queryFn: () => client.videos.previewToken.mutate({ videoId: video.id }),
    staleTime: 10 * 60_000,
    refetchInterval: 10 * 60_000,
  });
  if (preview.error) return <ErrorNotice error={preview.error} />;
  if (!preview.data) return <div className="player-frame player-loading" aria-busy="true" />;
  const label = video.accessMode === 'public' ? `Preview of ${video.title}` : `Preview of ${video.title} (only you can see this preview)`;
  return <PlayerPreview videoId={video.id} credential={preview.data.token} revision={revisionOf(video)} label={label} />;
}

/** What the player shows of the video and the portal can change under it: its title, and its package once transcoded. */
function revisionOf(video: VideoDetails): string {
  return `${video.status}\n${video.title}`;
}
