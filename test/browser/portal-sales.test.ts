// The Sales page in Chromium against the platform's real processes (local shape: its own payment pages stand in for
// Stripe's): the owner sees the platform's fee, connects (onboarding and back), creates a rental typed as a price in
// dollars, is told what to type when the price is wrong, and disconnects.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createTestDatabase, type TestDatabase } from '@ott/control-plane/test-support/test-database';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { signInToPortal, signUpActiveTenant, type BrowserTenant } from '../support/browser-tenant.js';
import { launchChromium } from '../support/chromium.js';
import { startPlatformProcesses, type PlatformProcesses } from '../support/platform-processes.js';
import { ensurePortalBuilt } from './portal-build.js';

let tenant: BrowserTenant;
let page: Page;
let browser: BrowserContext;
let platform: PlatformProcesses;
let database: TestDatabase;
let dataDir: string;

const ROUND_TRIP = { timeout: 15_000 };

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'ott-sales-'));
  [database] = await Promise.all([createTestDatabase(), ensurePortalBuilt()]);
  platform = await startPlatformProcesses({ databaseUrl: database.url, dataDir });
  [browser, tenant] = await Promise.all([launchChromium(), signUpActiveTenant(platform.apiUrl, 'sales-films')]);
  page = await browser.newPage();
  await signInToPortal(page, platform.apiUrl, tenant);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await platform?.stop();
  await Promise.all([database?.drop(), dataDir ? rm(dataDir, { recursive: true, force: true }) : undefined]);
});

it('connects the payment account, sells a rental at a typed price, and disconnects', async () => {
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

  await page.getByRole('button', { name: 'Disconnect' }).click();
  await page.getByRole('button', { name: 'Yes, disconnect' }).click();
  await status.getByText('Disconnected: nothing is on sale').waitFor(ROUND_TRIP);
});
