import { useQuery } from '@tanstack/react-query';
import type { AccessMode, VideoStatus } from '../api/api-types.js';
import { useTRPCClient } from '../api/trpc.js';

/** Grants last ten minutes; refreshed well before. */
const GRANT_STALE_MS = 5 * 60_000;

/**
 * A signed playback grant (poster, thumbnails, manifest) for a ready public video, the way the player gets
 * one. Videos for signed-in viewers or token holders need that credential, which an admin session is not,
 * so for those there is none.
 */
export function usePlaybackGrant(video: { id: string; status: VideoStatus; accessMode: AccessMode } | undefined) {
  const client = useTRPCClient();
  const enabled = video?.status === 'ready' && video.accessMode === 'public';
  return useQuery({
    queryKey: ['playback-grant', video?.id],
    queryFn: () => client.playback.authorize.mutate({ videoId: video?.id ?? '' }),
    enabled,
    staleTime: GRANT_STALE_MS,
    refetchInterval: GRANT_STALE_MS,
  });
}

/**
 * A signed URL for one of the video's files (thumbnails): asset paths are relative to the video's folder on
 * the CDN, which is the manifest URL without the manifest's own path.
 */
export function signedAssetUrl(grant: { manifestUrl: string; query: string }, masterPlaylist: string, path: string): string {
  const folder = grant.manifestUrl.endsWith(masterPlaylist) ? grant.manifestUrl.slice(0, -masterPlaylist.length) : new URL('.', grant.manifestUrl).toString();
  return `${folder}${path}?${grant.query}`;
}
