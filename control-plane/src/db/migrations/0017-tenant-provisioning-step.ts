import type { Kysely } from 'kysely';

// How far a tenant's set-up has come while it is `provisioning` (placed, applying): the portal shows it, since a
// tenant's CloudFront distribution takes minutes. Null before the job starts and once the tenant is active.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('tenants').addColumn('provisioning_step', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('tenants').dropColumn('provisioning_step').execute();
}
