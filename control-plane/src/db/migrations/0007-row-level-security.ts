import { sql, type Kysely } from 'kysely';

/**
 * Row-level security, the second wall behind the scoped queries: every table with a tenant_id (and tenants
 * itself) only shows rows of the tenant in `ott.tenant_id` to the `ott_app` role, which admin requests
 * switch to (see db/tenant-scope.ts). Unscoped work (the worker, public procedures) runs as the login role.
 * Superusers bypass RLS whatever the policy says, hence the dedicated non-superuser role.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    do $$
    begin
      create role ott_app nologin;
    exception when duplicate_object or unique_violation then null;
    end $$`.execute(db);
  await sql`
    do $$
    begin
      execute format('grant ott_app to %I', current_user);
    exception when others then null;
    end $$`.execute(db);
  await sql`grant usage on schema public to ott_app`.execute(db);
  await sql`grant select, insert, update, delete on all tables in schema public to ott_app`.execute(db);
  await sql`grant usage, select on all sequences in schema public to ott_app`.execute(db);
  await sql`alter default privileges in schema public grant select, insert, update, delete on tables to ott_app`.execute(db);
  await sql`alter default privileges in schema public grant usage, select on sequences to ott_app`.execute(db);

  const scoped = await sql<{ table_name: string }>`
    select table_name from information_schema.columns
    where table_schema = 'public' and column_name = 'tenant_id'
    order by table_name`.execute(db);
  for (const { table_name: table } of scoped.rows) {
    await enable(db, table, sql`tenant_id`);
  }
  await enable(db, 'tenants', sql`id`);
}

async function enable(db: Kysely<unknown>, table: string, column: ReturnType<typeof sql>): Promise<void> {
  const name = sql.table(table);
  await sql`alter table ${name} enable row level security`.execute(db);
  await sql`alter table ${name} force row level security`.execute(db);
  // No tenant in the setting: the row is visible (the login role's unscoped work). A tenant: only its rows.
  await sql`
    create policy tenant_isolation on ${name}
    using (coalesce(current_setting('ott.tenant_id', true), '') = '' or ${column} = nullif(current_setting('ott.tenant_id', true), '')::uuid)
    with check (coalesce(current_setting('ott.tenant_id', true), '') = '' or ${column} = nullif(current_setting('ott.tenant_id', true), '')::uuid)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  const scoped = await sql<{ tablename: string }>`select tablename from pg_policies where policyname = 'tenant_isolation' and schemaname = 'public'`.execute(db);
  for (const { tablename } of scoped.rows) {
    await sql`drop policy tenant_isolation on ${sql.table(tablename)}`.execute(db);
    await sql`alter table ${sql.table(tablename)} no force row level security`.execute(db);
    await sql`alter table ${sql.table(tablename)} disable row level security`.execute(db);
  }
}
