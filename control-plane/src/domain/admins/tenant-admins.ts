// The owner adds and removes the tenant's other admins. A new admin gets a temporary password to pass on.
import { hashPassword, temporaryPassword } from '../../crypto/passwords.js';
import type { AdminRole } from '../../db/schema.js';
import type { DomainDeps } from '../deps.js';
import { conflict, invalid, notFound } from '../errors.js';

export async function addAdmin(deps: Pick<DomainDeps, 'db'>, tenantId: string, email: string, role: AdminRole) {
  const password = temporaryPassword();
  const admin = await deps.db
    .insertInto('admins')
    .values({ tenant_id: tenantId, email: email.trim().toLowerCase(), password_hash: await hashPassword(password), role })
    .onConflict((oc) => oc.columns(['tenant_id', 'email']).doNothing())
    .returning(['id', 'email', 'role'])
    .executeTakeFirst();
  if (!admin) throw conflict(`${email} is already an admin of this workspace.`);
  return { adminId: admin.id, email: admin.email, role: admin.role, temporaryPassword: password };
}

export async function listAdmins(deps: Pick<DomainDeps, 'db'>, tenantId: string) {
  const rows = await deps.db.selectFrom('admins').select(['id', 'email', 'role', 'created_at']).where('tenant_id', '=', tenantId).orderBy('created_at').execute();
  return rows.map((row) => ({ adminId: row.id, email: row.email, role: row.role, createdAt: row.created_at }));
}

export async function removeAdmin(deps: Pick<DomainDeps, 'db'>, tenantId: string, adminId: string, requestedBy: string): Promise<void> {
  if (adminId === requestedBy) throw invalid('You cannot remove yourself. Ask another owner, or transfer ownership first.');
  const admin = await deps.db.selectFrom('admins').select(['role']).where('tenant_id', '=', tenantId).where('id', '=', adminId).executeTakeFirst();
  if (!admin) throw notFound('The admin');
  // Their refresh tokens go with them (cascade); access tokens lapse within 15 minutes.
  await deps.db.deleteFrom('admins').where('tenant_id', '=', tenantId).where('id', '=', adminId).execute();
}
