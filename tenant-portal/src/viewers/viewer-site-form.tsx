// "Where your viewers watch": the tenant's own site, which viewer invitations link to.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTRPC } from '../api/trpc.js';
import { ErrorNotice } from '../components/error-notice.js';
import { TextField } from '../components/text-field.js';
import { useToaster } from '../toast/toasts.js';

export function ViewerSiteForm() {
  const trpc = useTRPC();
  const site = useQuery(trpc.viewers.site.queryOptions());
  // The form is shown once the saved address is known: seeding a field that was already on screen overwrote what
  // the admin had started typing when the answer came in.
  if (!site.isSuccess) return <ErrorNotice error={site.error ?? undefined} />;
  return <ViewerSiteFields savedUrl={site.data.url} />;
}

function ViewerSiteFields({ savedUrl }: { savedUrl: string | null }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toaster = useToaster();
  const [url, setUrl] = useState(savedUrl ?? '');
  const save = useMutation(
    trpc.viewers.setSite.mutationOptions({
      onSuccess: (saved) => {
        toaster.show(saved.url ? 'Invitations now link to your site' : 'Invitations no longer link to a site');
        return queryClient.invalidateQueries({ queryKey: trpc.viewers.site.queryKey() });
      },
    }),
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate({ url: url.trim() === '' ? null : url });
  };
  return (
    <form className="panel inline-form" onSubmit={submit} aria-label="Where your viewers watch">
      <TextField
        label="Where your viewers watch"
        type="url"
        value={url}
        onChange={setUrl}
        placeholder="https://films.example.com/watch"
        hint="Your site, where the player is embedded: invitations link to it. Leave empty to describe it in words."
      />
      <button type="submit" disabled={save.isPending}>
        Save
      </button>
      <ErrorNotice error={save.error ?? undefined} />
    </form>
  );
}
