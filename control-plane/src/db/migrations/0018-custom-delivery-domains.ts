import { sql, type Kysely } from 'kysely';

// A tenant's custom delivery domain and its certificate's progress (domain/tenants/custom-domain.ts), one per tenant.
// It replaces the custom_domain / certificate_arn columns of tenant_cloud_placements, which nothing ever filled: the
// certificate is now requested by the tenant's stack and its state followed here. (Numbered 0018, two above the
// highest when it was written, so a migration another branch adds meanwhile can take 0017.)
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('tenant_custom_domains')
    .addColumn('tenant_id', 'uuid', (c) => c.primaryKey().references('tenants.id').onDelete('cascade'))
    // Not unique by itself: asking for a name proves nothing, so a claim must not lock the owner out (below).
    .addColumn('domain_name', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('requested')
        .check(sql`status in ('requested', 'awaiting-dns-validation', 'issued', 'active', 'failed')`),
    )
    .addColumn('certificate_arn', 'text')
    .addColumn('validation_records', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    // The distribution's own host, which the tenant's CNAME must point at.
    .addColumn('target_domain', 'text')
    .addColumn('alias_attached', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('problem', 'text')
    .addColumn('checked_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  // CloudFront serves an alternate domain name from one distribution only, so one tenant at a time may hold a name:
  // the one whose certificate ACM issued (DNS validation proved control of the name). Unvalidated claims coexist;
  // when one is issued, custom-domain-progress.ts fails the others.
  await db.schema
    .createIndex('tenant_custom_domains_held_name')
    .on('tenant_custom_domains')
    .column('domain_name')
    .unique()
    .where(sql<boolean>`status in ('issued', 'active')`)
    .execute();
  await db.schema.alterTable('tenant_cloud_placements').dropColumn('custom_domain').execute();
  await db.schema.alterTable('tenant_cloud_placements').dropColumn('certificate_arn').execute();

  // The same tenant policy as every other tenant table (0007, in its 0011 form), when the database has them.
  const secured = await sql`select 1 from pg_policies where schemaname = 'public' and tablename = 'tenants' and policyname = 'tenant_isolation'`.execute(db);
  if (secured.rows.length === 0) return;
  const scopeIsOpen = sql`(select coalesce(current_setting('ott.tenant_id', true), '') = '')`;
  const scopedTenant = sql`(select nullif(current_setting('ott.tenant_id', true), '')::uuid)`;
  await sql`alter table tenant_custom_domains enable row level security`.execute(db);
  await sql`alter table tenant_custom_domains force row level security`.execute(db);
  await sql`create policy tenant_isolation on tenant_custom_domains using (${scopeIsOpen} or tenant_id = ${scopedTenant}) with check (${scopeIsOpen} or tenant_id = ${scopedTenant})`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('tenant_custom_domains').execute();
  await db.schema.alterTable('tenant_cloud_placements').addColumn('custom_domain', 'text').execute();
  await db.schema.alterTable('tenant_cloud_placements').addColumn('certificate_arn', 'text').execute();
}
