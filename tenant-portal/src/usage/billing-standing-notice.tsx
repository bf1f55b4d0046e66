import type { BillingStatus } from '../api/api-types.js';
import { formatCents, formatDate } from '../format/format.js';

/** A failed payment: since when, how long uploads keep working, and what to do. Nothing while paid up. */
export function BillingStandingNotice({ status }: { status: BillingStatus }) {
  const { pastDueSince, graceEndsAt, unpaidInvoices } = status;
  if (status.status !== 'past_due' || !pastDueSince || !graceEndsAt) return null;
  const owed = unpaidInvoices.reduce((sum, invoice) => sum + invoice.amountDueCents, 0);
  return (
    <div className="notice notice-error standing" role="alert">
      <h2>Payment past due</h2>
      <p>
        A payment of {formatCents(owed)} failed on {formatDate(pastDueSince)}.{' '}
        {status.uploadsAllowed
          ? `Uploads keep working until ${formatDate(graceEndsAt)} while the card is tried again; after that, new uploads pause until the invoice is paid.`
          : `The grace period ended on ${formatDate(graceEndsAt)}: new uploads are paused until the invoice is paid.`}{' '}
        Your videos keep playing.
      </p>
      <p>Update the card with Manage billing below (the workspace owner can), or pay the invoice directly:</p>
      <ul>
        {unpaidInvoices.map((invoice) => (
          <li key={invoice.id}>
            {invoice.hostedUrl ? <a href={invoice.hostedUrl}>Pay {formatCents(invoice.amountDueCents)}</a> : `${formatCents(invoice.amountDueCents)} due`}
            {invoice.nextAttemptAt ? ` · next automatic attempt ${formatDate(invoice.nextAttemptAt)}` : ''}
          </li>
        ))}
      </ul>
    </div>
  );
}
