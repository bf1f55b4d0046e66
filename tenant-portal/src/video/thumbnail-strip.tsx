import { useMutation } from '@tanstack/react-query';
import type { PlaybackGrant, VideoDetails } from '../api/api-types.js';
import { useTRPC } from '../api/trpc.js';
import { formatDuration } from '../format/format.js';
import { signedAssetUrl } from '../player/use-playback-grant.js';
import { usePosterChanged } from './poster-refresh.js';

/** The video's thumbnails; any of them can become its poster, and the current poster is marked. */
export function ThumbnailStrip({ videoId, assets, grant }: { videoId: string; assets: VideoDetails['assets']; grant: PlaybackGrant | undefined }) {
  const trpc = useTRPC();
  const choose = useMutation(trpc.videos.setPoster.mutationOptions(usePosterChanged(videoId)));
  if (!assets || assets.thumbnails.length === 0) return null;
  if (!grant) return <p className="hint">Thumbnails are shown for public videos; this one needs a viewer sign-in or a playback token to view.</p>;
  return (
    <ul className="thumbnails" aria-label="Thumbnails">
      {assets.thumbnails.map((thumbnail) => {
        const at = formatDuration(thumbnail.timeSeconds);
        const isPoster = thumbnail.path === assets.poster;
        return (
          <li key={thumbnail.path} className={isPoster ? 'thumbnail-poster' : undefined}>
            <img src={signedAssetUrl(grant, assets.masterPlaylist, thumbnail.path)} alt={`Frame at ${at}`} loading="lazy" />
            <small>{at}</small>
            {isPoster ? (
              <small className="badge">Poster</small>
            ) : (
              <button type="button" aria-label={`Use the frame at ${at} as poster`} disabled={choose.isPending} onClick={() => choose.mutate({ videoId, thumbnailPath: thumbnail.path })}>
                Use as poster
              </button>
            )}
          </li>
        );
      })}
    </ul>
  );
}
