import { API_KEY_SCOPE_DESCRIPTIONS, API_KEY_SCOPES, type ApiKeyScope } from '@ott/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { useTRPC } from '../api/trpc.js';
import { ErrorNotice } from '../components/error-notice.js';
import { RecordTable } from '../components/record-table.js';
import { RevokeStatus } from '../components/revoke-status.js';
import { SecretOnce } from '../components/secret-once.js';
import { TextField } from '../components/text-field.js';
import { formatDate } from '../format/format.js';
import { useSessionState } from '../session/session-context.js';
import { useToaster } from '../toast/toasts.js';

/** Server API keys: what a tenant's backend calls the REST API with. Created by the owner, shown once, revoked at once. */
export function ApiKeysSection() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { session } = useSessionState();
  const isOwner = session?.role === 'owner';
  const keys = useQuery(trpc.apiKeys.list.queryOptions());
  const toaster = useToaster();
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.apiKeys.list.queryKey() });
  const create = useMutation(
    trpc.apiKeys.create.mutationOptions({
      onSuccess: (created) => {
        toaster.show(`API key “${created.name}” created: copy it below.`);
        return refresh();
      },
    }),
  );
  const revoke = useMutation(
    trpc.apiKeys.revoke.mutationOptions({
      onSuccess: () => {
        toaster.show('API key revoked: calls with it are refused from now on.');
        return refresh();
      },
    }),
  );
  return (
    <section className="panel" aria-labelledby="api-keys-title">
      <h2 id="api-keys-title">API keys</h2>
      <p className="hint">
        Your backend sends one as <code>Authorization: Bearer ott_sk_…</code>. Give each key only the scopes it needs; a key never leaves your servers (browsers upload through direct uploads). Keys
        are managed here and with <code>ott api-keys</code>, never over the API itself.
      </p>
      {isOwner ? <CreateKeyForm pending={create.isPending} onCreate={(input) => create.mutateAsync(input)} /> : <p className="notice">Only the workspace owner can create or revoke API keys.</p>}
      <ErrorNotice error={create.error ?? undefined} />
      {create.data ? (
        <SecretOnce
          title={`API key “${create.data.name}”`}
          secret={create.data.key}
          note="Copy it into your backend's secret store now: it is shown only this once and cannot be recovered. Revoke it here if it leaks."
          onDismiss={() => create.reset()}
        />
      ) : null}
      <ErrorNotice error={keys.error ?? revoke.error ?? undefined} />
      {keys.data?.length === 0 ? <p className="empty">No API keys yet.</p> : null}
      {keys.data?.length ? (
        <RecordTable
          caption="API keys"
          columns={['Name', 'Prefix', 'Scopes', 'Created', 'Last used', 'Status']}
          rows={keys.data.map((key) => ({
            key: key.id,
            name: key.name,
            cells: [
              <code>{key.prefix}</code>,
              key.scopes.join(', '),
              formatDate(key.createdAt),
              key.lastUsedAt ? formatDate(key.lastUsedAt) : 'Never',
              <RevokeStatus
                revokedAt={key.revokedAt}
                canRevoke={isOwner}
                question={`Revoke “${key.name}” (${key.prefix})? Calls with it fail from the next request on.`}
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

function CreateKeyForm({ pending, onCreate }: { pending: boolean; onCreate: (input: { name: string; scopes: ApiKeyScope[] }) => Promise<unknown> }) {
  const id = useId();
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<ApiKeyScope[]>(['read']);
  const toggle = (scope: ApiKeyScope, on: boolean) => setScopes((current) => (on ? API_KEY_SCOPES.filter((s) => s === scope || current.includes(s)) : current.filter((s) => s !== scope)));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    // Errors are shown by the section from the mutation's state; the form is kept for a retry.
    onCreate({ name, scopes }).then(
      () => {
        setName('');
        setScopes(['read']);
      },
      () => undefined,
    );
  };
  return (
    <form className="key-form" onSubmit={submit} aria-label="Create an API key">
      <TextField label="Key name" value={name} onChange={setName} required maxLength={100} placeholder="Production backend" />
      <fieldset className="scopes">
        <legend>Scopes</legend>
        {API_KEY_SCOPES.map((scope) => (
          <label key={scope} className="scope">
            <input type="checkbox" name="scope" value={scope} checked={scopes.includes(scope)} onChange={(event) => toggle(scope, event.target.checked)} aria-describedby={`${id}-${scope}`} />
            <span>
              <strong>{scope}</strong> <small id={`${id}-${scope}`}>{API_KEY_SCOPE_DESCRIPTIONS[scope]}</small>
            </span>
          </label>
        ))}
      </fieldset>
      {scopes.length === 0 ? <p className="error-text">Choose at least one scope.</p> : null}
      <button type="submit" className="primary" disabled={pending || scopes.length === 0}>
        Create API key
      </button>
    </form>
  );
}
