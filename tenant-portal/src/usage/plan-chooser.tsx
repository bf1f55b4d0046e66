import { skipToken, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import type { BillingStatus, PlanChangeQuote, PlanId, PlanOffer } from '../api/api-types.js';
import { useTRPC } from '../api/trpc.js';
import { ErrorNotice } from '../components/error-notice.js';
import { LoadingNotice } from '../components/loading-notice.js';
import { formatBytes, formatCents, formatDay, formatQuantity } from '../format/format.js';
import { useToaster } from '../toast/toasts.js';
import { checkoutReturnUrl } from './billing-actions.js';

/**
 * Change plan: the plans side by side with what each includes, then a confirmation that says what is charged now
 * and what from the next period, then the change. A downgrade waiting for the period's end can be called off.
 */
export function PlanChooser({ status }: { status: BillingStatus }) {
  const trpc = useTRPC();
  const id = useId();
  const queryClient = useQueryClient();
  const toaster = useToaster();
  const current = status.plan?.id;
  const [selected, setSelected] = useState<PlanId | undefined>(undefined);
  const [reviewing, setReviewing] = useState<PlanId | undefined>(undefined);
  const plans = useQuery(trpc.billing.plans.queryOptions(undefined, { staleTime: Infinity }));
  const quote = useQuery(trpc.billing.quotePlanChange.queryOptions(reviewing ? { plan: reviewing } : skipToken, { staleTime: 0, gcTime: 0 }));
  const refresh = () => {
    for (const queryKey of [trpc.billing.pathKey(), trpc.usage.pathKey(), trpc.tenants.me.queryKey()]) void queryClient.invalidateQueries({ queryKey });
  };
  const change = useMutation(
    trpc.billing.changePlan.mutationOptions({
      onSuccess: (result) => {
        if (result.kind === 'redirect') return window.location.assign(result.url);
        toaster.show(
          result.kind === 'changed' ? `You are on the ${result.quote.to.name} plan now.` : `Your plan changes to ${result.quote.to.name} on ${formatDay(result.quote.effectiveAt, { year: true })}.`,
        );
        setReviewing(undefined);
        setSelected(undefined);
        refresh();
      },
    }),
  );
  const cancel = useMutation(
    trpc.billing.cancelPlanChange.mutationOptions({
      onSuccess: () => {
        toaster.show(`You stay on the ${status.plan?.name ?? 'current'} plan.`);
        refresh();
      },
    }),
  );
  const pending = status.pendingPlanChange;
  const origin = window.location.origin;
  return (
    <section className="plan-chooser" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>Change plan</h3>
      {pending ? (
        <p className="notice" role="status">
          Your plan changes to {pending.plan.name} on {formatDay(pending.effectiveAt, { year: true })}; until then you keep {status.plan?.name}.{' '}
          <button type="button" disabled={cancel.isPending} onClick={() => cancel.mutate()}>
            Keep {status.plan?.name}
          </button>
        </p>
      ) : null}
      <ErrorNotice error={cancel.error ?? undefined} />
      {plans.data ? (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            if (selected && selected !== current) setReviewing(selected);
          }}
        >
          <fieldset className="plan-options" disabled={reviewing !== undefined}>
            <legend>Plans</legend>
            {plans.data.map((plan) => (
              <PlanOption key={plan.id} plan={plan} current={plan.id === current} checked={(selected ?? current) === plan.id} onSelect={() => setSelected(plan.id)} />
            ))}
          </fieldset>
          {reviewing ? null : (
            <p className="actions">
              <button type="submit" className="primary" disabled={!selected || selected === current}>
                Review the change
              </button>
            </p>
          )}
        </form>
      ) : (
        <LoadingNotice error={plans.error} what="the plans" />
      )}
      {reviewing ? (
        <div className="plan-confirmation" role="group" aria-label="Confirm the plan change">
          {quote.data ? <QuoteFacts quote={quote.data} /> : <LoadingNotice error={quote.error} what="the price of this change" />}
          <p className="actions">
            <button
              type="button"
              className="primary"
              disabled={!quote.data || change.isPending || change.data?.kind === 'redirect'}
              onClick={() =>
                quote.data &&
                change.mutate({ plan: reviewing, expectedChargeCents: quote.data.chargeNowCents, successUrl: checkoutReturnUrl(origin, 'done'), cancelUrl: checkoutReturnUrl(origin, 'cancelled') })
              }
            >
              {quote.data?.kind === 'downgrade' ? `Move to ${quote.data.to.name} at the end of the period` : `Confirm and pay ${formatCents(quote.data?.chargeNowCents ?? 0)}`}
            </button>
            <button
              type="button"
              disabled={change.isPending}
              onClick={() => {
                setReviewing(undefined);
                change.reset();
              }}
            >
              Back
            </button>
          </p>
          <ErrorNotice error={change.error ?? undefined} />
        </div>
      ) : null}
    </section>
  );
}

function PlanOption({ plan, current, checked, onSelect }: { plan: PlanOffer; current: boolean; checked: boolean; onSelect: () => void }) {
  const { limits } = plan;
  return (
    <label className={`plan-option${checked ? ' chosen' : ''}`}>
      <input type="radio" name="plan" value={plan.id} checked={checked} onChange={onSelect} />
      <span className="plan-option-name">
        {plan.name} {current ? <em>(current plan)</em> : null}
      </span>
      <strong>{plan.monthlyFeeCents === 0 ? 'No monthly fee' : `${formatCents(plan.monthlyFeeCents)} a month`}</strong>
      <span>
        Includes each month: {plan.included.transcode}, {plan.included.egress} of delivery, {plan.included.storage} of storage.
      </span>
      <span>
        {plan.overage.egress ? `Beyond that: ${plan.overage.transcode}, ${plan.overage.egress}, ${plan.overage.storage}.` : 'Nothing beyond that: uploads stop at the limits, videos keep playing.'}
      </span>
      <span>
        Uploads up to {formatBytes(limits.maxUploadGB * 1e9)}
        {limits.transcodeMinutesPerMonth === null ? '' : `, ${formatQuantity(limits.transcodeMinutesPerMonth)} transcode minutes a month`}
        {limits.storedGB === null ? '' : `, ${formatBytes(limits.storedGB * 1e9)} stored`}.
      </span>
    </label>
  );
}

function QuoteFacts({ quote }: { quote: PlanChangeQuote }) {
  return (
    <>
      <h4>
        {quote.from.name} → {quote.to.name}
      </h4>
      <dl className="facts">
        <dt>Charged now</dt>
        <dd data-testid="charge-now">{formatCents(quote.chargeNowCents)}</dd>
        <dt>From {formatDay(quote.nextPeriodStartsAt, { year: true })}</dt>
        <dd>{quote.to.monthlyFeeCents === 0 ? 'No monthly fee' : `${formatCents(quote.to.monthlyFeeCents)} a month`}</dd>
        <dt>{quote.to.name} limits apply</dt>
        <dd>{quote.kind === 'upgrade' ? 'At once' : `On ${formatDay(quote.effectiveAt, { year: true })}`}</dd>
      </dl>
      <p>{quote.summary}</p>
    </>
  );
}
