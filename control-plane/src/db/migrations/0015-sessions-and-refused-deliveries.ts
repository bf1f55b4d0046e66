import { sql, type Kysely } from 'kysely';

// Two abuse limits. QoE rows now belong to playback sessions a grant opened (the signed token carries the rest):
// each row counts its reports, which a session may only send so many of. And requests the edge refused (403,
// 404, 416, errors) are no longer egress or plays: they are kept here, per tenant, video, hour and status, for
// the operator, under keys that name the log range they came from (as usage_events do), so a re-read adds nothing.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('playback_sessions')
    .addColumn('reports', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();

  await db.schema
    .createTable('refused_deliveries')
    .addColumn('event_key', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'uuid', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    // No foreign key: what was refused names any id the requester made up.
    .addColumn('video_id', 'uuid')
    .addColumn('hour', 'timestamptz', (c) => c.notNull())
    .addColumn('status', 'integer', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('requests', 'bigint', (c) => c.notNull())
    .addColumn('bytes', 'bigint', (c) => c.notNull())
    .addColumn('recorded_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('refused_deliveries_hour_tenant').on('refused_deliveries').columns(['hour', 'tenant_id']).execute();

  // The same tenant policy as every other tenant table (0007, in its 0011 form), when the database has them.
  const secured = await sql`select 1 from pg_policies where schemaname = 'public' and tablename = 'tenants' and policyname = 'tenant_isolation'`.execute(db);
  if (secured.rows.length === 0) return;
  const scopeIsOpen = sql`(select coalesce(current_setting('ott.tenant_id', true), '') = '')`;
  const scopedTenant = sql`(select nullif(current_setting('ott.tenant_id', true), '')::uuid)`;
  await sql`alter table refused_deliveries enable row level security`.execute(db);
  await sql`alter table refused_deliveries force row level security`.execute(db);
  await sql`create policy tenant_isolation on refused_deliveries using (${scopeIsOpen} or tenant_id = ${scopedTenant}) with check (${scopeIsOpen} or tenant_id = ${scopedTenant})`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('refused_deliveries').execute();
  await db.schema.alterTable('playback_sessions').dropColumn('reports').execute();
}
