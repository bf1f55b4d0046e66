// The viewer's receipt, branded as the tenant, sent once when a sale is granted (Stripe's own receipt, if the tenant
// turned it on in its account, comes from Stripe besides).
import { formatMinorUnits } from '@ott/contracts';
import type { DomainDeps } from '../deps.js';
import { sendTenantEmail } from '../email/send-tenant-email.js';

/** `to`: the address the viewer paid with (Checkout's customer email). */
export async function sendSaleReceipt(deps: Pick<DomainDeps, 'db' | 'email' | 'urls'>, tenantId: string, entitlementId: string, to: string): Promise<void> {
  const sale = await deps.db
    .selectFrom('entitlements')
    .innerJoin('offers', 'offers.id', 'entitlements.offer_id')
    .innerJoin('tenants', 'tenants.id', 'entitlements.tenant_id')
    .select([
      'offers.name',
      'offers.kind',
      'offers.billing_interval',
      'entitlements.amount',
      'entitlements.currency',
      'entitlements.status',
      'entitlements.period_end',
      'entitlements.rental_start_by',
      'entitlements.rental_watch_hours',
      'tenants.name as tenantName',
      'tenants.viewer_site_url',
    ])
    .where('entitlements.tenant_id', '=', tenantId)
    .where('entitlements.id', '=', entitlementId)
    .executeTakeFirstOrThrow();
  const paid = formatMinorUnits(sale.amount, sale.currency);
  const terms = {
    subscription:
      sale.status === 'trialing' && sale.period_end
        ? `Your free trial runs until ${day(sale.period_end)}; then ${sale.billing_interval === 'year' ? 'yearly' : 'monthly'} billing starts unless you cancel.`
        : `It renews every ${sale.billing_interval ?? 'month'}; cancel at any time and keep watching to the end of the period you paid for.`,
    rental: `Start watching by ${sale.rental_start_by ? day(sale.rental_start_by) : 'the date shown on the site'}; once started you have ${sale.rental_watch_hours ?? 0} hours to finish.`,
    purchase: 'It is yours to watch for as long as the site offers it.',
    bundle: 'The whole collection is yours to watch for as long as the site offers it.',
  }[sale.kind];
  await sendTenantEmail(deps, {
    tenantId,
    kind: 'purchase-receipt',
    to,
    content: {
      subject: `Your receipt from ${sale.tenantName}: ${sale.name}`,
      heading: `Thank you — ${sale.name}`,
      paragraphs: [`You paid ${paid}.`, terms],
      ...(sale.viewer_site_url ? { action: { label: 'Start watching', url: sale.viewer_site_url } } : {}),
      footnote: `You bought this from ${sale.tenantName}, who is the seller; payments are processed by Stripe.`,
    },
  });
}

function day(date: Date): string {
  return date.toISOString().slice(0, 10);
}
