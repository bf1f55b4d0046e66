import { sql, type Kysely } from 'kysely';

// Plan changes (domain/billing/plan-changes.ts): an upgrade's prorated charge is an adjustment on the open period's
// invoice, the period keeps billing the fee of the plan it started on (`fee_plan_id`), a downgrade waits for the
// period's end (`next_plan_id`), and a payment method on file is remembered apart from the plan.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('billing_periods').addColumn('fee_plan_id', 'text').execute();
  await db.schema.alterTable('billing_periods').addColumn('next_plan_id', 'text').execute();
  await db.schema.alterTable('billing_accounts').addColumn('payment_method_added_at', 'timestamptz').execute();
  await db.schema
    .createTable('billing_adjustments')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('tenant_id', 'uuid', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('period_id', 'uuid', (c) => c.notNull().references('billing_periods.id').onDelete('cascade'))
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('amount_cents', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('billing_adjustments_period').on('billing_adjustments').columns(['period_id', 'created_at']).execute();

  // The same tenant policy as every other tenant table (0007, in its 0011 form), when the database has them.
  const secured = await sql`select 1 from pg_policies where schemaname = 'public' and tablename = 'tenants' and policyname = 'tenant_isolation'`.execute(db);
  if (secured.rows.length === 0) return;
  const scopeIsOpen = sql`(select coalesce(current_setting('ott.tenant_id', true), '') = '')`;
  const scopedTenant = sql`(select nullif(current_setting('ott.tenant_id', true), '')::uuid)`;
  await sql`alter table billing_adjustments enable row level security`.execute(db);
  await sql`alter table billing_adjustments force row level security`.execute(db);
  await sql`create policy tenant_isolation on billing_adjustments using (${scopeIsOpen} or tenant_id = ${scopedTenant}) with check (${scopeIsOpen} or tenant_id = ${scopedTenant})`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('billing_adjustments').execute();
  await db.schema.alterTable('billing_accounts').dropColumn('payment_method_added_at').execute();
  await db.schema.alterTable('billing_periods').dropColumn('next_plan_id').execute();
  await db.schema.alterTable('billing_periods').dropColumn('fee_plan_id').execute();
}
