// Single-use links emailed to an admin: an invitation (choose a first password) or a password reset. The link carries
// a random token in its fragment (never sent to a server by the browser, so never in an access log); only its SHA-256
// is stored. Following it sets the password, ends every session the admin had, and signs this browser in.
import { opaqueToken, sha256 } from '../../crypto/ids.js';
import { hashPassword } from '../../crypto/passwords.js';
import type { DomainDeps } from '../deps.js';
import { invalid } from '../errors.js';
import { endAdminSessions, issueSession, type AdminSession } from './admin-sessions.js';

export type AdminLinkPurpose = 'invitation' | 'password-reset';

const LIFETIME_MS: Record<AdminLinkPurpose, number> = { invitation: 7 * 24 * 3600_000, 'password-reset': 3600_000 };
const PAGE: Record<AdminLinkPurpose, string> = { invitation: 'accept-invitation', 'password-reset': 'reset-password' };

const expiredLink = (purpose: AdminLinkPurpose) =>
  invalid(
    purpose === 'invitation'
      ? 'This invitation link has expired or was already used. Ask the workspace owner to send the invitation again.'
      : 'This reset link has expired or was already used. Ask for a new one with “Forgot your password?” on the sign-in page.',
  );

/** A new link for the admin; earlier unused links of the same purpose stop working. Answers the portal URL to email. */
export async function issueAdminLink(deps: Pick<DomainDeps, 'db' | 'clock' | 'urls'>, link: { tenantId: string; adminId: string; purpose: AdminLinkPurpose }): Promise<string> {
  const token = opaqueToken();
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('admin_email_links')
      .set({ expires_at: now })
      .where('admin_id', '=', link.adminId)
      .where('purpose', '=', link.purpose)
      .where('used_at', 'is', null)
      .where('expires_at', '>', now)
      .execute();
    await trx
      .insertInto('admin_email_links')
      .values({ tenant_id: link.tenantId, admin_id: link.adminId, purpose: link.purpose, token_hash: sha256(token), expires_at: new Date(now.getTime() + LIFETIME_MS[link.purpose]) })
      .execute();
  });
  return `${deps.urls.api}/${PAGE[link.purpose]}#${token}`;
}

/** Who the link is for, for the page it opens ("Join Acme Films as ada@acme.example"); refused once it cannot be used. */
export async function describeAdminLink(deps: Pick<DomainDeps, 'db' | 'clock'>, token: string, purpose: AdminLinkPurpose) {
  const link = await deps.db
    .selectFrom('admin_email_links')
    .innerJoin('admins', 'admins.id', 'admin_email_links.admin_id')
    .innerJoin('tenants', 'tenants.id', 'admin_email_links.tenant_id')
    .select(['admins.email', 'tenants.name as tenantName', 'tenants.slug as tenantSlug'])
    .where('admin_email_links.token_hash', '=', sha256(token))
    .where('admin_email_links.purpose', '=', purpose)
    .where('admin_email_links.used_at', 'is', null)
    .where('admin_email_links.expires_at', '>', deps.clock.now())
    .executeTakeFirst();
  if (!link) throw expiredLink(purpose);
  return link;
}

/** Sets the password the link allows, once; every other session of the admin ends (tokens and refresh families). */
export async function redeemAdminLink(deps: Pick<DomainDeps, 'db' | 'clock' | 'authSecret'>, input: { token: string; purpose: AdminLinkPurpose; newPassword: string }): Promise<AdminSession> {
  const passwordHash = await hashPassword(input.newPassword);
  const now = deps.clock.now();
  const admin = await deps.db.transaction().execute(async (trx) => {
    // Locked: two clicks on one link set the password once.
    const link = await trx
      .selectFrom('admin_email_links')
      .select(['id', 'admin_id'])
      .where('token_hash', '=', sha256(input.token))
      .where('purpose', '=', input.purpose)
      .where('used_at', 'is', null)
      .where('expires_at', '>', now)
      .forUpdate()
      .executeTakeFirst();
    if (!link) return undefined;
    await trx.updateTable('admin_email_links').set({ used_at: now }).where('id', '=', link.id).execute();
    const updated = await trx
      .updateTable('admins')
      .set((eb) => ({ password_hash: passwordHash, token_version: eb('token_version', '+', 1), password_changed_at: now, invitation_pending: false }))
      .where('id', '=', link.admin_id)
      .returning(['id', 'tenant_id', 'role', 'token_version'])
      .executeTakeFirstOrThrow();
    await endAdminSessions(trx, link.admin_id, 'password-changed', now);
    const tenant = await trx.selectFrom('tenants').select('slug').where('id', '=', updated.tenant_id).executeTakeFirstOrThrow();
    return { ...updated, slug: tenant.slug };
  });
  if (!admin) throw expiredLink(input.purpose);
  return issueSession(deps, { adminId: admin.id, tenantId: admin.tenant_id, role: admin.role, tokenVersion: admin.token_version }, admin.slug);
}
