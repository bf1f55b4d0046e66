// The local shape sells with its own stand-in for Stripe: the owner onboards on a local page, a viewer pays on the
// local checkout page with Stripe's test cards, and the same domain code grants the entitlement playback checks.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { invitedViewerPassword } from '../support/mailbox.js';
import { insertReadyVideo } from '../support/playback-fixtures.js';
import { signUpActiveTenant } from '../support/tenants.js';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.js';

let platform: TestPlatform;

beforeAll(async () => {
  platform = await startTestPlatform();
  await platform.startWorker();
});
afterAll(() => platform?.close());

async function form(url: string, card: string) {
  return fetch(url, { method: 'POST', redirect: 'manual', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ card }) });
}

it('onboards, sells a rental on the local checkout page (declined card first), and plays it only once paid', async () => {
  expect(platform.app.deps.storePayments?.provider).toBe('local');
  const tenant = await signUpActiveTenant(platform, 'localshop');
  const { admin } = tenant;
  const { url: onboarding } = await admin.sales.connect({ returnUrl: `${platform.apiUrl}/sales?connected=1` });
  const onboarded = await fetch(onboarding, { redirect: 'manual' });
  expect(onboarded.status).toBe(303);
  expect(onboarded.headers.get('location')).toBe(`${platform.apiUrl}/sales?connected=1`);
  expect(await admin.sales.store()).toMatchObject({ status: 'charges-enabled' });

  const tenantId = (await admin.tenants.me()).id;
  const videoId = await insertReadyVideo(platform.database.db, tenantId, { accessMode: 'viewers', title: 'Local film' });
  const rental = await admin.sales.createOffer({ kind: 'rental', name: 'Rent Local film', amount: 399, currency: 'usd', videoIds: [videoId], rental: { startDays: 7, watchHours: 48 } });

  const email = 'local-fan@example.com';
  await admin.viewers.invite({ email });
  const first = await platform.caller().viewerAuth.signIn({ tenantSlug: tenant.slug, email, password: await invitedViewerPassword(platform.database.db, email) });
  if (first.kind !== 'new-password-required') throw new Error('expected the first sign-in');
  const { idToken } = await platform.caller().viewerAuth.completeNewPassword({ tenantSlug: tenant.slug, session: first.session, newPassword: 'a long chosen password' });

  // Not paid: PAYMENT_REQUIRED, with the offer that unlocks the title for the player to show.
  const refused = await platform
    .caller()
    .playback.authorize({ videoId, credential: idToken })
    .catch((error: unknown) => error);
  expect(refused).toMatchObject({ code: 'PAYMENT_REQUIRED', message: 'This title is for paying viewers: choose one of the offers to watch it.' });
  const wire = await fetch(`${platform.apiUrl}/trpc/playback.authorize`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ videoId, credential: idToken }) });
  expect(wire.status).toBe(402);
  const refusal = (await wire.json()) as { error: { data: { code: string; reason: string; offers: { id: string; amount: number; rental: unknown }[] } } };
  expect(refusal.error.data).toMatchObject({ code: 'PAYMENT_REQUIRED', reason: 'payment-required', offers: [{ id: rental.id, amount: 399, rental: { startDays: 7, watchHours: 48 } }] });

  const viewer = { tenantSlug: tenant.slug };
  const asViewer = platform.caller(idToken);
  const { url: checkout } = await asViewer.viewerSales.buy({ ...viewer, offerId: rental.id, successUrl: `${platform.apiUrl}/thanks`, cancelUrl: `${platform.apiUrl}/back` });
  expect(checkout).toMatch(new RegExp(`^${platform.apiUrl}/local-payments/checkout/cs_local_`));
  const shown = await (await fetch(checkout)).text();
  expect(shown).toContain('Rent Local film');
  expect(shown).toContain('$3.99');

  const declined = await form(checkout, '4000 0000 0000 0002');
  expect(declined.status).toBe(402);
  expect(await declined.text()).toContain('Your card was declined. Try another card.');
  expect((await form(checkout, '1234 5678')).status).toBe(400);
  expect(await asViewer.viewerSales.purchases(viewer)).toEqual([]);

  const paid = await form(checkout, '4242 4242 4242 4242');
  expect(paid.status).toBe(303);
  expect(paid.headers.get('location')).toBe(`${platform.apiUrl}/thanks`);
  expect(await asViewer.viewerSales.purchases(viewer)).toMatchObject([{ name: 'Rent Local film', kind: 'rental', status: 'active', playable: true, amount: 399 }]);
  // Paying again does not sell twice.
  expect((await form(checkout, '4242 4242 4242 4242')).status).toBe(303);
  expect(await asViewer.viewerSales.purchases(viewer)).toHaveLength(1);

  const granted = await platform.caller().playback.authorize({ videoId, credential: idToken });
  expect(granted.videoId).toBe(videoId);
  const receipt = await platform.database.db.selectFrom('development_mailbox').select('subject').where('to_address', '=', email).where('kind', '=', 'purchase-receipt').execute();
  expect(receipt).toHaveLength(1);
});
