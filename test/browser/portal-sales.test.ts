// The Sales page in Chromium against the platform's real processes (local shape: its own payment pages stand in for
// Stripe's): the owner sees the platform's fee, connects (onboarding and back), creates a rental typed as a price in
// dollars, is told what to type when the price is wrong, reads the report's fees (those Stripe reported and those
// estimated from the plan, said apart), and disconnects.
import { expect, it } from 'vitest';
import { signedInPortal } from '../support/signed-in-portal.js';

const portal = signedInPortal('sales-films');
const ROUND_TRIP = { timeout: 15_000 };

it('connects the payment account, sells a rental at a typed price, reads the fees in the report, and disconnects', async () => {
  const { page, tenant, platform } = portal;
  const { videoId } = await tenant.api.videos.createUpload.mutate({ filename: 'film.mp4', size: 1000, title: 'The Film' });
  await page.goto(`${platform.apiUrl}/sales`);
  const status = page.getByTestId('store-status');
  await status.getByText('Not connected').waitFor(ROUND_TRIP);
  await page.getByText('We keep 10% of each sale').waitFor();

  await page.getByRole('button', { name: 'Connect Stripe' }).click();
  await page.waitForURL(`${platform.apiUrl}/sales?connected=1`, ROUND_TRIP);
  await status.getByText('Connected: your account takes payments').waitFor(ROUND_TRIP);

  const form = page.getByRole('form', { name: 'New offer' });
  await form.getByLabel('Kind').selectOption('rental');
  await form.getByLabel('Name').fill('Rent The Film');
  await form.getByLabel('Price').fill('3.999');
  await form.getByLabel('Video ids (separated by commas)').fill(videoId);
  await form.getByRole('button', { name: 'Create offer' }).click();
  await form.getByText('Type the price with at most two decimals, e.g. 4.99.').waitFor();
  await form.getByLabel('Price').fill('3.99');
  await form.getByRole('button', { name: 'Create offer' }).click();
  const row = page.getByRole('row', { name: /Rent The Film/ });
  await row.getByText('$3.99').waitFor(ROUND_TRIP);
  await row.getByText('30 days to start, 48 h to finish').waitFor();
  expect(await tenant.api.sales.offers.query()).toMatchObject([{ kind: 'rental', amount: 399, currency: 'usd', videoIds: [videoId], onStripe: true }]);

  // Two sales in the audit trail: one whose fee Stripe reported, one recorded before fees were read (estimated).
  const { id: tenantId } = await tenant.api.tenants.me.query();
  const sale = { tenant_id: tenantId, event_type: 'checkout-completed', outcome: 'created', event_created_at: new Date(), currency: 'usd' };
  await portal.database.db
    .insertInto('entitlement_events')
    .values([
      { ...sale, stripe_event_id: 'evt_portal_actual', amount: 1000, platform_fee: 40, platform_fee_estimated: false },
      { ...sale, stripe_event_id: 'evt_portal_estimated', amount: 500, platform_fee: 50, platform_fee_estimated: true },
    ])
    .execute();
  await page.reload();
  const money = page.getByRole('row', { name: /USD/ });
  await money.getByText('$0.90 ($0.50 estimated at 10%)').waitFor(ROUND_TRIP);
  await money.getByText('$14.10').waitFor();

  await page.getByRole('button', { name: 'Disconnect' }).click();
  await page.getByRole('button', { name: 'Yes, disconnect' }).click();
  await status.getByText('Disconnected: nothing is on sale').waitFor(ROUND_TRIP);
});
