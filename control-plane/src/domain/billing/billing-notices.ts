// Billing notices by email to the tenant's owners: an invoice was issued (a closed period), a payment failed (the
// billing provider's webhook). Sent after the change is committed, once per change: a duplicate webhook delivery or a
// re-run closing job finds nothing new to tell.
import { formatCents } from '@ott/contracts';
import type { ProviderInvoice } from '../../ports.js';
import type { DomainDeps } from '../deps.js';
import { sendTenantEmail } from '../email/send-tenant-email.js';
import type { EmailContent } from '../email/branded-email.js';

type Deps = Pick<DomainDeps, 'db' | 'email' | 'urls'>;

/** Every invoice issued at or after `since` (one closing run), told to its tenant's owners. */
export async function sendInvoicesIssuedSince(deps: Deps, since: Date): Promise<void> {
  const invoices = await deps.db.selectFrom('invoices').select(['tenant_id', 'number', 'total_cents', 'issued_at']).where('issued_at', '>=', since).execute();
  for (const invoice of invoices) {
    await tellOwners(deps, invoice.tenant_id, {
      subject: `Invoice ${invoice.number}: ${formatCents(Number(invoice.total_cents))}`,
      heading: `Your invoice ${invoice.number} is ready`,
      paragraphs: [`The total is ${formatCents(Number(invoice.total_cents))}.`, 'Usage & billing in the portal shows its lines: plan, transcoding, delivery and storage.'],
      action: { label: 'See the invoice', url: `${deps.urls.api}/usage` },
    });
  }
}

export async function sendPaymentFailedNotice(deps: Deps, tenantId: string, invoice: ProviderInvoice): Promise<void> {
  const retry = invoice.nextAttemptAt ? `We try again on ${invoice.nextAttemptAt.toISOString().slice(0, 10)}.` : 'No further attempt is scheduled.';
  await tellOwners(deps, tenantId, {
    subject: `Payment of ${formatCents(invoice.amountDueCents)} failed`,
    heading: 'Your payment did not go through',
    paragraphs: [
      `The payment of ${formatCents(invoice.amountDueCents)} failed. ${retry}`,
      'Update your payment method to keep uploading: after the grace period, new uploads are paused until the invoice is paid.',
    ],
    action: invoice.hostedUrl ? { label: 'Pay the invoice', url: invoice.hostedUrl } : { label: 'Open Usage & billing', url: `${deps.urls.api}/usage` },
  });
}

async function tellOwners(deps: Deps, tenantId: string, content: EmailContent): Promise<void> {
  const owners = await deps.db.selectFrom('admins').select('email').where('tenant_id', '=', tenantId).where('role', '=', 'owner').where('invitation_pending', '=', false).execute();
  for (const owner of owners) await sendTenantEmail(deps, { tenantId, kind: 'billing-notice', to: owner.email, content });
}
