import type { BillingStatus, PlanOffer } from '../api/api-types.js';
import { LoadingNotice } from '../components/loading-notice.js';
import { RecordTable } from '../components/record-table.js';
import { formatBytes, formatCents, formatQuantity } from '../format/format.js';
import { useSessionState } from '../session/session-context.js';
import { billingActions } from './billing-actions.js';
import { BillingButtons } from './billing-buttons.js';
import { PlanChooser } from './plan-chooser.js';

const METERS: { key: keyof PlanOffer['included']; label: string }[] = [
  { key: 'transcode', label: 'Transcoding' },
  { key: 'egress', label: 'Delivery' },
  { key: 'storage', label: 'Storage' },
];

/** The plan: its fee, its hard limits, what it includes and the price beyond; then changing it, and the payment method. */
export function PlanPanel({ status, error }: { status: BillingStatus | undefined; error: unknown }) {
  const plan = status?.plan;
  const { session } = useSessionState();
  const actions = status ? billingActions(status, session?.role ?? 'admin') : undefined;
  return (
    <section className="panel" aria-labelledby="plan-title">
      <h2 id="plan-title">Plan{plan ? `: ${plan.name}` : ''}</h2>
      {!status ? <LoadingNotice error={error} what="your plan" /> : null}
      {plan ? (
        <>
          <dl className="facts">
            <dt>Monthly fee</dt>
            <dd>{formatCents(plan.monthlyFeeCents)}</dd>
            <dt>Payments</dt>
            <dd className={status.status === 'past_due' ? 'error-text' : ''}>{status.status === 'past_due' ? 'Past due' : 'Up to date'}</dd>
            <dt>Payment method</dt>
            <dd>{status.paymentMethodOnFile ? 'On file' : 'None yet'}</dd>
            <dt>Transcoding</dt>
            <dd>{plan.limits.transcodeMinutesPerMonth === null ? 'No limit' : `Up to ${formatQuantity(plan.limits.transcodeMinutesPerMonth)} normalised transcode minutes a month`}</dd>
            <dt>Storage</dt>
            <dd>{plan.limits.storedGB === null ? 'No limit' : `Up to ${formatBytes(plan.limits.storedGB * 1e9)}`}</dd>
            <dt>Largest upload</dt>
            <dd>{formatBytes(plan.limits.maxUploadGB * 1e9)}</dd>
          </dl>
          <RecordTable
            caption={`What the ${plan.name} plan includes`}
            columns={['Usage', 'Included each month', 'Beyond that']}
            rows={METERS.map((meter) => ({ key: meter.key, name: meter.label, cells: [plan.included[meter.key], plan.overage[meter.key] ?? 'Not sold'] }))}
          />
          {METERS.some((meter) => plan.overage[meter.key] === null) ? (
            <small className="hint">What is not sold is not billed: new uploads stop at the limits above instead, and videos keep playing.</small>
          ) : null}
        </>
      ) : null}
      {status && !plan ? <p className="hint">Your workspace is on a plan this page does not know. Contact support.</p> : null}
      {status && session?.role !== 'owner' ? <p className="hint">Only the workspace owner can change the plan or the payment method.</p> : null}
      {status && actions ? <BillingButtons status={status} actions={actions} /> : null}
      {status && actions?.changePlan ? <PlanChooser status={status} /> : null}
    </section>
  );
}
