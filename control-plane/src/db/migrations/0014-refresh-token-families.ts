import { sql, type Kysely } from 'kysely';

// Refresh tokens belong to a family: one per sign-in, the chain of tokens that rotation makes from it. A stale
// token (rotated, or from a family that was signed out) used to revoke every session of its admin, so any old
// token was a kill switch; now reuse ends only its own family, and only while that family is live.
// A token row's `revoked_at` meant "rotated or signed out"; it becomes `rotated_at`, and ending moves to the family.
// Tokens issued before this migration have no known lineage: each becomes a family of its own, ended if the token
// was already revoked, so presenting one later answers 401 and ends nothing.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('refresh_token_families')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('tenant_id', 'uuid', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('admin_id', 'uuid', (c) => c.notNull().references('admins.id').onDelete('cascade'))
    // The newest token's expiry: a family lives as long as its newest token.
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('ended_at', 'timestamptz')
    .addColumn('end_reason', 'text', (c) => c.check(sql`end_reason in ('signed-out', 'reused', 'password-changed', 'before-families')`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('refresh_token_families_admin').on('refresh_token_families').columns(['admin_id']).where(sql.ref('ended_at'), 'is', null).execute();

  await sql`alter table refresh_tokens rename column revoked_at to rotated_at`.execute(db);
  await db.schema
    .alterTable('refresh_tokens')
    .addColumn('family_id', 'uuid', (c) => c.references('refresh_token_families.id').onDelete('cascade'))
    .execute();
  await sql`
    insert into refresh_token_families (id, tenant_id, admin_id, expires_at, ended_at, end_reason, created_at)
    select id, tenant_id, admin_id, expires_at, rotated_at, case when rotated_at is null then null else 'before-families' end, created_at
    from refresh_tokens`.execute(db);
  await sql`update refresh_tokens set family_id = id`.execute(db);
  await db.schema
    .alterTable('refresh_tokens')
    .alterColumn('family_id', (c) => c.setNotNull())
    .execute();
  await db.schema.createIndex('refresh_tokens_family').on('refresh_tokens').columns(['family_id']).execute();

  // Row-level security (0007) covers every tenant_id table it finds when it runs. A database that ran it before
  // this migration existed gets the same policy here (in 0011's once-per-query form), so the second wall has no gap.
  const secured = await sql`select 1 from pg_policies where schemaname = 'public' and tablename = 'tenants' and policyname = 'tenant_isolation'`.execute(db);
  if (secured.rows.length === 0) return;
  const open = sql`(select coalesce(current_setting('ott.tenant_id', true), '') = '')`;
  const tenant = sql`(select nullif(current_setting('ott.tenant_id', true), '')::uuid)`;
  await sql`alter table refresh_token_families enable row level security`.execute(db);
  await sql`alter table refresh_token_families force row level security`.execute(db);
  await sql`create policy tenant_isolation on refresh_token_families using (${open} or tenant_id = ${tenant}) with check (${open} or tenant_id = ${tenant})`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  // Rotated tokens and tokens of ended families are both "revoked" in the old model.
  await sql`
    update refresh_tokens t set rotated_at = coalesce(t.rotated_at, f.ended_at)
    from refresh_token_families f where f.id = t.family_id`.execute(db);
  await db.schema.alterTable('refresh_tokens').dropColumn('family_id').execute();
  await sql`alter table refresh_tokens rename column rotated_at to revoked_at`.execute(db);
  await db.schema.dropTable('refresh_token_families').execute();
}
