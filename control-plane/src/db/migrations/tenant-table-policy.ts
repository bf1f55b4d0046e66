import { sql, type Kysely } from 'kysely';

/**
 * The tenant policy every tenant-owned table has (0007, in its 0011 form), for tables created by later migrations:
 * applied when the database has the policies at all (a database migrated before 0007 never had them). Earlier
 * migrations spell the same block out; they stay as they ran.
 */
export async function applyTenantPolicy(db: Kysely<unknown>, table: string): Promise<void> {
  const secured = await sql`select 1 from pg_policies where schemaname = 'public' and tablename = 'tenants' and policyname = 'tenant_isolation'`.execute(db);
  if (secured.rows.length === 0) return;
  const scopeIsOpen = sql`(select coalesce(current_setting('ott.tenant_id', true), '') = '')`;
  const scopedTenant = sql`(select nullif(current_setting('ott.tenant_id', true), '')::uuid)`;
  await sql`alter table ${sql.table(table)} enable row level security`.execute(db);
  await sql`alter table ${sql.table(table)} force row level security`.execute(db);
  await sql`create policy tenant_isolation on ${sql.table(table)} using (${scopeIsOpen} or tenant_id = ${scopedTenant}) with check (${scopeIsOpen} or tenant_id = ${scopedTenant})`.execute(db);
}
