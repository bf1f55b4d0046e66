import { OffersPanel } from './offers-panel.js';
import { SalesReportPanel } from './sales-report-panel.js';
import { StorePanel } from './store-panel.js';

/** Selling to viewers: the tenant's Stripe account, its offers, and what sold. */
export function SalesPage() {
  return (
    <section aria-labelledby="sales-title">
      <h1 id="sales-title">Sales</h1>
      <StorePanel />
      <OffersPanel />
      <SalesReportPanel />
    </section>
  );
}
