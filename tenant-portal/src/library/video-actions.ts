// Deleting and changing access for one video (a row's menu) or many (the bulk bar): one server call either way, and a
// toast that says what happened, naming each video that could not be changed and why.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { AccessMode } from '../api/api-types.js';
import { useTRPC } from '../api/trpc.js';
import { useToaster, type Toaster } from '../toast/toasts.js';
import { ACCESS_LABELS } from './access-modes.js';

interface Outcome {
  done: string[];
  failed: { videoId: string; title: string; reason: string }[];
}

export function videoCount(count: number): string {
  return count === 1 ? '1 video' : `${count.toLocaleString('en-US')} videos`;
}

function report(toaster: Toaster, outcome: Outcome, done: (count: string) => string, notDone: string): void {
  if (outcome.done.length > 0) toaster.show(done(videoCount(outcome.done.length)));
  for (const failure of outcome.failed) toaster.show(`“${failure.title}” ${notDone}: ${failure.reason}`, 'error');
}

export function useVideoActions() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toaster = useToaster();
  // Grants are dropped, not refetched: a video that is no longer public has none to ask for (the answer would be a
  // refusal), and one that became public asks for its own as its row renders.
  const refresh = async (videoIds: readonly string[]) => {
    await queryClient.invalidateQueries({ queryKey: trpc.videos.pathKey() });
    for (const videoId of videoIds) queryClient.removeQueries({ queryKey: ['playback-grant', videoId] });
  };
  const onError = (error: { message: string }) => toaster.show(error.message, 'error');
  const remove = useMutation(
    trpc.videos.bulkDelete.mutationOptions({
      onSuccess: (outcome) => {
        report(toaster, outcome, (count) => `${count} deleted`, 'was not deleted');
        return refresh(outcome.done);
      },
      onError,
    }),
  );
  const setAccess = useMutation(
    trpc.videos.bulkSetAccessMode.mutationOptions({
      onSuccess: (outcome, input) => {
        report(toaster, outcome, (count) => `Access changed to ${ACCESS_LABELS[input.accessMode as AccessMode]} for ${count}`, 'was not changed');
        return refresh(outcome.done);
      },
      onError,
    }),
  );
  return { remove, setAccess };
}
