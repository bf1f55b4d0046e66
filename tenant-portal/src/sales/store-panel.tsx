import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useTRPC } from '../api/trpc.js';
import { ConfirmButton } from '../components/confirm-button.js';
import { ErrorNotice } from '../components/error-notice.js';

const STATUS_TEXT = {
  'not-connected': 'Not connected: connect your Stripe account to sell to your viewers.',
  pending: 'Pending: Stripe still needs details before your account can take payments.',
  'charges-enabled': 'Connected: your account takes payments, and your offers are on sale.',
  disconnected: 'Disconnected: nothing is on sale. Viewers keep what they bought.',
} as const;

/** The tenant's own Stripe account (Connect): status, the platform fee, connect / continue / disconnect. */
export function StorePanel() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const store = useQuery(trpc.sales.store.queryOptions());
  const update = () => queryClient.invalidateQueries({ queryKey: trpc.sales.store.queryKey() });
  const connect = useMutation(trpc.sales.connect.mutationOptions({ onSuccess: ({ url }) => window.location.assign(url) }));
  const refresh = useMutation(trpc.sales.refresh.mutationOptions({ onSuccess: update }));
  const disconnect = useMutation(trpc.sales.disconnect.mutationOptions({ onSuccess: update }));
  // Back from Stripe's onboarding: read the account's state at once rather than wait for its webhook.
  const returned = new URLSearchParams(window.location.search).has('connected');
  const { mutate: refreshNow } = refresh;
  useEffect(() => {
    if (returned) refreshNow();
  }, [returned, refreshNow]);
  const status = store.data?.status;
  return (
    <section aria-labelledby="store-title" className="panel">
      <h2 id="store-title">Your Stripe account</h2>
      <ErrorNotice error={store.error ?? connect.error ?? refresh.error ?? disconnect.error ?? undefined} />
      {store.data ? (
        <>
          <p data-testid="store-status">{STATUS_TEXT[store.data.status]}</p>
          <p>
            You are the seller: payments go to your Stripe account. We keep <strong>{store.data.feePercent}%</strong> of each sale (your plan’s rate) as a Stripe application fee; Stripe’s own
            processing fees are Stripe’s, charged to your account.
          </p>
          <div className="row-actions">
            {status !== 'charges-enabled' ? (
              <button type="button" disabled={connect.isPending} onClick={() => connect.mutate({ returnUrl: `${window.location.origin}/sales?connected=1` })}>
                {status === 'pending' ? 'Continue Stripe setup' : 'Connect Stripe'}
              </button>
            ) : null}
            {status === 'pending' || status === 'charges-enabled' ? (
              <button type="button" disabled={refresh.isPending} onClick={() => refresh.mutate()}>
                Refresh status
              </button>
            ) : null}
            {status === 'pending' || status === 'charges-enabled' ? (
              <ConfirmButton
                label="Disconnect"
                question="Disconnect Stripe? Sales stop at once; viewers keep what they bought."
                confirmLabel="Yes, disconnect"
                busy={disconnect.isPending}
                onConfirm={() => disconnect.mutate()}
              />
            ) : null}
          </div>
        </>
      ) : null}
    </section>
  );
}
