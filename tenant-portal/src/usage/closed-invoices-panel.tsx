import type { Invoice } from '../api/api-types.js';
import { LoadingNotice } from '../components/loading-notice.js';
import { formatCents, formatDate, formatPeriod } from '../format/format.js';
import { InvoiceLinesTable } from './invoice-lines-table.js';

/** Invoices of closed periods, newest first, each opening onto its lines. */
export function ClosedInvoicesPanel({ invoices, error }: { invoices: readonly Invoice[] | undefined; error: unknown }) {
  return (
    <section className="panel" aria-labelledby="closed-invoices-title">
      <h2 id="closed-invoices-title">Invoices</h2>
      {!invoices ? <LoadingNotice error={error} what="invoices" /> : null}
      {invoices?.length === 0 ? <p className="empty">No invoices yet. A period&apos;s invoice is issued a few hours after the month ends.</p> : null}
      {invoices?.map((invoice) => (
        <details key={invoice.id} className="invoice">
          <summary>
            <span className="invoice-number">{invoice.number}</span> <span>{formatPeriod(invoice.period)}</span> <span>{invoice.plan.name}</span> <strong>{formatCents(invoice.totalCents)}</strong>
          </summary>
          <p className="hint">Issued {formatDate(invoice.issuedAt)}.</p>
          <InvoiceLinesTable caption={`Invoice ${invoice.number}`} lines={invoice.lines} totalCents={invoice.totalCents} totalLabel="Total" />
        </details>
      ))}
    </section>
  );
}
