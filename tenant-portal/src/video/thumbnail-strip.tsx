import type { PlaybackGrant, VideoDetails } from '../api/api-types.js';
import { formatDuration } from '../format/format.js';
import { signedAssetUrl } from '../player/use-playback-grant.js';

export function ThumbnailStrip({ assets, grant }: { assets: VideoDetails['assets']; grant: PlaybackGrant | undefined }) {
  if (!assets || assets.thumbnails.length === 0) return null;
  if (!grant) return <p className="hint">Thumbnails are shown for public videos; this one needs a viewer sign-in or a playback token to view.</p>;
  return (
    <ul className="thumbnails" aria-label="Thumbnails">
      {assets.thumbnails.map((thumbnail) => (
        <li key={thumbnail.path}>
          <img src={signedAssetUrl(grant, assets.masterPlaylist, thumbnail.path)} alt={`Frame at ${formatDuration(thumbnail.timeSeconds)}`} loading="lazy" />
          <small>{formatDuration(thumbnail.timeSeconds)}</small>
        </li>
      ))}
    </ul>
  );
}
