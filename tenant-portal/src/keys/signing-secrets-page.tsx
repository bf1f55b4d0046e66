import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTRPC } from '../api/trpc.js';
import { ErrorNotice } from '../components/error-notice.js';
import { RecordTable } from '../components/record-table.js';
import { RevokeStatus } from '../components/revoke-status.js';
import { SecretOnce } from '../components/secret-once.js';
import { SingleFieldForm } from '../components/single-field-form.js';
import { formatDate } from '../format/format.js';
import { Link } from '../routing/link.js';
import { useSessionState } from '../session/session-context.js';
import { useToaster } from '../toast/toasts.js';

/** Playback signing secrets: what a backend signs playback tokens with itself. Not the server API keys (Developers). */
export function SigningSecretsPage() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { session } = useSessionState();
  const isOwner = session?.role === 'owner';
  const keys = useQuery(trpc.playbackKeys.list.queryOptions());
  const toaster = useToaster();
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.playbackKeys.list.queryKey() });
  const create = useMutation(
    trpc.playbackKeys.create.mutationOptions({
      onSuccess: (created) => {
        toaster.show(`Signing secret “${created.name}” created: copy it below.`);
        return refresh();
      },
    }),
  );
  const revoke = useMutation(
    trpc.playbackKeys.revoke.mutationOptions({
      onSuccess: () => {
        toaster.show('Signing secret revoked: tokens signed with it no longer play.');
        return refresh();
      },
    }),
  );
  return (
    <section aria-labelledby="signing-secrets-title">
      <h1 id="signing-secrets-title">Playback signing secrets</h1>
      <p className="hint">
        Playback signing secrets for videos set to “Token”: your backend signs a short HS256 JWT with one (header <code>kid</code> = key id; claims <code>sub</code> = video id, <code>aud</code> =
        “playback”, <code>exp</code> within 7 days) and your page passes it to the player as <code>credential</code>. These are not API keys: to call the REST API, or to have the platform sign
        playback tokens for you, create a server API key on the <Link to="/developers">Developers</Link> page.
      </p>
      {isOwner ? (
        <SingleFieldForm
          name="Create a signing secret"
          label="Key name"
          submitLabel="Create secret"
          pending={create.isPending}
          onSubmit={(name) => create.mutateAsync({ name })}
          input={{ maxLength: 100, placeholder: 'Production backend' }}
        />
      ) : (
        <p className="notice">Only the workspace owner can create or revoke secrets.</p>
      )}
      <ErrorNotice error={create.error ?? undefined} />
      {create.data ? (
        <SecretOnce
          title={`Secret for “${create.data.name}” (key id ${create.data.id})`}
          secret={create.data.secret}
          note="Store it in your backend's secret store now: it is shown only this once. Revoke the key if it leaks."
          onDismiss={() => create.reset()}
        />
      ) : null}
      <ErrorNotice error={keys.error ?? revoke.error ?? undefined} />
      {keys.data?.length === 0 ? <p className="empty">No signing secrets yet.</p> : null}
      {keys.data?.length ? (
        <RecordTable
          caption="Playback signing secrets"
          columns={['Name', 'Key id', 'Created', 'Status']}
          rows={keys.data.map((key) => ({
            key: key.id,
            name: key.name,
            cells: [
              <code>{key.id}</code>,
              formatDate(key.createdAt),
              <RevokeStatus
                revokedAt={key.revokedAt}
                canRevoke={isOwner}
                question={`Revoke “${key.name}”? Tokens signed with it stop working at once.`}
                busy={revoke.isPending}
                onRevoke={() => revoke.mutate({ keyId: key.id })}
              />,
            ],
          }))}
        />
      ) : null}
    </section>
  );
}
