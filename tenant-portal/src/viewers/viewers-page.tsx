import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { useTRPC } from '../api/trpc.js';
import { ConfirmButton } from '../components/confirm-button.js';
import { ErrorNotice } from '../components/error-notice.js';
import { RecordTable } from '../components/record-table.js';
import { SecretOnce } from '../components/secret-once.js';
import { SingleFieldForm } from '../components/single-field-form.js';
import { formatDate } from '../format/format.js';

export function ViewersPage() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  // Pages follow each other by cursor: "Show more" appends the next one.
  const list = useInfiniteQuery(trpc.viewers.list.infiniteQueryOptions({ limit: 100 }, { getNextPageParam: (page) => page.nextCursor ?? undefined }));
  const viewers = list.data?.pages.flatMap((page) => page.data);
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.viewers.list.pathKey() });
  const invite = useMutation(trpc.viewers.invite.mutationOptions({ onSuccess: refresh }));
  const remove = useMutation(trpc.viewers.remove.mutationOptions({ onSuccess: refresh }));
  return (
    <section aria-labelledby="viewers-title">
      <h1 id="viewers-title">Viewers</h1>
      <p className="hint">People who may watch videos set to “Viewers”. They sign in on your site; the player passes their sign-in to OTT Cloud.</p>
      <SingleFieldForm
        name="Invite a viewer"
        label="Viewer's e-mail"
        submitLabel="Invite viewer"
        pending={invite.isPending}
        onSubmit={(email) => invite.mutateAsync({ email })}
        input={{ type: 'email', autoComplete: 'off' }}
      />
      <ErrorNotice error={invite.error ?? undefined} />
      {invite.data ? (
        <SecretOnce
          title={`Temporary password for ${invite.data.email}`}
          secret={invite.data.temporaryPassword}
          note="Send it to the viewer; they choose their own password at first sign-in. It is shown only this once."
          onDismiss={() => invite.reset()}
        />
      ) : null}
      <ErrorNotice error={list.error ?? remove.error ?? undefined} />
      {viewers?.length === 0 ? <p className="empty">No viewers yet.</p> : null}
      {viewers?.length ? (
        <RecordTable
          caption="Viewers"
          columns={['E-mail', 'Status', 'Invited', '']}
          rows={viewers.map((viewer) => ({
            key: viewer.viewerId,
            name: viewer.email,
            cells: [
              viewer.status === 'invited' ? 'Invited (not signed in yet)' : 'Active',
              formatDate(viewer.createdAt),
              <ConfirmButton
                label="Remove"
                question={`Remove ${viewer.email}? They stop being able to watch.`}
                confirmLabel="Yes, remove"
                busy={remove.isPending}
                onConfirm={() => remove.mutate({ viewerId: viewer.viewerId })}
              />,
            ],
          }))}
        />
      ) : null}
      {list.hasNextPage ? (
        <button type="button" disabled={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()}>
          {list.isFetchingNextPage ? 'Loading…' : 'Show more'}
        </button>
      ) : null}
    </section>
  );
}
