import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTRPC } from '../api/trpc.js';
import { ErrorNotice } from '../components/error-notice.js';
import { SecretOnce } from '../components/secret-once.js';
import { useSessionState } from '../session/session-context.js';
import { useToaster } from '../toast/toasts.js';
import { EndpointForm } from './endpoint-form.js';
import { EndpointPanel } from './endpoint-panel.js';

export function WebhooksPage() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { session } = useSessionState();
  const isOwner = session?.role === 'owner';
  const endpoints = useQuery(trpc.webhooks.list.queryOptions({ limit: 100 }));
  const toaster = useToaster();
  const create = useMutation(
    trpc.webhooks.create.mutationOptions({
      onSuccess: () => {
        toaster.show('Endpoint added: copy its signing secret below.');
        return queryClient.invalidateQueries({ queryKey: trpc.webhooks.list.queryKey() });
      },
    }),
  );
  return (
    <section aria-labelledby="webhooks-title">
      <h1 id="webhooks-title">Webhooks</h1>
      <p className="hint">
        Your backend hears about uploads, videos, viewers and billing as they happen. Each delivery is signed the Standard Webhooks way (headers <code>webhook-id</code>, <code>webhook-timestamp</code>
        , <code>webhook-signature</code>): verify it with the endpoint’s secret, and skip an event id you have already processed. Failed deliveries are retried for three days.
      </p>
      {isOwner ? <EndpointForm pending={create.isPending} onSubmit={(input) => create.mutateAsync(input)} /> : <p className="notice">Only the workspace owner can add or change endpoints.</p>}
      <ErrorNotice error={create.error ?? endpoints.error ?? undefined} />
      {create.data ? (
        <SecretOnce
          title={`Signing secret for ${create.data.endpoint.url}`}
          secret={create.data.secret}
          note="Give it to your receiver to verify deliveries: it is shown only this once. Rotate it if it leaks."
          onDismiss={() => create.reset()}
        />
      ) : null}
      {endpoints.data?.data.length === 0 ? <p className="empty">No endpoints yet.</p> : null}
      {endpoints.data?.data.map((endpoint) => (
        <EndpointPanel key={endpoint.id} endpoint={endpoint} isOwner={isOwner} />
      ))}
    </section>
  );
}
