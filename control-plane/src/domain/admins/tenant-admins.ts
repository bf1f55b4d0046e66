// The owner adds and removes the tenant's other admins. A new admin is invited by email: a single-use link to the
// portal's "accept invitation" page, where they choose their password. Nobody else ever sees a password of theirs.
import { hashPassword, temporaryPassword } from '../../crypto/passwords.js';
import type { AdminRole } from '../../db/schema.js';
import type { DomainDeps } from '../deps.js';
import { sendTenantEmail } from '../email/send-tenant-email.js';
import { conflict, invalid, notFound } from '../errors.js';
import { issueAdminLink } from './admin-email-links.js';

type InviteDeps = Pick<DomainDeps, 'db' | 'clock' | 'urls' | 'email'>;

export async function addAdmin(deps: InviteDeps, tenantId: string, email: string, role: AdminRole, invitedBy: string) {
  // A password nobody knows, never shown: the admin cannot sign in until they choose theirs through the link.
  const unusable = await hashPassword(temporaryPassword());
  const admin = await deps.db
    .insertInto('admins')
    .values({ tenant_id: tenantId, email: email.trim().toLowerCase(), password_hash: unusable, role, invitation_pending: true })
    .onConflict((oc) => oc.columns(['tenant_id', 'email']).doNothing())
    .returning(['id', 'email', 'role'])
    .executeTakeFirst();
  if (!admin) throw conflict(`${email} is already an admin of this workspace.`);
  await sendAdminInvitation(deps, tenantId, { adminId: admin.id, email: admin.email, role: admin.role }, invitedBy);
  return { adminId: admin.id, email: admin.email, role: admin.role, status: 'invited' as const };
}

/** A new invitation link (the previous one stops working) for an admin who has not chosen a password yet. */
export async function resendAdminInvitation(deps: InviteDeps, tenantId: string, adminId: string, invitedBy: string) {
  const admin = await deps.db.selectFrom('admins').select(['id', 'email', 'role', 'invitation_pending']).where('tenant_id', '=', tenantId).where('id', '=', adminId).executeTakeFirst();
  if (!admin) throw notFound('The admin');
  if (!admin.invitation_pending) throw conflict(`${admin.email} has already accepted the invitation.`);
  await sendAdminInvitation(deps, tenantId, { adminId: admin.id, email: admin.email, role: admin.role }, invitedBy);
  return { adminId: admin.id, email: admin.email };
}

async function sendAdminInvitation(deps: InviteDeps, tenantId: string, admin: { adminId: string; email: string; role: AdminRole }, invitedBy: string): Promise<void> {
  const link = await issueAdminLink(deps, { tenantId, adminId: admin.adminId, purpose: 'invitation' });
  const [tenant, inviter] = await Promise.all([
    deps.db.selectFrom('tenants').select(['name', 'slug']).where('id', '=', tenantId).executeTakeFirstOrThrow(),
    deps.db.selectFrom('admins').select('email').where('id', '=', invitedBy).executeTakeFirst(),
  ]);
  await sendTenantEmail(deps, {
    tenantId,
    kind: 'admin-invitation',
    to: admin.email,
    content: {
      subject: `Join ${tenant.name} on OTT Cloud`,
      heading: `You're invited to manage ${tenant.name}'s videos`,
      paragraphs: [
        `${inviter?.email ?? 'The workspace owner'} added you as ${admin.role === 'owner' ? 'an owner' : 'an admin'} of the workspace “${tenant.slug}”.`,
        'Choose your password to accept. The link works once, for 7 days.',
      ],
      action: { label: 'Accept the invitation', url: link },
      footnote: `If you did not expect this, ignore it: nothing happens until the link is used.`,
    },
  });
}

export async function listAdmins(deps: Pick<DomainDeps, 'db'>, tenantId: string) {
  const rows = await deps.db.selectFrom('admins').select(['id', 'email', 'role', 'invitation_pending', 'created_at']).where('tenant_id', '=', tenantId).orderBy('created_at').execute();
  return rows.map((row) => ({ adminId: row.id, email: row.email, role: row.role, status: row.invitation_pending ? ('invited' as const) : ('active' as const), createdAt: row.created_at }));
}

export async function removeAdmin(deps: Pick<DomainDeps, 'db'>, tenantId: string, adminId: string, requestedBy: string): Promise<void> {
  if (adminId === requestedBy) throw invalid('You cannot remove yourself. Ask another owner, or transfer ownership first.');
  const admin = await deps.db.selectFrom('admins').select(['role']).where('tenant_id', '=', tenantId).where('id', '=', adminId).executeTakeFirst();
  if (!admin) throw notFound('The admin');
  // Their refresh tokens go with them (cascade); access tokens lapse within 15 minutes.
  await deps.db.deleteFrom('admins').where('tenant_id', '=', tenantId).where('id', '=', adminId).execute();
}
