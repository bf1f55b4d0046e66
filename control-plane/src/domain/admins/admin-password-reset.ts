// "Forgot your password?": the request is queued and answered at once, the same way whether or not the address is an
// admin of that workspace (no lookup happens while the requester waits, so neither the answer nor its time tells);
// the worker looks the admin up and emails a single-use link. At most RESETS_PER_HOUR links an hour per admin, and
// one request per address waiting in the queue (the job's singleton key): a stranger cannot flood someone's inbox.
import type { DomainDeps } from '../deps.js';
import { sendTenantEmail } from '../email/send-tenant-email.js';
import { issueAdminLink } from './admin-email-links.js';

const RESETS_PER_HOUR = 3;

export interface PasswordResetRequest {
  tenantSlug: string;
  email: string;
}

export async function requestAdminPasswordReset(deps: Pick<DomainDeps, 'queue'>, request: PasswordResetRequest): Promise<{ requested: true }> {
  await deps.queue.enqueue({ type: 'send-admin-password-reset', tenantSlug: request.tenantSlug.trim().toLowerCase(), email: request.email.trim().toLowerCase() });
  return { requested: true };
}

/** The worker's half: nothing is sent for an unknown workspace or address, nor past the hourly allowance. */
export async function sendAdminPasswordReset(deps: Pick<DomainDeps, 'db' | 'clock' | 'urls' | 'email'>, request: PasswordResetRequest): Promise<void> {
  const admin = await deps.db
    .selectFrom('admins')
    .innerJoin('tenants', 'tenants.id', 'admins.tenant_id')
    .select(['admins.id', 'admins.tenant_id', 'admins.email', 'tenants.name', 'tenants.slug'])
    .where('tenants.slug', '=', request.tenantSlug)
    .where('admins.email', '=', request.email)
    .executeTakeFirst();
  if (!admin) return;
  const hourAgo = new Date(deps.clock.now().getTime() - 3600_000);
  const recent = await deps.db
    .selectFrom('admin_email_links')
    .select((eb) => eb.fn.countAll<string>().as('count'))
    .where('admin_id', '=', admin.id)
    .where('purpose', '=', 'password-reset')
    .where('created_at', '>', hourAgo)
    .executeTakeFirstOrThrow();
  if (Number(recent.count) >= RESETS_PER_HOUR) return;
  const link = await issueAdminLink(deps, { tenantId: admin.tenant_id, adminId: admin.id, purpose: 'password-reset' });
  await sendTenantEmail(deps, {
    tenantId: admin.tenant_id,
    kind: 'admin-password-reset',
    to: admin.email,
    content: {
      subject: `Reset your ${admin.name} password`,
      heading: 'Choose a new password',
      paragraphs: [`Someone asked to reset the password of ${admin.email} in the workspace “${admin.slug}”.`, 'The link works once, for one hour. Using it signs you out everywhere else.'],
      action: { label: 'Choose a new password', url: link },
      footnote: 'If you did not ask for this, ignore this email: your password stays as it is.',
    },
  });
}
