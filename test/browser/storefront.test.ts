// The storefront end to end, in real Chromium against the platform's real processes (api, worker, edge) in the local
// shape, whose payments are the local checkout and customer-portal pages (local-payments-route.ts): a viewer finds a
// film by searching with a typo, creates an account, rents it with the test card, watches it, and once the rental's
// hours are over is refused with "rent again"; a subscriber sees the gated collection, subscribes, watches, cancels in
// the customer portal, keeps access to the end of the period (resuming from "Continue watching"), then loses it.
// The processes run on the real clock, so "later" is made by moving the entitlement's own timestamps back in the
// database (the rental's start and end, the subscription's period end), exactly as the clock passing them would
// leave the row.
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { waitForEmail } from '@ott/control-plane/test-support/mailbox';
import { makeClip } from '@ott/control-plane/test-support/media-fixtures';
import { createTestDatabase, type TestDatabase } from '@ott/control-plane/test-support/test-database';
import { ensureBuilt } from '@ott/player-sdk/ensure-build';
import { signUpActiveTenant, uploadReadyVideo, type BrowserTenant } from '../support/browser-tenant.js';
import { launchChromium } from '../support/chromium.js';
import { expectPlayback } from '../support/expect-playback.js';
import { startPlatformProcesses, type PlatformProcesses } from '../support/platform-processes.js';

const screenshots = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../test-results/screenshots');
const HOUR = 3_600_000;
const EMAIL = 'film-fan@example.com';
const PASSWORD = 'a viewer’s own password';

let database: TestDatabase;
let dataDir: string;
let platform: PlatformProcesses;
let browser: BrowserContext;
let tenant: BrowserTenant;
let film: string;
let members: string;

beforeAll(async () => {
  database = await createTestDatabase();
  dataDir = await mkdtemp(path.join(tmpdir(), 'ott-storefront-'));
  [platform] = await Promise.all([startPlatformProcesses({ databaseUrl: database.url, dataDir, env: { OTT_X264_PRESET: 'ultrafast' } }), ensureBuilt(), mkdir(screenshots, { recursive: true })]);
  const clips = await Promise.all(['film', 'members'].map((name) => makeClip(path.join(dataDir, `${name}.mp4`), { seconds: 4, width: 320, height: 180 })));
  // The tenant's logo: a still of the film, logo-sized.
  const logo = path.join(dataDir, 'logo.png');
  await promisify(execFile)('ffmpeg', ['-y', '-loglevel', 'error', '-i', clips[0]!, '-frames:v', '1', '-vf', 'scale=160:48', logo]);
  [browser, tenant] = await Promise.all([launchChromium({ viewport: { width: 390, height: 844 } }), signUpActiveTenant(platform.apiUrl, 'night-cinema')]);
  const { api } = tenant;
  await api.tenants.setAccentColor.mutate({ accentColor: '#e11d48' });
  await api.tenants.setLogo.mutate({ imageBase64: (await readFile(logo)).toString('base64') });
  await api.viewers.setSignUp.mutate({ open: true });
  [film, members] = await Promise.all([
    uploadReadyVideo(api, clips[0]!, { title: 'Interstellar', accessMode: 'viewers' }),
    uploadReadyVideo(api, clips[1]!, { title: 'Members’ Cut', accessMode: 'viewers' }),
  ]);
  await api.catalogue.setMetadata.mutate({ videoId: film, releaseYear: 2014, maturityRating: 'PG-13', categories: ['Science fiction'], credits: [{ role: 'Director', name: 'Christopher Nolan' }] });
  await api.catalogue.setMetadata.mutate({ videoId: members, categories: ['Science fiction'] });
  await api.videos.update.mutate({ videoId: film, description: 'A team travels through a wormhole in search of a new home.' });
  const films = await api.collections.create.mutate({ title: 'New films' });
  await api.collections.addItem.mutate({ collectionId: films.id, videoId: film });
  const gated = await api.collections.create.mutate({ title: 'Members’ collection' });
  await api.collections.addItem.mutate({ collectionId: gated.id, videoId: members });

  // The local payments account, onboarded on its local page, then a rental of the film and a subscription to the gated collection.
  const { url: onboarding } = await api.sales.connect.mutate({ returnUrl: `${platform.apiUrl}/sales` });
  expect((await fetch(onboarding, { redirect: 'manual' })).status).toBe(303);
  await api.sales.createOffer.mutate({ kind: 'rental', name: 'Rent Interstellar', amount: 399, currency: 'usd', videoIds: [film], rental: { startDays: 7, watchHours: 48 } });
  await api.sales.createOffer.mutate({ kind: 'subscription', name: 'Members, monthly', amount: 999, currency: 'usd', interval: 'month', collectionIds: [gated.id] });
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await platform?.stop();
  await database?.drop();
  await rm(dataDir, { recursive: true, force: true });
});

const store = () => `${platform.apiUrl}/store/${tenant.slug}/`;

/** Home and title page at a phone's width and a desktop's. */
async function screenshot(page: Page, name: string): Promise<void> {
  for (const width of [390, 1280]) {
    await page.setViewportSize({ width, height: width === 390 ? 844 : 800 });
    await page.screenshot({ path: path.join(screenshots, `storefront-${name}-${width}.png`), fullPage: true });
  }
  await page.setViewportSize({ width: 390, height: 844 });
}

/** Pays on the local checkout page with Stripe's test card, and comes back to the title page. */
async function payWithTestCard(page: Page): Promise<void> {
  await page.waitForURL(/\/local-payments\/checkout\//);
  await page.getByLabel('Card number').fill('4242 4242 4242 4242');
  await page.getByRole('button', { name: 'Pay' }).click();
  await page.waitForURL(/\/title\/.*\?bought=1$/);
}

/** Moves the tenant's entitlements of `kind` back by `hours`, as the clock passing them would leave the rows. */
async function hoursPass(kind: 'rental' | 'subscription', hours: number): Promise<void> {
  const back = (at: Date | null) => (at ? new Date(at.getTime() - hours * HOUR) : null);
  const rows = await database.db.selectFrom('entitlements').selectAll().where('tenant_id', '=', tenant.tenantId).where('kind', '=', kind).execute();
  expect(rows).toHaveLength(1);
  for (const row of rows) {
    await database.db
      .updateTable('entitlements')
      .set({
        rental_started_at: back(row.rental_started_at),
        rental_ends_at: back(row.rental_ends_at),
        rental_start_by: back(row.rental_start_by),
        period_start: back(row.period_start),
        period_end: back(row.period_end),
      })
      .where('id', '=', row.id)
      .execute();
  }
}

it('a viewer finds a film by searching with a typo, rents it, watches it, and after the rental is told to rent it again', async () => {
  const page = await browser.newPage();
  await page.goto(store());
  await page.getByRole('heading', { name: 'New films' }).waitFor();
  await page
    .getByRole('link', { name: /Interstellar/ })
    .first()
    .waitFor();
  // The tenant's accent colour, not the default.
  expect(await page.locator('header.brand').evaluate((header) => getComputedStyle(header).borderBottomColor)).toBe('rgb(225, 29, 72)');
  await screenshot(page, 'home');

  await page.getByRole('searchbox', { name: 'Search titles' }).fill('intersteller');
  await page.getByRole('searchbox', { name: 'Search titles' }).press('Enter');
  await page.waitForURL(/\/search\?q=intersteller/);
  await page
    .locator('.results')
    .getByRole('link', { name: /Interstellar/ })
    .click();
  await page.getByRole('heading', { level: 1, name: 'Interstellar' }).waitFor();
  expect(await page.locator('.facts').textContent()).toContain('2014');
  // Recommended beside it, saying why: the other title shares its category.
  await page.locator('section[data-recommendations]').getByRole('link', { name: 'Members’ Cut More like Interstellar: shared Science fiction' }).waitFor();

  // Not signed in: Rent asks for an account first, then comes back here.
  await page.getByRole('button', { name: 'Rent' }).click();
  await page.waitForURL(/\/sign-in\?return=/);
  await page.getByRole('link', { name: 'Create an account' }).click();
  await page.getByLabel('Email').fill(EMAIL);
  await page.getByRole('button', { name: 'Continue' }).click();
  const code = /Code: (\S+)/.exec((await waitForEmail(database.db, { kind: 'viewer-sign-up', to: EMAIL })).text)?.[1] ?? '';
  await page.getByLabel('Code').fill(code);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.waitForURL(new RegExp(`/title/${film}$`));
  await page.getByRole('link', { name: 'My account' }).waitFor();

  await page.getByRole('button', { name: 'Rent' }).click();
  await payWithTestCard(page);
  expect(await expectPlayback(page)).toBeGreaterThan(1);
  await screenshot(page, 'title');
  await page.goto(`${store()}account`);
  await page.getByText(/Rent Interstellar — Until/).waitFor();
  // A second purchase paid by bank debit (a delayed method Stripe offers; the local checkout has none) waits for its
  // money: the account page says so, and it grants nothing meanwhile.
  const rental = await database.db
    .selectFrom('entitlements')
    .select(['viewer_id', 'offer_id', 'stripe_account_id'])
    .where('tenant_id', '=', tenant.tenantId)
    .where('kind', '=', 'rental')
    .executeTakeFirstOrThrow();
  await database.db
    .insertInto('pending_sales')
    .values({
      tenant_id: tenant.tenantId,
      viewer_id: rental.viewer_id,
      offer_id: rental.offer_id,
      status: 'processing',
      amount: 399,
      currency: 'usd',
      stripe_account_id: rental.stripe_account_id,
      stripe_checkout_session_id: 'cs_test_bank_debit',
    })
    .execute();
  await page.reload();
  await page.getByText(/Rent Interstellar — Payment processing: your bank has not confirmed the payment yet/).waitFor();

  // 49 hours later the 48 hours to watch are over.
  await hoursPass('rental', 49);
  await page.goto(`${store()}title/${film}`);
  await page.locator('.refusal').getByText('Your rental of this title has ended. Rent it again to keep watching.').waitFor({ timeout: 30_000 });
  expect(await page.getByRole('button', { name: 'Rent' }).isVisible()).toBe(true);
  await page.close();
});

it('a subscriber sees the gated collection, cancels in the customer portal, keeps access to the period end, then loses it', async () => {
  const page = await browser.newPage();
  await page.goto(store());
  await page.getByRole('heading', { name: 'Members’ collection' }).waitFor();
  await page.getByRole('link', { name: /Members’ Cut/ }).click();
  await page.getByRole('button', { name: 'Subscribe' }).click();
  await payWithTestCard(page);
  expect(await expectPlayback(page)).toBeGreaterThan(1);

  await page.goto(`${store()}account`);
  await page.getByText(/Members, monthly — Renews/).waitFor();
  await page.getByRole('button', { name: 'Manage subscriptions and payment' }).click();
  await page.getByRole('button', { name: 'Cancel at the end of the period' }).click();
  await page.getByText('Subscription cancelled').waitFor();
  await page.goto(`${store()}account`);
  await page.getByText(/Members, monthly — Cancelled: access until/).waitFor();

  // Their place, as the player's reports keep it (the clip is short, so it is set here): the store lists it under
  // "Continue watching" and the player resumes there, signed in.
  const { viewer_id: viewerId } = await database.db
    .selectFrom('entitlements')
    .select('viewer_id')
    .where('tenant_id', '=', tenant.tenantId)
    .where('kind', '=', 'subscription')
    .executeTakeFirstOrThrow();
  await database.db
    .insertInto('viewer_progress')
    .values({ tenant_id: tenant.tenantId, viewer_id: viewerId, video_id: members, position_seconds: 2, finished: false })
    .onConflict((oc) => oc.columns(['tenant_id', 'viewer_id', 'video_id']).doUpdateSet({ position_seconds: 2, finished: false, updated_at: new Date() }))
    .execute();
  await page.goto(store());
  await page
    .locator('[data-library="continueWatching"]')
    .getByRole('link', { name: /Members’ Cut/ })
    .click();
  await page.locator('ott-player[start-time="2"][credential]').waitFor({ state: 'attached' });
  // Still within the paid period: it plays.
  expect(await expectPlayback(page)).toBeGreaterThan(1);

  // The period ends (31 days on): the subscription no longer plays the collection.
  await hoursPass('subscription', 31 * 24);
  await page.goto(`${store()}title/${members}`);
  await page.locator('.refusal').getByText('This title is for paying viewers: choose one of the offers to watch it.').waitFor({ timeout: 30_000 });
  await page.goto(`${store()}account`);
  await page.getByText(/Members, monthly — Ended/).waitFor();
  await page.close();
});
