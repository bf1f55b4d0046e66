import { useQueryClient } from '@tanstack/react-query';
import { useTRPC } from '../api/trpc.js';
import { useToaster } from '../toast/toasts.js';

/** After a poster change: says so, and fetches a new grant, which names the new poster (preview, library row, embeds). */
export function usePosterChanged(videoId: string) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toaster = useToaster();
  return {
    onSuccess: async () => {
      toaster.show('Poster changed');
      await Promise.all([queryClient.invalidateQueries({ queryKey: trpc.videos.pathKey() }), queryClient.invalidateQueries({ queryKey: ['playback-grant', videoId] })]);
    },
    onError: (error: { message: string }) => toaster.show(error.message, 'error'),
  };
}
