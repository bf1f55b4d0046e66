// The sales API as the portal and a viewer app use it, over the whole platform: the owner connects Stripe (Connect
// onboarding), Stripe's webhooks arrive over HTTP at /webhooks/stripe-connect, an offer is sold to a viewer signed in
// with the tenant's pool, who then sees it in "my purchases" and reaches the customer portal; the report counts it.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { StripeStorePayments } from '../../src/adapters/stripe/stripe-store-payments.js';
import { CONNECT_WEBHOOK_SECRET, FakeStripeConnect, GOOD_CARD, type SignedEvent } from '../support/fake-stripe-connect.js';
import { invitedViewerPassword } from '../support/mailbox.js';
import { signUpActiveTenant } from '../support/tenants.js';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.js';

let platform: TestPlatform;
let stripe: FakeStripeConnect;

beforeAll(async () => {
  [platform, stripe] = await Promise.all([startTestPlatform(), FakeStripeConnect.start()]);
  platform.app.deps.storePayments = new StripeStorePayments({ secretKey: 'sk_test_platform', connectWebhookSecret: CONNECT_WEBHOOK_SECRET, apiUrl: stripe.url, maxNetworkRetries: 0 });
  await platform.startWorker();
});
afterAll(async () => {
  await platform?.close();
  await stripe?.close();
});

async function post(event: SignedEvent, signature = event.signature) {
  const response = await fetch(`${platform.apiUrl}/webhooks/stripe-connect`, { method: 'POST', headers: { 'Content-Type': 'application/json', 'Stripe-Signature': signature }, body: event.body });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

it('connects Stripe, sells a subscription to a signed-in viewer, and reports it', async () => {
  const tenant = await signUpActiveTenant(platform, 'seller');
  const { admin } = tenant;
  expect(await admin.sales.store()).toEqual({ status: 'not-connected', accountId: null, detailsSubmitted: false, feePercent: 10 });
  await expect(admin.sales.connect({ returnUrl: 'https://evil.example/sales' })).rejects.toThrow();
  const { url } = await admin.sales.connect({ returnUrl: `${platform.apiUrl}/sales` });
  expect(url).toMatch(/^https:\/\/connect\.stripe\.test\/setup\/e\/acct_/);
  const store = await admin.sales.store();
  expect(store.status).toBe('pending');
  const accountId = store.accountId ?? '';

  // Stripe tells the platform over HTTP; a delivery signed with another secret is refused.
  const onboarded = stripe.completeOnboarding(accountId);
  expect(await post(onboarded, stripe.event(accountId, 'account.updated', {}, 'whsec_other').signature)).toMatchObject({ status: 400 });
  expect(await post(onboarded)).toEqual({ status: 200, body: { received: true, outcome: 'account-updated', event: 'account-updated' } });
  expect(await post(onboarded)).toMatchObject({ status: 200, body: { outcome: 'duplicate' } });
  expect(await admin.sales.store()).toMatchObject({ status: 'charges-enabled', accountId });

  const monthly = await admin.sales.createOffer({ kind: 'subscription', name: 'All films', amount: 900, currency: 'EUR', interval: 'month', coversEverything: true });
  expect(monthly).toMatchObject({ currency: 'eur', onStripe: true, interval: 'month' });
  expect(await admin.sales.offers()).toHaveLength(1);

  const email = 'fan@example.com';
  await admin.viewers.invite({ email });
  const first = await platform.caller().viewerAuth.signIn({ tenantSlug: tenant.slug, email, password: await invitedViewerPassword(platform.database.db, email) });
  if (first.kind !== 'new-password-required') throw new Error('expected the first sign-in');
  const tokens = await platform.caller().viewerAuth.completeNewPassword({ tenantSlug: tenant.slug, session: first.session, newPassword: 'a long chosen password' });
  const viewer = { tenantSlug: tenant.slug };
  const asViewer = platform.caller(tokens.idToken);

  await expect(asViewer.viewerSales.buy({ ...viewer, offerId: monthly.id, successUrl: 'https://phish.example/ok', cancelUrl: `${platform.apiUrl}/back` })).rejects.toThrow(
    /Checkout can only return to this site's own pages/,
  );
  await expect(platform.caller('not-a-token').viewerSales.purchases({ tenantSlug: tenant.slug })).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
  const checkout = await asViewer.viewerSales.buy({ ...viewer, offerId: monthly.id, successUrl: `${platform.apiUrl}/thanks`, cancelUrl: `${platform.apiUrl}/back` });
  expect(checkout.url).toMatch(/^https:\/\/checkout\.stripe\.test\//);

  const created = (await platform.database.db.selectFrom('offers').select('stripe_price_id').where('id', '=', monthly.id).executeTakeFirstOrThrow()).stripe_price_id;
  expect(created).toMatch(/^price_/);
  const paid = stripe.payCheckout(accountId, lastSessionId(accountId), GOOD_CARD);
  if (paid.declined) throw new Error('declined');
  for (const event of paid.events) expect((await post(event)).status).toBe(200);

  const purchases = await asViewer.viewerSales.purchases(viewer);
  expect(purchases).toMatchObject([{ name: 'All films', kind: 'subscription', status: 'active', playable: true, amount: 900, currency: 'eur' }]);
  const portal = await asViewer.viewerSales.customerPortal({ ...viewer, returnUrl: `${platform.apiUrl}/account` });
  expect(portal.url).toMatch(/^https:\/\/billing\.stripe\.test\//);
  expect(stripe.requestsTo('POST', '/v1/billing_portal/sessions').at(-1)).toMatchObject({ account: accountId, params: { return_url: `${platform.apiUrl}/account` } });

  const report = await admin.sales.report({ from: new Date(Date.now() - 3_600_000), to: new Date(Date.now() + 3_600_000) });
  // The free plan keeps 10%.
  expect(report).toMatchObject({
    feePercent: 10,
    money: [{ currency: 'eur', revenue: 900, refunds: 0, platformFees: 90, estimatedPlatformFees: 0, net: 810 }],
    subscribers: { active: 1, trialing: 0, pastDue: 0, churned: 0 },
  });

  expect(await admin.sales.disconnect()).toMatchObject({ status: 'disconnected' });
  await expect(asViewer.viewerSales.buy({ ...viewer, offerId: monthly.id, successUrl: `${platform.apiUrl}/thanks`, cancelUrl: `${platform.apiUrl}/back` })).rejects.toThrow(
    'This site is not selling at the moment.',
  );
  expect((await asViewer.viewerSales.purchases(viewer))[0]?.playable).toBe(true);
});

function lastSessionId(accountId: string): string {
  const id = stripe.sessionIds(accountId).at(-1);
  if (!id) throw new Error('no session');
  return id;
}
