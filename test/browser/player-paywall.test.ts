// A paid title in the embeddable player, in real Chromium against the platform's real processes and the fake Stripe
// (Connect) at the HTTP boundary: the tenant's page on another site embeds a film only a rental unlocks; the viewer
// signs in inside the player, then sees the offer's price and terms over the poster, and pressing Rent takes the page
// to the checkout page viewerSales.buy opened on the tenant's Stripe account, returning to this very page; back from
// paying, the player says it is confirming the purchase until Stripe's webhook lands, then plays.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONNECT_WEBHOOK_SECRET, FakeStripeConnect, GOOD_CARD, type SignedEvent } from '@ott/control-plane/test-support/fake-stripe-connect';
import { waitForEmail } from '@ott/control-plane/test-support/mailbox';
import { makeClip } from '@ott/control-plane/test-support/media-fixtures';
import { createTestDatabase, type TestDatabase } from '@ott/control-plane/test-support/test-database';
import { ensureBuilt } from '@ott/player-sdk/ensure-build';
import { EMBED_SITE_RESOLVER_ARG, startEmbedSite, type EmbedSite } from '../support/browser-embed-site.js';
import { signUpActiveTenant, uploadReadyVideo, type BrowserTenant } from '../support/browser-tenant.js';
import { launchChromium } from '../support/chromium.js';
import { startPlatformProcesses, type PlatformProcesses } from '../support/platform-processes.js';

let database: TestDatabase;
let dataDir: string;
let stripe: FakeStripeConnect;
let platform: PlatformProcesses;
let site: EmbedSite;
let browser: BrowserContext;
let tenant: BrowserTenant;
let film: string;
let accountId: string;

beforeAll(async () => {
  database = await createTestDatabase();
  dataDir = await mkdtemp(path.join(tmpdir(), 'ott-paywall-'));
  stripe = await FakeStripeConnect.start();
  [platform] = await Promise.all([
    startPlatformProcesses({
      databaseUrl: database.url,
      dataDir,
      env: { OTT_X264_PRESET: 'ultrafast', STRIPE_SECRET_KEY: 'sk_test_platform', STRIPE_CONNECT_WEBHOOK_SECRET: CONNECT_WEBHOOK_SECRET, OTT_STRIPE_API_URL: stripe.url },
    }),
    ensureBuilt(),
    makeClip(path.join(dataDir, 'film.mp4'), { seconds: 4, width: 320, height: 180 }),
  ]);
  [site, browser, tenant] = await Promise.all([
    startEmbedSite(platform.apiUrl),
    launchChromium({ blockThirdPartyCookies: true, args: [EMBED_SITE_RESOLVER_ARG] }),
    signUpActiveTenant(platform.apiUrl, 'acme-paid'),
  ]);
  // The tenant's site embeds its films, and checkout may send viewers back to its pages.
  await tenant.api.tenants.update.mutate({ allowedOrigins: [site.origin] });
  // The tenant connects its Stripe account; Stripe says over the Connect webhook that it can take payments.
  await tenant.api.sales.connect.mutate({ returnUrl: `${platform.apiUrl}/sales` });
  accountId = (await tenant.api.sales.store.query()).accountId ?? '';
  expect(await deliver(stripe.completeOnboarding(accountId))).toBe(200);
  film = await uploadReadyVideo(tenant.api, path.join(dataDir, 'film.mp4'), { title: 'Paid film', accessMode: 'viewers' });
  await tenant.api.sales.createOffer.mutate({ kind: 'rental', name: 'Rent the film', amount: 399, currency: 'USD', videoIds: [film], rental: { startDays: 30, watchHours: 48 } });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await site?.close();
  await platform?.stop();
  await stripe?.close();
  await database?.drop();
  await rm(dataDir, { recursive: true, force: true });
});

/** Stripe's Connect webhook delivery to the platform, over HTTP. */
async function deliver(event: SignedEvent): Promise<number> {
  const response = await fetch(`${platform.apiUrl}/webhooks/stripe-connect`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'Stripe-Signature': event.signature },
    body: event.body.toString('utf8'),
  });
  return response.status;
}

const player = (page: Page) => page.locator('ott-player');

describe('a paid title in <ott-player> on the tenant’s own site', () => {
  it('asks a viewer to sign in, then shows the rental’s price and terms, Rent goes to the checkout page buy opened, and back from paying it plays once Stripe confirms', async () => {
    const email = 'renter@acme-paid.example';
    await tenant.api.viewers.invite.mutate({ email });
    const invitation = await waitForEmail(database.db, { kind: 'viewer-invitation', to: email });
    const temporary = /Temporary password: (\S+)/.exec(invitation.text)?.[1] ?? '';

    const page = await browser.newPage();
    const embedUrl = site.url({ videoId: film });
    await page.goto(embedUrl);
    await player(page).getByRole('heading', { name: 'Sign in to watch “Paid film”' }).waitFor({ timeout: 15_000 });
    await player(page).getByLabel('Email').fill(email);
    await player(page).getByLabel('Password').fill(temporary);
    await player(page).getByRole('button', { name: 'Sign in', exact: true }).click();
    await player(page).getByLabel('New password').fill('my own viewing password');
    await player(page).getByRole('button', { name: 'Save password and watch' }).click();

    // Signed in but not entitled: the offer over the poster, no stream.
    await player(page).getByRole('heading', { name: 'Watch “Paid film”' }).waitFor({ timeout: 15_000 });
    const offer = player(page).locator('.paywall-offer');
    await expect.poll(() => offer.count()).toBe(1);
    expect(await offer.innerText()).toMatch(/Rent the film[\s\S]*\$3\.99[\s\S]*48 hours to finish once you start, 30 days to start/);
    expect(await player(page).getByText('This title is for paying viewers: choose one of the offers to watch it.').count()).toBe(1);
    const paywall = await page.evaluate(() => window.ottEvents.find((event) => event.type === 'paywall')?.detail);
    expect(paywall).toMatchObject({ offers: [{ kind: 'rental', amount: 399, currency: 'usd', rental: { startDays: 30, watchHours: 48 } }] });

    // Rent: viewerSales.buy opens checkout on the tenant's account; the page goes there (Stripe's page is not reachable here).
    await page.route('https://checkout.stripe.test/**', (route) => route.fulfill({ status: 200, contentType: 'text/html', body: '<h1>Checkout</h1>' }));
    await player(page).getByRole('button', { name: 'Rent', exact: true }).click();
    await page.waitForURL(/^https:\/\/checkout\.stripe\.test\//, { timeout: 15_000 });
    const [sessionId] = stripe.sessionIds(accountId);
    const session = stripe.object(accountId, sessionId ?? '');
    expect(page.url()).toBe(session.url);
    expect(session).toMatchObject({ mode: 'payment', success_url: `${embedUrl}?ott-checkout=${film}`, cancel_url: embedUrl, amount_total: 399 });

    // The viewer pays and Stripe sends them back before its webhook reaches the platform.
    const paid = stripe.payCheckout(accountId, sessionId ?? '', GOOD_CARD);
    if (paid.declined) throw new Error('the good card was declined');
    await page.goto(String(session.success_url));
    await player(page).getByText('Confirming your purchase…').waitFor({ timeout: 15_000 });
    expect(page.url()).toBe(embedUrl);
    for (const event of paid.events) expect(await deliver(event)).toBe(200);
    await page.waitForFunction(() => document.querySelector('ott-player')?.player?.ready === true, undefined, { timeout: 30_000, polling: 200 });
    expect(await player(page).locator('.paywall').isVisible()).toBe(false);
    expect(await page.evaluate(() => window.ottEvents.some((event) => event.type === 'paywall'))).toBe(false);
    await page.close();
  });
});
