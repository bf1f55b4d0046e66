import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiErrorCode, errorMessage } from '../api/api-error.js';
import type { BillingStatus } from '../api/api-types.js';
import { useTRPC } from '../api/trpc.js';
import { ErrorNotice } from '../components/error-notice.js';
import { useToaster } from '../toast/toasts.js';
import { type BillingActions, checkoutReturnUrl } from './billing-actions.js';

/** "Add a payment method" (saves a card, changes no plan) and "Manage billing" (the provider's portal). */
export function BillingButtons({ status, actions }: { status: BillingStatus; actions: BillingActions }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toaster = useToaster();
  const addCard = useMutation(
    trpc.billing.addPaymentMethod.mutationOptions({
      onSuccess: (result) => {
        if (result.kind === 'redirect') return window.location.assign(result.url);
        toaster.show('Payment method saved. Your plan is unchanged.');
        void queryClient.invalidateQueries({ queryKey: trpc.billing.status.queryKey() });
      },
    }),
  );
  const portal = useMutation(trpc.billing.portal.mutationOptions({ onSuccess: ({ url }) => window.location.assign(url) }));
  const leaving = addCard.data?.kind === 'redirect' || portal.isSuccess;
  const busy = addCard.isPending || portal.isPending || leaving;
  const origin = window.location.origin;
  if (!actions.addPaymentMethod && !actions.manage) return null;
  return (
    <div className="billing-buttons">
      <p className="actions">
        {actions.addPaymentMethod ? (
          <button type="button" disabled={busy} onClick={() => addCard.mutate({ successUrl: checkoutReturnUrl(origin, 'card-saved'), cancelUrl: checkoutReturnUrl(origin, 'cancelled') })}>
            Add a payment method
          </button>
        ) : null}
        {actions.manage ? (
          <button type="button" disabled={busy} onClick={() => portal.mutate({ returnUrl: `${origin}/usage` })}>
            Manage billing
          </button>
        ) : null}
      </p>
      {actions.addPaymentMethod ? (
        <small className="hint">
          {status.provider === 'local'
            ? 'This installation bills with its local ledger: no card is collected, the payment method is only noted. Adding one never changes your plan.'
            : 'Saves a card for future invoices. Nothing is charged and your plan does not change.'}
        </small>
      ) : null}
      <p role="status" className="billing-progress">
        {leaving ? 'Opening the payment page…' : ''}
      </p>
      <ErrorNotice error={addCard.error ?? undefined} />
      {/* "Not available here" (the local ledger has no billing portal) is an answer, not a failure. */}
      {portal.error && apiErrorCode(portal.error) === 'PRECONDITION_FAILED' ? (
        <p className="notice" role="status">
          {errorMessage(portal.error)}
        </p>
      ) : (
        <ErrorNotice error={portal.error ?? undefined} />
      )}
    </div>
  );
}
