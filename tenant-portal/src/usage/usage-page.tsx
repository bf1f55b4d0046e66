import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTRPC } from '../api/trpc.js';
import { CHECKOUT_NOTICES, checkoutOutcome } from './billing-actions.js';
import { BillingStandingNotice } from './billing-standing-notice.js';
import { ClosedInvoicesPanel } from './closed-invoices-panel.js';
import { InvoicePreviewPanel } from './invoice-preview-panel.js';
import { PlanPanel } from './plan-panel.js';
import { UsageDaysPanel } from './usage-days-panel.js';
import { UsageOverviewPanel } from './usage-overview-panel.js';
import { VideoCostsPanel } from './video-costs-panel.js';

/** After Checkout the provider's webhook changes the plan a moment later: the status is asked again this often, for two minutes at most. */
const CHECKOUT_POLL_MS = 3000;
const CHECKOUT_POLLS = 40;

/** Usage and billing: this month at a glance, the invoice preview, the plan and its changes, usage by day, cost per video, invoices. */
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
  const overview = useQuery(trpc.usage.overview.queryOptions());
  const byVideo = useQuery(trpc.usage.byVideo.queryOptions({ days: overview.data?.days.soFar ?? 30 }, { enabled: overview.data !== undefined }));
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
      <UsageOverviewPanel overview={overview.data} error={overview.error} />
      <div className="usage-columns">
        <InvoicePreviewPanel preview={preview.data} error={preview.error} />
        <PlanPanel status={status.data} error={status.error} />
      </div>
      <UsageDaysPanel />
      <VideoCostsPanel videos={byVideo.data?.videos} plan={status.data?.plan} error={overview.error ?? byVideo.error} />
      <ClosedInvoicesPanel invoices={invoices.data} error={invoices.error} />
    </section>
  );
}
