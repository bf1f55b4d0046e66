import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { useTRPC } from '../api/trpc.js';
import { ConfirmButton } from '../components/confirm-button.js';
import { ErrorNotice } from '../components/error-notice.js';
import { RecordTable } from '../components/record-table.js';
import { SingleFieldForm } from '../components/single-field-form.js';
import { formatDate } from '../format/format.js';
import { useToaster } from '../toast/toasts.js';
import { ViewerSignUpSwitch } from './viewer-sign-up-switch.js';
import { ViewerSiteForm } from './viewer-site-form.js';

export function ViewersPage() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  // Pages follow each other by cursor: "Show more" appends the next one.
  const list = useInfiniteQuery(trpc.viewers.list.infiniteQueryOptions({ limit: 100 }, { getNextPageParam: (page) => page.nextCursor ?? undefined }));
  const viewers = list.data?.pages.flatMap((page) => page.data);
  const toaster = useToaster();
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.viewers.list.pathKey() });
  // The temporary password goes to the viewer by email: nobody reads it off this screen.
  const invite = useMutation(
    trpc.viewers.invite.mutationOptions({
      onSuccess: (invited) => {
        toaster.show(`Invitation sent to ${invited.email}`);
        return refresh();
      },
    }),
  );
  const resend = useMutation(trpc.viewers.resendInvitation.mutationOptions({ onSuccess: (resent) => toaster.show(`Invitation sent again to ${resent.email}`) }));
  const remove = useMutation(trpc.viewers.remove.mutationOptions({ onSuccess: refresh }));
  return (
    <section aria-labelledby="viewers-title">
      <h1 id="viewers-title">Viewers</h1>
      <p className="hint">People who may watch videos set to “Viewers”. They get an email with a temporary password and sign in where your videos play.</p>
      <ViewerSiteForm />
      <ViewerSignUpSwitch />
      <SingleFieldForm
        name="Invite a viewer"
        label="Viewer's e-mail"
        submitLabel="Invite viewer"
        pending={invite.isPending}
        onSubmit={(email) => invite.mutateAsync({ email })}
        input={{ type: 'email', autoComplete: 'off' }}
      />
      <ErrorNotice error={invite.error ?? undefined} />
      <ErrorNotice error={list.error ?? remove.error ?? resend.error ?? undefined} />
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
              <span className="row-actions">
                {viewer.status === 'invited' ? (
                  <button type="button" disabled={resend.isPending} onClick={() => resend.mutate({ viewerId: viewer.viewerId })}>
                    Resend invitation
                  </button>
                ) : null}
                <ConfirmButton
                  label="Remove"
                  question={`Remove ${viewer.email}? They stop being able to watch.`}
                  confirmLabel="Yes, remove"
                  busy={remove.isPending}
                  onConfirm={() => remove.mutate({ viewerId: viewer.viewerId })}
                />
              </span>,
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
