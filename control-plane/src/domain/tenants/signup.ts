import { hashPassword } from '../../crypto/passwords.js';
import type { DomainDeps } from '../deps.js';
import { conflict } from '../errors.js';
import { issueSession, type AdminSession } from '../admins/admin-sessions.js';

export interface SignupInput {
  companyName: string;
  slug: string;
  email: string;
  password: string;
}

/** Creates the tenant and its owner, queues provisioning, and signs the owner in. */
export async function signUpTenant(deps: Pick<DomainDeps, 'db' | 'queue' | 'clock' | 'authSecret'>, input: SignupInput): Promise<AdminSession> {
  const slug = input.slug.toLowerCase();
  const passwordHash = await hashPassword(input.password);
  const created = await deps.db.transaction().execute(async (trx) => {
    const tenant = await trx
      .insertInto('tenants')
      .values({ slug, name: input.companyName.trim() })
      .onConflict((oc) => oc.column('slug').doNothing())
      .returning(['id'])
      .executeTakeFirst();
    if (!tenant) throw conflict(`The workspace name "${slug}" is taken. Choose another one.`);
    const admin = await trx
      .insertInto('admins')
      .values({ tenant_id: tenant.id, email: input.email.trim().toLowerCase(), password_hash: passwordHash, role: 'owner' })
      .returning(['id'])
      .executeTakeFirstOrThrow();
    return { tenantId: tenant.id, adminId: admin.id };
  });
  await deps.queue.enqueue({ type: 'provision-tenant', tenantId: created.tenantId });
  return issueSession(deps, { adminId: created.adminId, tenantId: created.tenantId, role: 'owner', tokenVersion: 0 }, slug);
}
