import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTRPC } from '../api/trpc.js';
import { ConfirmButton } from '../components/confirm-button.js';
import { ErrorNotice } from '../components/error-notice.js';
import { SecretOnce } from '../components/secret-once.js';
import { formatDate } from '../format/format.js';
import { useToaster } from '../toast/toasts.js';
import { DeliveryLog } from './delivery-log.js';

interface Endpoint {
  id: string;
  url: string;
  description: string;
  eventTypes: string[];
  status: 'enabled' | 'disabled';
  disabledReason: string | null;
  disabledAt: Date | string | null;
  failingSince: Date | string | null;
  previousSecretExpiresAt: Date | string | null;
}

/** One endpoint: where it points, what it gets, its health, its actions and its delivery log. */
export function EndpointPanel({ endpoint, isOwner }: { endpoint: Endpoint; isOwner: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toaster = useToaster();
  /** Confirms what was done, then reloads the endpoints and their logs. */
  const done = (message: string) => {
    toaster.show(message);
    return queryClient.invalidateQueries({ queryKey: trpc.webhooks.pathKey() });
  };
  const update = useMutation(
    trpc.webhooks.update.mutationOptions({ onSuccess: (_, input) => done(input.enabled ? 'Endpoint enabled: deliveries resume.' : 'Endpoint disabled: nothing is sent to it.') }),
  );
  const rotate = useMutation(trpc.webhooks.rotateSecret.mutationOptions({ onSuccess: () => done('New signing secret made: copy it below.') }));
  const remove = useMutation(trpc.webhooks.delete.mutationOptions({ onSuccess: () => done('Endpoint deleted.') }));
  const sendTest = useMutation(trpc.webhooks.sendTest.mutationOptions({ onSuccess: () => done('Test event sent: its delivery shows in the log below.') }));
  return (
    <article className="panel endpoint" aria-label={endpoint.url}>
      <h2>
        <code>{endpoint.url}</code> <span className={`badge badge-${endpoint.status === 'enabled' ? 'ready' : 'failed'}`}>{endpoint.status === 'enabled' ? 'Enabled' : 'Disabled'}</span>
      </h2>
      {endpoint.description ? <p>{endpoint.description}</p> : null}
      <p className="hint">Events: {endpoint.eventTypes.length === 0 ? 'all' : endpoint.eventTypes.join(', ')}</p>
      {endpoint.status === 'disabled' ? (
        <div className="notice notice-error" role="alert">
          <p>
            Deliveries to this endpoint stopped{endpoint.disabledAt ? ` on ${formatDate(endpoint.disabledAt)}` : ''}: {endpoint.disabledReason}
          </p>
          {isOwner ? (
            <button type="button" onClick={() => update.mutate({ endpointId: endpoint.id, enabled: true })} disabled={update.isPending}>
              Re-enable
            </button>
          ) : null}
        </div>
      ) : endpoint.failingSince ? (
        <p className="notice">Failing since {formatDate(endpoint.failingSince)}: deliveries are retried; after three days without a success the endpoint is disabled.</p>
      ) : null}
      {endpoint.previousSecretExpiresAt ? <p className="hint">Signed with the previous secret too until {formatDate(endpoint.previousSecretExpiresAt)}.</p> : null}
      <p className="actions">
        <button type="button" onClick={() => sendTest.mutate({ endpointId: endpoint.id })} disabled={sendTest.isPending || endpoint.status === 'disabled'}>
          Send test event
        </button>
        {isOwner ? (
          <>
            <ConfirmButton
              label="Rotate secret"
              question="Make a new signing secret? The current one keeps signing for 24 hours, so your receiver can switch."
              confirmLabel="Yes, rotate"
              danger={false}
              busy={rotate.isPending}
              onConfirm={() => rotate.mutate({ endpointId: endpoint.id })}
            />
            {endpoint.status === 'enabled' ? (
              <button type="button" onClick={() => update.mutate({ endpointId: endpoint.id, enabled: false })} disabled={update.isPending}>
                Disable
              </button>
            ) : null}
            <ConfirmButton
              label="Delete"
              question="Delete this endpoint? Its waiting deliveries and its log go with it."
              confirmLabel="Yes, delete"
              busy={remove.isPending}
              onConfirm={() => remove.mutate({ endpointId: endpoint.id })}
            />
          </>
        ) : null}
      </p>
      <ErrorNotice error={update.error ?? rotate.error ?? remove.error ?? sendTest.error ?? undefined} />
      {rotate.data ? (
        <SecretOnce
          title="New signing secret"
          secret={rotate.data.secret}
          note="Give it to your receiver now: it is shown only this once. The previous secret keeps signing for 24 hours."
          onDismiss={() => rotate.reset()}
        />
      ) : null}
      <DeliveryLog endpointId={endpoint.id} />
    </article>
  );
}
