import { skipToken, useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTRPC } from '../api/trpc.js';
import { CHECKOUT_NOTICES, checkoutOutcome } from './billing-actions.js';
import { BillingStandingNotice } from './billing-standing-notice.js';
import { ClosedInvoicesPanel } from './closed-invoices-panel.js';
import { InvoicePreviewPanel } from './invoice-preview-panel.js';
import { PlanPanel } from './plan-panel.js';
import { periodDays } from './usage-figures.js';
import { UsageDaysPanel } from './usage-days-panel.js';
import { VideoCostsPanel } from './video-costs-panel.js';

/** After Checkout the provider's webhook changes the plan a moment later: billing.status is asked again this often, for two minutes at most. */
const CHECKOUT_POLL_MS = 3000;
const CHECKOUT_POLLS = 40;

/** Usage and billing: this period's usage and invoice preview, the plan and its standing, cost per video, invoices. */
export function UsagePage() {
  const trpc = useTRPC();
  const [outcome] = useState(() => checkoutOutcome(window.location.search));
  // Said once: a reload or a bookmark of this page should not say it again.
  useEffect(() => {
    if (outcome) window.history.replaceState(null, '', window.location.pathname);
  }, [outcome]);
  const status = useQuery(
    trpc.billing.status.queryOptions(undefined, {
      refetchInterval: (query) => (outcome === 'done' && !query.state.data?.subscribed && query.state.dataUpdateCount < CHECKOUT_POLLS ? CHECKOUT_POLL_MS : false),
    }),
  );
  const preview = useQuery(trpc.billing.preview.queryOptions());
  // The usage queries cover the billing period, which the preview names; until it has, they wait.
  const period = preview.data ? { days: periodDays(preview.data.period.startsAt, preview.data.asOf) } : skipToken;
  const usage = useQuery(trpc.usage.summary.queryOptions(period));
  const byVideo = useQuery(trpc.usage.byVideo.queryOptions(period));
  const invoices = useQuery(trpc.billing.invoices.queryOptions());
  return (
    <section aria-labelledby="usage-title" className="usage-page">
      <h1 id="usage-title">Usage &amp; billing</h1>
      {outcome ? (
        <p className="notice" role="status">
          {CHECKOUT_NOTICES[outcome]}
        </p>
      ) : null}
      {status.data ? <BillingStandingNotice status={status.data} /> : null}
      <div className="usage-columns">
        <InvoicePreviewPanel preview={preview.data} error={preview.error} />
        <PlanPanel status={status.data} error={status.error} />
      </div>
      <UsageDaysPanel usage={usage.data} error={preview.error ?? usage.error} />
      <VideoCostsPanel videos={byVideo.data?.videos} plan={status.data?.plan} error={preview.error ?? byVideo.error} />
      <ClosedInvoicesPanel invoices={invoices.data} error={invoices.error} />
    </section>
  );
}
