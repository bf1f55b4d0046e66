// Which videos a finished API call deleted, read from the call itself: the video page's Delete and the library's bulk
// delete both end up here, so an upload card never keeps an "Open" link to a video that is gone.
import type { MutationKey } from '@tanstack/react-query';

/** tRPC's mutation key for a procedure is its path, split: [['videos', 'delete']]. */
const DELETES = new Set(['videos.delete', 'videos.bulkDelete']);

export function deletedVideoIds(mutationKey: MutationKey | undefined, variables: unknown): string[] {
  const path = Array.isArray(mutationKey?.[0]) ? mutationKey[0].join('.') : undefined;
  if (!path || !DELETES.has(path) || typeof variables !== 'object' || variables === null) return [];
  if ('videoId' in variables && typeof variables.videoId === 'string') return [variables.videoId];
  if ('videoIds' in variables && Array.isArray(variables.videoIds)) return variables.videoIds.filter((id): id is string => typeof id === 'string');
  return [];
}
