import { sql, type Kysely } from 'kysely';

// Server API keys (domain/api-keys/) and the REST API's idempotency records (api/rest/idempotency.ts).
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('api_keys')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('tenant_id', 'uuid', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    // `ott_sk_` and 8 id characters: how a presented key is found (unique across tenants, so no tenant is needed).
    .addColumn('prefix', 'text', (c) => c.notNull().unique())
    // sha256 of the whole key: the key carries 256 random bits, so a fast hash cannot be searched back to it.
    .addColumn('secret_hash', 'bytea', (c) => c.notNull())
    .addColumn('scopes', sql`text[]`, (c) => c.notNull().check(sql`cardinality(scopes) > 0`))
    .addColumn('created_by_admin_id', 'uuid', (c) => c.references('admins.id').onDelete('set null'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('last_used_at', 'timestamptz')
    .addColumn('revoked_at', 'timestamptz')
    .execute();
  await db.schema.createIndex('api_keys_tenant').on('api_keys').columns(['tenant_id', 'created_at']).execute();

  await db.schema
    .createTable('idempotency_keys')
    .addColumn('tenant_id', 'uuid', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('api_key_id', 'uuid', (c) => c.notNull().references('api_keys.id').onDelete('cascade'))
    .addColumn('key', 'text', (c) => c.notNull())
    // method, path and sha256 of the body: the same key sent with another request is a conflict, not a replay.
    .addColumn('fingerprint', 'text', (c) => c.notNull())
    // null while the first request is still running.
    .addColumn('status', 'integer')
    .addColumn('response', 'jsonb')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('idempotency_keys_pkey', ['api_key_id', 'key'])
    .execute();
  await db.schema.createIndex('idempotency_keys_expiry').on('idempotency_keys').columns(['tenant_id', 'created_at']).execute();

  // The same tenant policy as every other tenant table (0007, in its 0011 form), when the database has them.
  const secured = await sql`select 1 from pg_policies where schemaname = 'public' and tablename = 'tenants' and policyname = 'tenant_isolation'`.execute(db);
  if (secured.rows.length === 0) return;
  const scopeIsOpen = sql`(select coalesce(current_setting('ott.tenant_id', true), '') = '')`;
  const scopedTenant = sql`(select nullif(current_setting('ott.tenant_id', true), '')::uuid)`;
  for (const table of ['api_keys', 'idempotency_keys']) {
    await sql`alter table ${sql.table(table)} enable row level security`.execute(db);
    await sql`alter table ${sql.table(table)} force row level security`.execute(db);
    await sql`create policy tenant_isolation on ${sql.table(table)} using (${scopeIsOpen} or tenant_id = ${scopedTenant}) with check (${scopeIsOpen} or tenant_id = ${scopedTenant})`.execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('idempotency_keys').execute();
  await db.schema.dropTable('api_keys').execute();
}
