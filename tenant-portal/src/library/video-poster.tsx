import type { VideoSummary } from '../api/api-types.js';
import { usePlaybackGrant } from '../player/use-playback-grant.js';

const PLACEHOLDER: Record<string, string> = {
  viewers: 'Viewers only',
  token: 'Token protected',
};

/** The poster frame of a ready public video; a labelled placeholder for everything else. */
export function VideoPoster({ video }: { video: VideoSummary }) {
  const grant = usePlaybackGrant(video);
  if (grant.data?.posterUrl) return <img className="poster" src={grant.data.posterUrl} alt="" loading="lazy" />;
  const text = video.status !== 'ready' ? '' : (PLACEHOLDER[video.accessMode] ?? '');
  return (
    <div className="poster poster-placeholder" aria-hidden="true">
      {text}
    </div>
  );
}
