// A tenant's customer at the billing provider, created on first need (checkout, portal, the first usage sent)
// and remembered. Creation is idempotent at the provider, so a crash between creating and storing is harmless.
import type { DomainDeps } from '../deps.js';
import { notFound } from '../errors.js';

export interface BillingAccount {
  customerId: string;
  subscriptionId: string | null;
}

type Deps = Pick<DomainDeps, 'db' | 'billing' | 'clock'>;

export async function ensureBillingAccount(deps: Deps, tenantId: string): Promise<BillingAccount> {
  const existing = await deps.db.selectFrom('billing_accounts').select(['provider', 'customer_id', 'subscription_id']).where('tenant_id', '=', tenantId).executeTakeFirst();
  if (existing && existing.provider === deps.billing.provider) return { customerId: existing.customer_id, subscriptionId: existing.subscription_id };
  const tenant = await deps.db.selectFrom('tenants').select(['id', 'name']).where('id', '=', tenantId).executeTakeFirst();
  if (!tenant) throw notFound('The workspace');
  const owner = await deps.db.selectFrom('admins').select('email').where('tenant_id', '=', tenantId).where('role', '=', 'owner').orderBy('created_at').executeTakeFirst();
  const { customerId } = await deps.billing.createCustomer({ tenantId, name: tenant.name, email: owner?.email ?? null });
  // A tenant moved from the local ledger to Stripe (STRIPE_SECRET_KEY set later) gets its Stripe customer here.
  await deps.db
    .insertInto('billing_accounts')
    .values({ tenant_id: tenantId, provider: deps.billing.provider, customer_id: customerId, updated_at: deps.clock.now() })
    .onConflict((conflict) => conflict.column('tenant_id').doUpdateSet({ provider: deps.billing.provider, customer_id: customerId, subscription_id: null, updated_at: deps.clock.now() }))
    .execute();
  return { customerId, subscriptionId: null };
}

/** The tenant a provider customer belongs to, if it is one of ours. */
export async function tenantOfCustomer(deps: Pick<DomainDeps, 'db' | 'billing'>, customerId: string): Promise<string | undefined> {
  const row = await deps.db.selectFrom('billing_accounts').select('tenant_id').where('provider', '=', deps.billing.provider).where('customer_id', '=', customerId).executeTakeFirst();
  return row?.tenant_id;
}
