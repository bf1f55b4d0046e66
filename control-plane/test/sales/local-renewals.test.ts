// Local subscriptions renew as Stripe's do: at each period end the worker's renewal loop charges the saved card and
// applies the same events (invoice paid or failed, subscription updated or deleted) through the same domain code.
// The loop is called here with a moved `now`: access is read on the real clock, so a renewed period shows as the
// viewer's access reaching one more period ahead.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { LocalStorePayments } from '../../src/adapters/local/local-store-payments.js';
import { PAST_DUE_GRACE_DAYS } from '../../src/domain/sales/entitlement-access.js';
import { renewLocalSubscriptions } from '../../src/jobs/sweeps/local-subscription-renewals.js';
import { invitedViewerPassword } from '../support/mailbox.js';
import { signUpActiveTenant } from '../support/tenants.js';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.js';

const DAY = 86_400_000;

let platform: TestPlatform;

beforeAll(async () => {
  platform = await startTestPlatform();
  await platform.startWorker();
});
afterAll(() => platform?.close());

function post(url: string, fields: Record<string, string>) {
  return fetch(url, { method: 'POST', redirect: 'manual', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields) });
}

it('renews with the saved card and keeps access; a declined card goes past due, plays through the grace, then ends unless a good card comes; a cancelled one ends', async () => {
  const tenant = await signUpActiveTenant(platform, 'renewals');
  const { admin } = tenant;
  await fetch((await admin.sales.connect({ returnUrl: `${platform.apiUrl}/sales` })).url, { redirect: 'manual' });
  const monthly = await admin.sales.createOffer({ kind: 'subscription', name: 'All films', amount: 800, currency: 'usd', interval: 'month', coversEverything: true });
  const pages = platform.app.deps.storePayments as LocalStorePayments;

  const subscriber = async (email: string) => {
    await admin.viewers.invite({ email });
    const first = await platform.caller().viewerAuth.signIn({ tenantSlug: tenant.slug, email, password: await invitedViewerPassword(platform.database.db, email) });
    if (first.kind !== 'new-password-required') throw new Error('expected the first sign-in');
    const { idToken } = await platform.caller().viewerAuth.completeNewPassword({ tenantSlug: tenant.slug, session: first.session, newPassword: 'a long chosen password' });
    const asViewer = platform.caller(idToken);
    const site = { tenantSlug: tenant.slug };
    const { url } = await asViewer.viewerSales.buy({ ...site, offerId: monthly.id, successUrl: `${platform.apiUrl}/thanks`, cancelUrl: `${platform.apiUrl}/back` });
    expect((await post(url, { card: '4242 4242 4242 4242' })).status).toBe(303);
    return {
      purchase: async () => (await asViewer.viewerSales.purchases(site))[0],
      portal: async () => (await asViewer.viewerSales.customerPortal({ ...site, returnUrl: `${platform.apiUrl}/account` })).url,
    };
  };
  const loyal = await subscriber('loyal@example.com');
  const broke = await subscriber('broke@example.com');
  const leaving = await subscriber('leaving@example.com');
  const rescued = await subscriber('rescued@example.com');
  const loyalEnd = (await loyal.purchase())?.accessEndsAt ?? new Date(0);
  expect(loyalEnd.getTime()).toBeGreaterThan(Date.now() + 29 * DAY);
  // The three periods end within seconds of each other: the last of them.
  const firstEnd = new Date(Math.max(...(await Promise.all([loyal, broke, leaving, rescued].map(async (viewer) => (await viewer.purchase())?.accessEndsAt?.getTime() ?? 0)))));

  // The card that is saved but declined when charged; the always-declined one cannot even be saved.
  const brokePortal = await broke.portal();
  expect(await (await post(brokePortal, { action: 'card', card: '4000 0000 0000 0002' })).text()).toContain('Your card was declined. Try another card.');
  const changed = await post(brokePortal, { action: 'card', card: '4000 0000 0000 0341' });
  expect(changed.status).toBe(200);
  expect(await changed.text()).toContain('Card changed: the next renewal charges it.');
  expect((await post(await rescued.portal(), { action: 'card', card: '4000000000000341' })).status).toBe(200);
  expect((await post(await leaving.portal(), { action: 'cancel' })).status).toBe(200);
  expect(await leaving.purchase()).toMatchObject({ status: 'active', cancelAtPeriodEnd: true });

  // Nothing is due before the periods end.
  expect(await renewLocalSubscriptions(platform.app.deps, pages, new Date(loyalEnd.getTime() - 1000))).toEqual([]);

  const atEnd = await renewLocalSubscriptions(platform.app.deps, pages, new Date(firstEnd.getTime() + 1000));
  expect([...atEnd].sort()).toEqual(['ended', 'past-due', 'past-due', 'past-due', 'past-due', 'renewed', 'updated']);
  expect(await loyal.purchase()).toMatchObject({ status: 'active', playable: true, accessEndsAt: new Date(loyalEnd.getTime() + 30 * DAY) });
  expect(await broke.purchase()).toMatchObject({ status: 'past_due', playable: true });
  expect(await leaving.purchase()).toMatchObject({ status: 'ended', playable: false });

  // Within the grace a good card renews (the next retry charges it); without one nothing changes, and nothing is
  // applied twice. After the grace the past-due subscription ends.
  expect((await post(await rescued.portal(), { action: 'card', card: '4242424242424242' })).status).toBe(200);
  expect(await renewLocalSubscriptions(platform.app.deps, pages, new Date(firstEnd.getTime() + (PAST_DUE_GRACE_DAYS - 1) * DAY))).toEqual(['renewed', 'updated']);
  expect(await rescued.purchase()).toMatchObject({ status: 'active', playable: true });
  expect(await broke.purchase()).toMatchObject({ status: 'past_due' });
  expect(await renewLocalSubscriptions(platform.app.deps, pages, new Date(firstEnd.getTime() + PAST_DUE_GRACE_DAYS * DAY + 1000))).toEqual(['ended']);
  expect(await broke.purchase()).toMatchObject({ status: 'ended', playable: false });

  // The renewal is money in the report, with the fee the local stand-in took (the free plan's 10%).
  const report = await admin.sales.report({ from: new Date(Date.now() - DAY), to: new Date(Date.now() + 60 * DAY) });
  expect(report.money).toEqual([{ currency: 'usd', revenue: 4800, refunds: 0, platformFees: 480, estimatedPlatformFees: 0, net: 4320 }]);
  expect(report.subscribers).toMatchObject({ active: 2, pastDue: 0 });
});
