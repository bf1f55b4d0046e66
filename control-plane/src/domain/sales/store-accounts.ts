// A tenant's own payment account, where it sells to its viewers (Stripe Connect: the tenant is the merchant of record,
// the platform takes its plan's sales fee as an application fee). Connecting creates the account and hands back the
// provider's onboarding link; its state is refreshed from the provider (and from `account.updated` webhooks).
// Disconnecting stops sales; what viewers bought stays theirs.
import type { StorePayments } from '../../ports.js';
import { planOf } from '../billing/plans.js';
import type { DomainDeps } from '../deps.js';
import { conflict, DomainError } from '../errors.js';

export type StoreStatus = 'not-connected' | 'pending' | 'charges-enabled' | 'disconnected';

export interface StoreAccountView {
  status: StoreStatus;
  accountId: string | null;
  detailsSubmitted: boolean;
  /** The platform's cut of each sale, in percent, on the tenant's current plan. */
  feePercent: number;
}

type Deps = Pick<DomainDeps, 'db' | 'clock' | 'storePayments'>;

export function storePaymentsOf(deps: Pick<DomainDeps, 'storePayments'>): StorePayments {
  if (!deps.storePayments) throw new DomainError('unavailable', 'Selling to viewers is not available on this installation: the Stripe Connect settings are missing.');
  return deps.storePayments;
}

export async function storeAccount(deps: Pick<DomainDeps, 'db'>, tenantId: string): Promise<StoreAccountView> {
  const [row, tenant] = await Promise.all([
    deps.db.selectFrom('store_accounts').selectAll().where('tenant_id', '=', tenantId).executeTakeFirst(),
    deps.db.selectFrom('tenants').select('plan').where('id', '=', tenantId).executeTakeFirstOrThrow(),
  ]);
  const feePercent = planOf(tenant.plan).salesFeePercent;
  if (!row) return { status: 'not-connected', accountId: null, detailsSubmitted: false, feePercent };
  const status: StoreStatus = row.disconnected_at ? 'disconnected' : row.charges_enabled ? 'charges-enabled' : 'pending';
  return { status, accountId: row.stripe_account_id, detailsSubmitted: row.details_submitted, feePercent };
}

/**
 * The onboarding link for the tenant's account, creating the account on first use (or anew after a disconnection:
 * a deauthorised account cannot be used again by the platform).
 */
export async function connectStore(deps: Deps, tenantId: string, urls: { returnUrl: string; refreshUrl: string }): Promise<{ url: string }> {
  const payments = storePaymentsOf(deps);
  const existing = await deps.db.selectFrom('store_accounts').select(['stripe_account_id', 'disconnected_at']).where('tenant_id', '=', tenantId).executeTakeFirst();
  let accountId = existing && !existing.disconnected_at ? existing.stripe_account_id : undefined;
  if (!accountId) {
    const owner = await deps.db.selectFrom('admins').select('email').where('tenant_id', '=', tenantId).orderBy('created_at').limit(1).executeTakeFirst();
    const created = await payments.createAccount({ tenantId, email: owner?.email ?? null, ...(existing ? { replacing: existing.stripe_account_id } : {}) });
    accountId = created.accountId;
    const now = deps.clock.now();
    await deps.db
      .insertInto('store_accounts')
      .values({ tenant_id: tenantId, stripe_account_id: accountId, updated_at: now })
      .onConflict((c) => c.column('tenant_id').doUpdateSet({ stripe_account_id: accountId ?? '', charges_enabled: false, details_submitted: false, disconnected_at: null, updated_at: now }))
      .execute();
  }
  return payments.onboardingLink({ accountId, ...urls });
}

/** Re-reads the account from the provider (the tenant came back from onboarding). */
export async function refreshStoreAccount(deps: Deps, tenantId: string): Promise<StoreAccountView> {
  const row = await deps.db.selectFrom('store_accounts').select(['stripe_account_id', 'disconnected_at']).where('tenant_id', '=', tenantId).executeTakeFirst();
  if (row && !row.disconnected_at) {
    const state = await storePaymentsOf(deps).readAccount(row.stripe_account_id);
    await deps.db
      .updateTable('store_accounts')
      .set({ charges_enabled: state.chargesEnabled, details_submitted: state.detailsSubmitted, updated_at: deps.clock.now() })
      .where('tenant_id', '=', tenantId)
      .where('stripe_account_id', '=', row.stripe_account_id)
      .execute();
  }
  return storeAccount(deps, tenantId);
}

/** Sales stop at once; entitlements already bought stay, and renewals on the account keep being honoured by webhook. */
export async function disconnectStore(deps: Pick<DomainDeps, 'db' | 'clock'>, tenantId: string): Promise<StoreAccountView> {
  const updated = await deps.db
    .updateTable('store_accounts')
    .set({ disconnected_at: deps.clock.now(), updated_at: deps.clock.now() })
    .where('tenant_id', '=', tenantId)
    .where('disconnected_at', 'is', null)
    .executeTakeFirst();
  if (updated.numUpdatedRows === 0n) throw conflict('No Stripe account is connected.');
  return storeAccount(deps, tenantId);
}

/** The account sales go through now; a clear refusal when the tenant has none or cannot take payments yet. */
export async function sellingAccount(deps: Pick<DomainDeps, 'db'>, tenantId: string): Promise<string> {
  const row = await deps.db.selectFrom('store_accounts').select(['stripe_account_id', 'charges_enabled', 'disconnected_at']).where('tenant_id', '=', tenantId).executeTakeFirst();
  if (!row || row.disconnected_at) throw conflict('This site is not selling at the moment.');
  if (!row.charges_enabled) throw conflict('This site cannot take payments yet: its Stripe account is still being set up.');
  return row.stripe_account_id;
}
