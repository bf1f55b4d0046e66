// A password change ends every other session at once: every refresh-token family ends and the token version
// moves on, so access tokens issued before it stop working too.
import { hashPassword, verifyPassword } from '../../crypto/passwords.js';
import type { DomainDeps } from '../deps.js';
import { invalid, unauthenticated, wrongCurrentPassword } from '../errors.js';
import { endAdminSessions, issueSession, type AdminPrincipal, type AdminSession } from './admin-sessions.js';

export async function changeAdminPassword(
  deps: Pick<DomainDeps, 'db' | 'clock' | 'authSecret'>,
  principal: AdminPrincipal,
  input: { currentPassword: string; newPassword: string },
): Promise<AdminSession> {
  const admin = await deps.db
    .selectFrom('admins')
    .innerJoin('tenants', 'tenants.id', 'admins.tenant_id')
    .select(['admins.password_hash', 'tenants.slug'])
    .where('admins.id', '=', principal.adminId)
    .where('admins.tenant_id', '=', principal.tenantId)
    .executeTakeFirst();
  if (!admin) throw unauthenticated();
  if (!(await verifyPassword(input.currentPassword, admin.password_hash))) throw wrongCurrentPassword();
  if (input.currentPassword === input.newPassword) throw invalid('Choose a new password that differs from the current one.');
  const passwordHash = await hashPassword(input.newPassword);
  const now = deps.clock.now();
  const updated = await deps.db.transaction().execute(async (trx) => {
    const row = await trx
      .updateTable('admins')
      .set((eb) => ({ password_hash: passwordHash, token_version: eb('token_version', '+', 1), password_changed_at: now }))
      .where('id', '=', principal.adminId)
      .returning(['token_version', 'role'])
      .executeTakeFirstOrThrow();
    await endAdminSessions(trx, principal.adminId, 'password-changed', now);
    return row;
  });
  return issueSession(deps, { adminId: principal.adminId, tenantId: principal.tenantId, role: updated.role, tokenVersion: updated.token_version }, admin.slug);
}
