import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTRPC } from '../api/trpc.js';
import { ErrorNotice } from '../components/error-notice.js';
import { SingleFieldForm } from '../components/single-field-form.js';

/** The server fetches a film from a public address; the library shows it queued, then ready or failed with the reason. */
export function ImportFromUrl({ disabled }: { disabled: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const start = useMutation(trpc.videos.importFromUrl.mutationOptions({ onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.videos.list.queryKey() }) }));
  if (disabled) return null;
  return (
    <>
      <SingleFieldForm
        name="Import from URL"
        label="Import from URL"
        submitLabel="Import"
        pending={start.isPending}
        onSubmit={(url) => start.mutateAsync({ url })}
        input={{ type: 'url', placeholder: 'https://example.com/film.mp4', autoComplete: 'off' }}
      />
      <ErrorNotice error={start.error ?? undefined} />
      {start.data ? <p className="hint">Importing “{start.data.title}”: it appears in the list below and is prepared once the file has arrived.</p> : null}
    </>
  );
}
