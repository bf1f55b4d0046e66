import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTRPC } from '../api/trpc.js';
import { ConfirmButton } from '../components/confirm-button.js';
import { ErrorNotice } from '../components/error-notice.js';
import { navigate } from '../routing/navigation.js';

export function DeleteVideo({ videoId, title }: { videoId: string; title: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const remove = useMutation(
    trpc.videos.delete.mutationOptions({
      onSuccess: async () => {
        navigate('/', { replace: true });
        queryClient.removeQueries({ queryKey: trpc.videos.get.queryKey({ videoId }) });
        await queryClient.invalidateQueries({ queryKey: trpc.videos.list.pathKey() });
      },
    }),
  );
  return (
    <div className="danger-zone">
      <ConfirmButton
        label="Delete video"
        question={`Delete “${title}”, its streams and the original file? This cannot be undone.`}
        confirmLabel="Yes, delete it"
        busy={remove.isPending}
        onConfirm={() => remove.mutate({ videoId })}
      />
      <ErrorNotice error={remove.error ?? undefined} />
    </div>
  );
}
