import { sql, type Kysely } from 'kysely';

// Selling to viewers on the tenant's own Stripe account (Connect): the connected account, the tenant's offers, and
// entitlements — the single source of truth for paid access (domain/sales/). Entitlements change only from verified
// Connect webhooks; entitlement_events is their append-only audit trail and, by its unique event id, what makes a
// repeated delivery a no-op.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('store_accounts')
    .addColumn('tenant_id', 'uuid', (c) => c.primaryKey().references('tenants.id').onDelete('cascade'))
    // Unique: an event names its account, and the account names exactly one tenant.
    .addColumn('stripe_account_id', 'text', (c) => c.notNull().unique())
    .addColumn('charges_enabled', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('details_submitted', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('disconnected_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('offers')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('tenant_id', 'uuid', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('subscription', 'rental', 'purchase', 'bundle')`))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('amount', 'integer', (c) => c.notNull().check(sql`amount > 0`))
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('billing_interval', 'text', (c) => c.check(sql`billing_interval in ('month', 'year')`))
    .addColumn('trial_days', 'integer', (c) => c.notNull().defaultTo(0))
    // What it unlocks: everything, or these videos and collections (ids; collections are the catalogue's).
    .addColumn('covers_everything', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('video_ids', sql`uuid[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('collection_ids', sql`uuid[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    // The tallest rung it plays (1080 = Full HD, 2160 = 4K); null: the whole ladder.
    .addColumn('max_height', 'integer')
    .addColumn('rental_start_days', 'integer')
    .addColumn('rental_watch_hours', 'integer')
    .addColumn('stripe_product_id', 'text')
    .addColumn('stripe_price_id', 'text')
    .addColumn('archived_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('offers_tenant').on('offers').columns(['tenant_id', 'created_at']).execute();

  await db.schema
    .createTable('entitlements')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('tenant_id', 'uuid', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    // The viewer's id in the tenant's pool (the built-in issuer's row id locally, the Cognito `sub` in aws): no foreign key.
    .addColumn('viewer_id', 'text', (c) => c.notNull())
    .addColumn('offer_id', 'uuid', (c) => c.notNull().references('offers.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    // What it covers, copied from the offer when it was bought: a later change to the offer changes no sale.
    .addColumn('covers_everything', 'boolean', (c) => c.notNull())
    .addColumn('video_ids', sql`uuid[]`, (c) => c.notNull())
    .addColumn('collection_ids', sql`uuid[]`, (c) => c.notNull())
    .addColumn('max_height', 'integer')
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('active', 'trialing', 'past_due', 'ended', 'refunded', 'disputed')`))
    .addColumn('period_start', 'timestamptz')
    // Access ends here (subscriptions: the paid period; a past-due one keeps it until its grace ends).
    .addColumn('period_end', 'timestamptz')
    .addColumn('cancel_at_period_end', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('rental_start_by', 'timestamptz')
    .addColumn('rental_watch_hours', 'integer')
    .addColumn('rental_started_at', 'timestamptz')
    .addColumn('rental_ends_at', 'timestamptz')
    .addColumn('amount', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('stripe_account_id', 'text', (c) => c.notNull())
    .addColumn('stripe_checkout_session_id', 'text', (c) => c.notNull())
    .addColumn('stripe_subscription_id', 'text')
    .addColumn('stripe_payment_intent_id', 'text')
    .addColumn('stripe_customer_id', 'text')
    // Created time of the newest Stripe event applied to the subscription's state: an older one arriving late is not applied.
    .addColumn('state_as_of', 'timestamptz', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('entitlements_checkout_session', ['stripe_account_id', 'stripe_checkout_session_id'])
    .execute();
  await db.schema.createIndex('entitlements_viewer').on('entitlements').columns(['tenant_id', 'viewer_id']).execute();
  await db.schema.createIndex('entitlements_subscription').on('entitlements').columns(['stripe_account_id', 'stripe_subscription_id']).execute();
  await db.schema.createIndex('entitlements_payment_intent').on('entitlements').columns(['stripe_account_id', 'stripe_payment_intent_id']).execute();

  await db.schema
    .createTable('entitlement_events')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('tenant_id', 'uuid', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    // Null for an event that named no entitlement (account updates, a late event about an unknown sale).
    .addColumn('entitlement_id', 'uuid', (c) => c.references('entitlements.id').onDelete('cascade'))
    .addColumn('stripe_event_id', 'text', (c) => c.notNull().unique())
    .addColumn('event_type', 'text', (c) => c.notNull())
    // What it did: created, renewed, past_due, ended, refunded, disputed, stale (older than the state held), ...
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('event_created_at', 'timestamptz', (c) => c.notNull())
    // Money the event moved (a sale, a renewal: positive; a refund: negative), and the platform's fee on it, for reports.
    .addColumn('amount', 'integer')
    .addColumn('currency', 'text')
    .addColumn('platform_fee', 'integer')
    .addColumn('received_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('entitlement_events_entitlement').on('entitlement_events').columns(['entitlement_id', 'id']).execute();

  // The local shape's stand-in for Stripe (adapters/local/local-store-payments.ts): its accounts, prices, Checkout
  // Sessions, customers and subscriptions, as Stripe would hold them, outside any tenant (Stripe is not one).
  await db.schema
    .createTable('local_payment_objects')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('account_id', 'text')
    .addColumn('data', 'jsonb', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  // The same tenant policy as every other tenant table (0007, in its 0011 form), when the database has them.
  const secured = await sql`select 1 from pg_policies where schemaname = 'public' and tablename = 'tenants' and policyname = 'tenant_isolation'`.execute(db);
  if (secured.rows.length === 0) return;
  const scopeIsOpen = sql`(select coalesce(current_setting('ott.tenant_id', true), '') = '')`;
  const scopedTenant = sql`(select nullif(current_setting('ott.tenant_id', true), '')::uuid)`;
  for (const table of ['store_accounts', 'offers', 'entitlements', 'entitlement_events']) {
    await sql`alter table ${sql.table(table)} enable row level security`.execute(db);
    await sql`alter table ${sql.table(table)} force row level security`.execute(db);
    await sql`create policy tenant_isolation on ${sql.table(table)} using (${scopeIsOpen} or tenant_id = ${scopedTenant}) with check (${scopeIsOpen} or tenant_id = ${scopedTenant})`.execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['local_payment_objects', 'entitlement_events', 'entitlements', 'offers', 'store_accounts']) await db.schema.dropTable(table).execute();
}
