// Buying from the platform's iframe embed on a tenant's site, in real Chromium against the platform's real processes in
// the local shape (its checkout is the local payments page, local-payments-route.ts): the tenant's page on another
// origin frames /embed/<id> with the snippet the portal gives; a viewer signs in inside the player, rents the film, pays
// with the test card in the whole window (not inside the frame), and comes back to the tenant's page, not to the bare
// embed page, where the player in the frame is told of the purchase and plays. A frame sandboxed without top navigation opens checkout in a new tab.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
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
let platform: PlatformProcesses;
let site: EmbedSite;
let browser: BrowserContext;
let tenant: BrowserTenant;
let film: string;

beforeAll(async () => {
  database = await createTestDatabase();
  dataDir = await mkdtemp(path.join(tmpdir(), 'ott-embed-checkout-'));
  [platform] = await Promise.all([
    startPlatformProcesses({ databaseUrl: database.url, dataDir, env: { OTT_X264_PRESET: 'ultrafast' } }),
    ensureBuilt(),
    makeClip(path.join(dataDir, 'film.mp4'), { seconds: 4, width: 320, height: 180 }),
  ]);
  [site, browser, tenant] = await Promise.all([startEmbedSite(platform.apiUrl), launchChromium({ args: [EMBED_SITE_RESOLVER_ARG] }), signUpActiveTenant(platform.apiUrl, 'frame-films')]);
  // The tenant's site, and the platform's own origin, which the portal keeps in the list (the embed page is served there).
  await tenant.api.tenants.update.mutate({ allowedOrigins: [site.origin, new URL(platform.apiUrl).origin] });
  const { url: onboarding } = await tenant.api.sales.connect.mutate({ returnUrl: `${platform.apiUrl}/sales` });
  expect((await fetch(onboarding, { redirect: 'manual' })).status).toBe(303);
  film = await uploadReadyVideo(tenant.api, path.join(dataDir, 'film.mp4'), { title: 'Framed film', accessMode: 'viewers' });
  await tenant.api.sales.createOffer.mutate({ kind: 'rental', name: 'Rent the film', amount: 399, currency: 'usd', videoIds: [film], rental: { startDays: 7, watchHours: 48 } });
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await site?.close();
  await platform?.stop();
  await database?.drop();
  await rm(dataDir, { recursive: true, force: true });
});

/** A tenant's page framing the embed as the portal's iframe snippet does (`frameAttributes` added to it). */
function framingPage(frameAttributes = ''): string {
  return site.url({
    videoId: film,
    html: `<iframe src="${platform.apiUrl}/embed/${film}" title="Video" width="640" height="360" style="border: 0" allow="autoplay; fullscreen" allowfullscreen referrerpolicy="no-referrer-when-downgrade" ${frameAttributes}></iframe>`,
  });
}

const PASSWORD = 'my own viewing password';
const framedPlayer = (page: Page) => page.frameLocator('iframe').locator('ott-player');

/** Signs a new viewer in inside the framed player (an invitation's temporary password, then their own). */
async function signInInFrame(page: Page, email: string): Promise<void> {
  await tenant.api.viewers.invite.mutate({ email });
  const invitation = await waitForEmail(database.db, { kind: 'viewer-invitation', to: email });
  const temporary = /Temporary password: (\S+)/.exec(invitation.text)?.[1] ?? '';
  const player = framedPlayer(page);
  await player.getByLabel('Email').fill(email, { timeout: 15_000 });
  await player.getByLabel('Password').fill(temporary);
  await player.getByRole('button', { name: 'Sign in', exact: true }).click();
  await player.getByLabel('New password').fill(PASSWORD);
  await player.getByRole('button', { name: 'Save password and watch' }).click();
  await player.getByRole('button', { name: 'Rent', exact: true }).waitFor({ timeout: 15_000 });
}

it('takes a viewer who rents in the iframe embed to checkout in the whole window and back to the tenant’s page, where the film plays', async () => {
  const page = await browser.newPage();
  const tenantPage = framingPage();
  await page.goto(tenantPage);
  await signInInFrame(page, 'framed-renter@example.com');

  await page.frameLocator('iframe').locator('ott-player').getByRole('button', { name: 'Rent', exact: true }).click();
  // The whole window goes to checkout, not the frame.
  await page.waitForURL(/\/local-payments\/checkout\//, { timeout: 15_000 });
  await page.getByLabel('Card number').fill('4242 4242 4242 4242');
  const requested: string[] = [];
  page.on('request', (request) => requested.push(request.url()));
  await page.getByRole('button', { name: 'Pay' }).click();
  await page.waitForURL((url) => url.origin === site.origin, { timeout: 15_000 });
  expect(page.url()).toBe(`${tenantPage}?ott-checkout=${film}`);
  expect(await page.getByRole('heading', { name: 'Acme Films' }).count()).toBe(1);

  // This Chromium denies the frame (another site than the page) its storage, as Safari and blocked third-party cookies
  // do: the player could not keep the viewer's session across the trip, so they sign in again, and the rental plays.
  const player = framedPlayer(page);
  await player.getByLabel('Email').fill('framed-renter@example.com', { timeout: 15_000 });
  await player.getByLabel('Password').fill(PASSWORD);
  await player.getByRole('button', { name: 'Sign in', exact: true }).click();
  const frame = page.frames().find((candidate) => candidate.url().startsWith(`${platform.apiUrl}/embed/`));
  if (!frame) throw new Error('the tenant’s page has no embed frame');
  // The embed moved the page's checkout marker onto its own address, where the player took it (and took it off).
  expect(requested.some((url) => url === `${platform.apiUrl}/embed/${film}?ott-checkout=${film}`)).toBe(true);
  await expect.poll(() => frame.url()).toBe(`${platform.apiUrl}/embed/${film}`);
  const play = player.getByRole('button', { name: 'Play', exact: true }).first();
  await Promise.race([
    play.click({ timeout: 15_000 }).catch(() => undefined),
    frame.waitForFunction(() => !(document.querySelector('ott-player')?.shadowRoot?.querySelector('video')?.paused ?? true), undefined, { timeout: 15_000 }),
  ]);
  const time = await frame.waitForFunction(() => (document.querySelector('ott-player')?.shadowRoot?.querySelector('video')?.currentTime ?? 0) > 1, undefined, { timeout: 30_000, polling: 200 });
  expect(await time.jsonValue()).toBe(true);
  expect(await player.getByRole('button', { name: 'Rent', exact: true }).count()).toBe(0);
  await page.close();
});

it('opens checkout in a new tab from a frame sandboxed without top navigation, coming back to the tenant’s page there', async () => {
  const page = await browser.newPage();
  const tenantPage = framingPage('sandbox="allow-scripts allow-same-origin allow-forms allow-popups allow-popups-to-escape-sandbox"');
  await page.goto(tenantPage);
  await signInInFrame(page, 'sandboxed-renter@example.com');

  const [checkout] = await Promise.all([browser.waitForEvent('page'), page.frameLocator('iframe').locator('ott-player').getByRole('button', { name: 'Rent', exact: true }).click()]);
  await checkout.waitForURL(/\/local-payments\/checkout\//, { timeout: 15_000 });
  expect(page.url()).toBe(tenantPage);
  await checkout.getByLabel('Card number').fill('4242 4242 4242 4242');
  await checkout.getByRole('button', { name: 'Pay' }).click();
  await checkout.waitForURL((url) => url.origin === site.origin, { timeout: 15_000 });
  expect(checkout.url()).toBe(`${tenantPage}?ott-checkout=${film}`);
  await Promise.all([checkout.close(), page.close()]);
});
