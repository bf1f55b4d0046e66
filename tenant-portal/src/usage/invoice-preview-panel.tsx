import type { InvoicePreview } from '../api/api-types.js';
import { LoadingNotice } from '../components/loading-notice.js';
import { formatCents, formatDate, formatPeriod } from '../format/format.js';
import { InvoiceLinesTable } from './invoice-lines-table.js';

/** This period's invoice as it stands: the total first (it is what people look for), then the lines. */
export function InvoicePreviewPanel({ preview, error }: { preview: InvoicePreview | undefined; error: unknown }) {
  return (
    <section className="panel" aria-labelledby="invoice-preview-title">
      <h2 id="invoice-preview-title">Invoice preview</h2>
      {preview ? (
        <>
          <p className="invoice-total">
            <span>Total so far</span> <strong data-testid="invoice-total">{formatCents(preview.totalCents)}</strong>
          </p>
          <p className="hint">
            {preview.plan.name} plan, {formatPeriod(preview.period)}. Usage recorded up to {formatDate(preview.asOf)}; more may arrive until the period closes.
          </p>
          <InvoiceLinesTable caption="Invoice preview lines" lines={preview.lines} totalCents={preview.totalCents} totalLabel="Total so far" />
        </>
      ) : (
        <LoadingNotice error={error} what="the invoice preview" />
      )}
    </section>
  );
}
