// Whether a tenant is paid up. A failed invoice payment makes the tenant past due; uploads keep working through
// a grace period while Stripe retries the card, then new uploads are refused with what to do about it. Playback
// is never cut: the tenant's viewers are not the ones who missed a payment.
import { formatBytes, formatCents } from '@ott/contracts';
import type { ProviderInvoiceStatus } from '../../db/schema.js';
import type { DomainDeps } from '../deps.js';
import { forbidden, limitExceeded } from '../errors.js';
import type { Plan } from './plans.js';
import { addDays, isoDay as day } from '../usage/time-buckets.js';
import { ensureOpenPeriod, unbilledTotals } from './billing-periods.js';
import { storageAllowance } from './storage-allowance.js';

export const GRACE_PERIOD_DAYS = 7;

export interface BillingStanding {
  status: 'active' | 'past_due';
  /** When the first still-unpaid invoice failed. */
  pastDueSince: Date | null;
  graceEndsAt: Date | null;
  uploadsAllowed: boolean;
  unpaidInvoices: { id: string; amountDueCents: number; hostedUrl: string | null; failedAt: Date | null; nextAttemptAt: Date | null }[];
}

export async function billingStanding(deps: Pick<DomainDeps, 'db' | 'clock'>, tenantId: string): Promise<BillingStanding> {
  const failedStatus: ProviderInvoiceStatus = 'payment_failed';
  const unpaid = await deps.db
    .selectFrom('provider_invoices')
    .select(['provider_invoice_id', 'amount_due_cents', 'hosted_url', 'failed_at', 'next_attempt_at'])
    .where('tenant_id', '=', tenantId)
    .where('status', '=', failedStatus)
    .orderBy('failed_at')
    .execute();
  const pastDueSince = unpaid[0]?.failed_at ?? null;
  const graceEndsAt = pastDueSince ? addDays(pastDueSince, GRACE_PERIOD_DAYS) : null;
  return {
    status: pastDueSince ? 'past_due' : 'active',
    pastDueSince,
    graceEndsAt,
    uploadsAllowed: !graceEndsAt || deps.clock.now() < graceEndsAt,
    unpaidInvoices: unpaid.map((row) => ({
      id: row.provider_invoice_id,
      amountDueCents: Number(row.amount_due_cents),
      hostedUrl: row.hosted_url,
      failedAt: row.failed_at,
      nextAttemptAt: row.next_attempt_at,
    })),
  };
}

/**
 * Checked before an upload starts: payments past their grace period, then the plan's hard limits. The caller
 * serialises a tenant's checks with the upload they admit (see createUpload), or two could share the last gigabyte.
 */
export async function assertUploadAllowed(deps: Pick<DomainDeps, 'db' | 'clock'>, tenantId: string, plan: Plan, uploadBytes: number): Promise<void> {
  const standing = await billingStanding(deps, tenantId);
  if (!standing.uploadsAllowed && standing.graceEndsAt && standing.pastDueSince) {
    const owed = standing.unpaidInvoices.reduce((sum, invoice) => sum + invoice.amountDueCents, 0);
    throw forbidden(
      `Uploads are paused: the payment of ${formatCents(owed)} failed on ${day(standing.pastDueSince)} and the ${GRACE_PERIOD_DAYS}-day grace period ended on ${day(standing.graceEndsAt)}. ` +
        'Update your card with Manage billing on the Usage & billing page and pay the open invoice; uploads resume as soon as it is paid. Your videos keep playing meanwhile.',
    );
  }
  const { transcodeSecondsPerPeriod, storedBytes } = plan.billing.limits;
  if (transcodeSecondsPerPeriod !== null) {
    const period = await ensureOpenPeriod(deps.db, tenantId, deps.clock.now());
    const used = Number((await unbilledTotals(deps.db, tenantId, period.endsAt)).transcode);
    if (used >= transcodeSecondsPerPeriod) {
      throw limitExceeded(
        `You have used the ${transcodeSecondsPerPeriod / 60} normalised transcode minutes the ${plan.name} plan includes this month. Upgrade to Pro to keep uploading, or wait until ${day(period.endsAt)} when the allowance renews.`,
      );
    }
  }
  if (storedBytes !== null) {
    const allowance = await storageAllowance(deps, tenantId, storedBytes);
    if (uploadBytes > allowance.leftBytes) {
      const { uploads, bytes } = allowance.inProgress;
      const held = uploads > 0 ? ` (${uploads} upload${uploads === 1 ? '' : 's'} in progress hold${uploads === 1 ? 's' : ''} ${formatBytes(bytes)})` : '';
      throw limitExceeded(
        `You have ${formatBytes(allowance.leftBytes)} left of ${formatBytes(storedBytes)}${held} and this file is ${formatBytes(uploadBytes)}; the ${plan.name} plan stores up to ${formatBytes(storedBytes)}. ` +
          'Delete videos you no longer need or unfinished uploads you will not finish, or upgrade to Pro.',
      );
    }
  }
}
