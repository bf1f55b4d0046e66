import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiErrorCode, errorMessage } from '../api/api-error.js';
import type { BillingStatus } from '../api/api-types.js';
import { useTRPC } from '../api/trpc.js';
import { ErrorNotice } from '../components/error-notice.js';
import { formatCents } from '../format/format.js';
import { useSessionState } from '../session/session-context.js';
import { billingActions, checkoutReturnUrl } from './billing-actions.js';

/** "Add a payment method" (Checkout) and "Manage billing" (the provider's portal), as billing.status allows. */
export function BillingButtons({ status }: { status: BillingStatus }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { session } = useSessionState();
  const actions = billingActions(status, session?.role ?? 'admin');
  const plans = useQuery(trpc.billing.plans.queryOptions(undefined, { enabled: actions.checkoutPlan !== null, staleTime: Infinity }));
  const offer = plans.data?.find((plan) => plan.id === actions.checkoutPlan);
  const checkout = useMutation(
    trpc.billing.checkout.mutationOptions({
      onSuccess: (result) => {
        if (result.kind === 'redirect') return window.location.assign(result.url);
        // Switched at once (no card to collect): the plan, the preview and the costs all change.
        for (const queryKey of [trpc.billing.pathKey(), trpc.usage.pathKey(), trpc.tenants.me.queryKey()]) void queryClient.invalidateQueries({ queryKey });
      },
    }),
  );
  const portal = useMutation(trpc.billing.portal.mutationOptions({ onSuccess: ({ url }) => window.location.assign(url) }));
  if (session?.role !== 'owner') return <p className="hint">Only the workspace owner can add a payment method or manage billing.</p>;
  const leaving = checkout.data?.kind === 'redirect' || portal.isSuccess;
  const busy = checkout.isPending || portal.isPending || leaving;
  const origin = window.location.origin;
  return (
    <div className="billing-buttons">
      {actions.checkoutPlan || actions.manage ? (
        <p className="actions">
          {actions.checkoutPlan ? (
            <button
              type="button"
              className="primary"
              disabled={busy}
              onClick={() => actions.checkoutPlan && checkout.mutate({ plan: actions.checkoutPlan, successUrl: checkoutReturnUrl(origin, 'done'), cancelUrl: checkoutReturnUrl(origin, 'cancelled') })}
            >
              Add a payment method
            </button>
          ) : null}
          {actions.manage ? (
            <button type="button" disabled={busy} onClick={() => portal.mutate({ returnUrl: `${origin}/usage` })}>
              Manage billing
            </button>
          ) : null}
        </p>
      ) : null}
      {actions.checkoutPlan && offer ? (
        <small className="hint">
          Subscribes to the {offer.name} plan: {formatCents(offer.monthlyFeeCents)} a month, with {offer.included.transcode}, {offer.included.egress} and {offer.included.storage} included.
        </small>
      ) : null}
      {actions.checkoutPlan && status.provider === 'local' ? (
        <small className="hint">This installation bills with its local ledger: no card is collected, and subscribing switches the plan at once.</small>
      ) : null}
      <p role="status" className="billing-progress">
        {checkout.data?.kind === 'completed' ? `You are on the ${checkout.data.plan.name} plan now.` : leaving ? 'Opening the payment page…' : ''}
      </p>
      <ErrorNotice error={checkout.error ?? undefined} />
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
