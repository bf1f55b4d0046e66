import { useQuery } from '@tanstack/react-query';
import type { VideoDetails } from '../api/api-types.js';
import { ProgressBar } from '../components/progress-bar.js';
import { percent } from '../format/format.js';
import { PlayerPreview } from '../player/player-preview.js';
import { useTRPCClient } from '../api/trpc.js';
import { ErrorNotice } from '../components/error-notice.js';

/**
 * The player once the video plays (ready, or still transcoding with its first segments out; non-public videos
 * with an admin preview token); otherwise where it stands.
 */
export function VideoPreview({ video }: { video: VideoDetails }) {
  if (video.playable) {
    return (
      <>
        <PlayablePreview video={video} />
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

/**
 * The admin previews with a short preview token, renewed before it lapses: any access mode plays, and is counted as
 * a preview (apart from viewers). A public video still transcoding plays without one; when it is ready the token
 * is handed to the same player, which goes on playing (one element throughout: no start over).
 */
function PlayablePreview({ video }: { video: VideoDetails }) {
  const client = useTRPCClient();
  const needsToken = video.accessMode !== 'public' || video.status === 'ready';
  const preview = useQuery({
    queryKey: ['preview-token', video.id],
    queryFn: () => client.videos.previewToken.mutate({ videoId: video.id }),
    enabled: needsToken,
    staleTime: 10 * 60_000,
    refetchInterval: 10 * 60_000,
  });
  if (preview.error) return <ErrorNotice error={preview.error} />;
  const credential = needsToken ? preview.data?.token : undefined;
  if (!credential && video.accessMode !== 'public') return <div className="player-frame player-loading" aria-busy="true" />;
  const label = video.accessMode === 'public' ? `Preview of ${video.title}` : `Preview of ${video.title} (only you can see this preview)`;
  return <PlayerPreview videoId={video.id} {...(credential ? { credential } : {})} revision={revisionOf(video)} label={label} />;
}

/** What the player shows of the video and the portal can change under it: its title, and its package once transcoded. */
function revisionOf(video: VideoDetails): string {
  return `${video.status}\n${video.title}`;
}
