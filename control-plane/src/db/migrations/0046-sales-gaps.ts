import { sql, type Kysely } from 'kysely';
import { applyTenantPolicy } from './tenant-table-policy.js';

// Sales, the gaps of issue 17 (domain/sales/):
// - pending_sales: a Checkout paid by a delayed method (SEPA debit, bank transfer) completes before the money arrives;
//   the viewer sees it as "payment processing" until Stripe says it succeeded (an entitlement is granted) or failed
//   (kept, marked failed, with the reason shown to the viewer).
// - entitlement_events.platform_fee_estimated: the application fee Stripe actually took is recorded from the payment;
//   the plan's percentage remains only where no actual fee is known (every row before this migration).
// - entitlements.stripe_invoice_id: a subscription's first invoice, counted with the sale; every other paid invoice is
//   a renewal, whichever order its invoice.paid and customer.subscription.updated arrive in.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('pending_sales')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('tenant_id', 'uuid', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('viewer_id', 'text', (c) => c.notNull())
    .addColumn('offer_id', 'uuid', (c) => c.notNull().references('offers.id'))
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('processing', 'failed')`))
    .addColumn('amount', 'integer', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('stripe_account_id', 'text', (c) => c.notNull())
    .addColumn('stripe_checkout_session_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('pending_sales_checkout_session', ['stripe_account_id', 'stripe_checkout_session_id'])
    .execute();
  await db.schema.createIndex('pending_sales_viewer').on('pending_sales').columns(['tenant_id', 'viewer_id']).execute();
  await applyTenantPolicy(db, 'pending_sales');

  await db.schema
    .alterTable('entitlement_events')
    .addColumn('platform_fee_estimated', 'boolean', (c) => c.notNull().defaultTo(true))
    .execute();
  await sql`alter table entitlement_events alter column platform_fee_estimated set default false`.execute(db);
  await db.schema.alterTable('entitlements').addColumn('stripe_invoice_id', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('entitlements').dropColumn('stripe_invoice_id').execute();
  await db.schema.alterTable('entitlement_events').dropColumn('platform_fee_estimated').execute();
  await db.schema.dropTable('pending_sales').execute();
}
