import { sql, type Kysely } from 'kysely';

// Metering and billing. Usage events are the source of truth: each is written once under its idempotency
// key, and everything else (rollups, the Stripe outbox, invoices) is derived from the inserts that happened.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('billing_periods')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('tenant_id', 'uuid', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('starts_at', 'timestamptz', (c) => c.notNull())
    .addColumn('ends_at', 'timestamptz', (c) => c.notNull())
    .addColumn('plan_id', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('open'))
    .addColumn('closed_at', 'timestamptz')
    .addUniqueConstraint('billing_periods_tenant_start', ['tenant_id', 'starts_at'])
    .execute();

  await db.schema
    .createTable('invoices')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('tenant_id', 'uuid', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('period_id', 'uuid', (c) => c.notNull().unique().references('billing_periods.id').onDelete('cascade'))
    .addColumn('number', 'text', (c) => c.notNull().unique())
    .addColumn('plan_id', 'text', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull().defaultTo('usd'))
    .addColumn('total_cents', 'bigint', (c) => c.notNull())
    // Closed invoices never change: their lines are a snapshot, not a view over the events.
    .addColumn('lines', 'jsonb', (c) => c.notNull())
    .addColumn('issued_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('invoices_tenant_issued').on('invoices').columns(['tenant_id', 'issued_at']).execute();

  await db.schema
    .createTable('usage_events')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('tenant_id', 'uuid', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('event_key', 'text', (c) => c.notNull().unique())
    .addColumn('meter', 'text', (c) => c.notNull())
    .addColumn('quantity', 'bigint', (c) => c.notNull().check(sql`quantity >= 0`))
    // No foreign key: usage outlives a deleted video (it was delivered and stays billed).
    .addColumn('video_id', 'uuid')
    .addColumn('occurred_at', 'timestamptz', (c) => c.notNull())
    .addColumn('recorded_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('details', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('invoice_id', 'uuid', (c) => c.references('invoices.id').onDelete('set null'))
    .execute();
  await db.schema.createIndex('usage_events_tenant_meter_time').on('usage_events').columns(['tenant_id', 'meter', 'occurred_at']).execute();
  await db.schema.createIndex('usage_events_tenant_video').on('usage_events').columns(['tenant_id', 'video_id']).where(sql.ref('video_id'), 'is not', null).execute();
  await db.schema.createIndex('usage_events_unbilled').on('usage_events').columns(['tenant_id', 'occurred_at']).where(sql.ref('invoice_id'), 'is', null).execute();

  await db.schema
    .createTable('usage_rollups')
    .addColumn('tenant_id', 'uuid', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('granularity', 'text', (c) => c.notNull())
    .addColumn('meter', 'text', (c) => c.notNull())
    .addColumn('bucket_start', 'timestamptz', (c) => c.notNull())
    .addColumn('quantity', 'bigint', (c) => c.notNull())
    .addColumn('event_count', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('usage_rollups_pk', ['tenant_id', 'granularity', 'meter', 'bucket_start'])
    .execute();

  // How far each access log has been read: advanced in the same transaction as the events it produced.
  await db.schema
    .createTable('log_cursors')
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('file_id', 'text', (c) => c.notNull())
    .addColumn('fingerprint', 'text', (c) => c.notNull())
    .addColumn('location', 'text', (c) => c.notNull())
    .addColumn('byte_offset', 'bigint', (c) => c.notNull())
    .addColumn('lines', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('finished', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('log_cursors_pk', ['source', 'file_id'])
    .execute();

  await db.schema
    .createTable('meter_outbox')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('tenant_id', 'uuid', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('identifier', 'text', (c) => c.notNull().unique())
    .addColumn('meter', 'text', (c) => c.notNull())
    .addColumn('quantity', 'bigint', (c) => c.notNull())
    .addColumn('occurred_at', 'timestamptz', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('pending'))
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('last_error', 'text')
    .addColumn('sent_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('meter_outbox_due').on('meter_outbox').column('next_attempt_at').where(sql.ref('status'), '=', 'pending').execute();

  await db.schema
    .createTable('billing_accounts')
    .addColumn('tenant_id', 'uuid', (c) => c.primaryKey().references('tenants.id').onDelete('cascade'))
    .addColumn('provider', 'text', (c) => c.notNull())
    .addColumn('customer_id', 'text', (c) => c.notNull())
    .addColumn('subscription_id', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('billing_accounts_customer', ['provider', 'customer_id'])
    .execute();

  // The payment side, as the billing provider reports it through webhooks.
  await db.schema
    .createTable('provider_invoices')
    .addColumn('provider_invoice_id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'uuid', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('amount_due_cents', 'bigint', (c) => c.notNull())
    .addColumn('hosted_url', 'text')
    .addColumn('period_start', 'timestamptz')
    .addColumn('period_end', 'timestamptz')
    .addColumn('failed_at', 'timestamptz')
    .addColumn('paid_at', 'timestamptz')
    .addColumn('next_attempt_at', 'timestamptz')
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('provider_invoices_tenant_status').on('provider_invoices').columns(['tenant_id', 'status']).execute();

  await db.schema
    .createTable('billing_webhook_events')
    .addColumn('event_id', 'text', (c) => c.primaryKey())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('received_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  // A database where row-level security (0007) was set up before this migration arrived gets the same policy
  // on these tenant tables; on a new database 0007 runs after this one and covers them itself.
  const secured = await sql<{ count: number }>`select count(*)::int as count from pg_policies where schemaname = 'public' and tablename = 'videos' and policyname = 'tenant_isolation'`.execute(db);
  if ((secured.rows[0]?.count ?? 0) > 0) {
    for (const table of TENANT_TABLES) {
      await sql`alter table ${sql.table(table)} enable row level security`.execute(db);
      await sql`alter table ${sql.table(table)} force row level security`.execute(db);
      await sql`
        create policy tenant_isolation on ${sql.table(table)}
        using (coalesce(current_setting('ott.tenant_id', true), '') = '' or tenant_id = nullif(current_setting('ott.tenant_id', true), '')::uuid)
        with check (coalesce(current_setting('ott.tenant_id', true), '') = '' or tenant_id = nullif(current_setting('ott.tenant_id', true), '')::uuid)`.execute(db);
    }
  }
}

const TENANT_TABLES = ['billing_periods', 'invoices', 'usage_events', 'usage_rollups', 'meter_outbox', 'billing_accounts', 'provider_invoices'];

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['billing_webhook_events', 'provider_invoices', 'billing_accounts', 'meter_outbox', 'log_cursors', 'usage_rollups', 'usage_events', 'invoices', 'billing_periods']) {
    await db.schema.dropTable(table).execute();
  }
}
