// Plans and the usage page in Chromium against the platform's real processes (local ledger): a payment method is
// saved without touching the plan; Pro is chosen, the confirmation shows the prorated charge for the rest of the month,
// and the invoice preview carries it; Free is scheduled for the period's end and can be called off; the usage page
// explains its units, meters the plan's allowances with a month-end estimate and charts days with labelled axes over
// a chosen range; and the owner's own preview in the portal is counted under "Your previews", not as a viewer's play.
// Screenshots at 1280 and 390 px land in test-results/screenshots/.
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { makeClip } from '@ott/control-plane/test-support/media-fixtures';
import { createTestDatabase, type TestDatabase } from '@ott/control-plane/test-support/test-database';
import { waitFor } from '@ott/control-plane/test-support/wait-for';
import { apiClient } from '../support/api-client.js';
import { signUpActiveTenant, uploadReadyVideo, type BrowserTenant } from '../support/browser-tenant.js';
import { launchChromium } from '../support/chromium.js';
import { expectPlayback } from '../support/expect-playback.js';
import { startPlatformProcesses, type PlatformProcesses } from '../support/platform-processes.js';
import { ensurePlayerSdkBuilt, ensurePortalBuilt } from './portal-build.js';

const screenshots = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../test-results/screenshots');
const SLUG = `bill-${Date.now().toString(36)}`;
const PRO_FEE_CENTS = 4900;

let database: TestDatabase;
let dataDir: string;
let platform: PlatformProcesses;
let context: BrowserContext;
let page: Page;
let tenant: BrowserTenant;
let videoId: string;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'ott-billing-usage-'));
  let clip: string;
  [database, clip] = await Promise.all([
    createTestDatabase(),
    makeClip(path.join(dataDir, 'short-film.mp4'), { seconds: 2, width: 320, height: 240 }),
    ensurePortalBuilt(),
    ensurePlayerSdkBuilt(),
    mkdir(screenshots, { recursive: true }),
  ]);
  // Metering every second: the previews and plays below reach the usage page without waiting a minute.
  platform = await startPlatformProcesses({ databaseUrl: database.url, dataDir, env: { OTT_X264_PRESET: 'ultrafast', OTT_METERING_INTERVAL_SECONDS: '1' } });
  tenant = await signUpActiveTenant(platform.apiUrl, SLUG);
  videoId = await uploadReadyVideo(tenant.api, clip, { title: 'short-film', accessMode: 'public' });
  context = await launchChromium();
  page = await context.newPage();
  await page.goto(`${platform.apiUrl}/login`);
  await page.getByLabel('Workspace name').fill(SLUG);
  await page.getByLabel('E-mail').fill(`owner@${SLUG}.example`);
  await page.getByLabel('Password').fill('a long enough password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Library' }).waitFor();
}, 240_000);

afterAll(async () => {
  await context?.close();
  await platform?.stop();
  await database?.drop();
  await rm(dataDir, { recursive: true, force: true });
});

afterEach(async (test) => {
  if (test.task.result?.state === 'fail') await snap(`failed-${test.task.name.slice(0, 40).replace(/\W+/g, '-')}`).catch(() => undefined);
});

async function snap(name: string): Promise<void> {
  await page.screenshot({ path: path.join(screenshots, `billing-${name}.png`), fullPage: true });
}

/** The Pro fee for the rest of this UTC month at `at`, in cents, as the ledger prorates it. */
function proratedProFee(at: number): number {
  const now = new Date(at);
  const start = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1);
  const end = Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1);
  return Math.round((PRO_FEE_CENTS * (end - at)) / (end - start));
}

const cents = (text: string | null) => Math.round(Number((text ?? '').replace(/[$,]/g, '')) * 100);

describe('plans and the usage page', () => {
  it('adds a payment method without changing the plan', async () => {
    await page.getByRole('link', { name: 'Usage & billing' }).click();
    const plan = page.getByRole('region', { name: /^Plan/ });
    await plan.getByRole('heading', { name: 'Plan: Free' }).waitFor();
    await plan.getByRole('button', { name: 'Add a payment method' }).click();
    await page.getByText('Payment method saved. Your plan is unchanged.').waitFor();
    await plan.getByText('On file').waitFor();
    await plan.getByRole('heading', { name: 'Plan: Free' }).waitFor();
    expect((await tenant.api.tenants.me.query()).plan.id).toBe('free');
  });

  it('moves to Pro after a confirmation that shows the prorated charge, which the invoice preview then carries', async () => {
    const plan = page.getByRole('region', { name: /^Plan/ });
    await plan.getByRole('radio', { name: /^Pro/ }).check();
    const before = Date.now();
    await plan.getByRole('button', { name: 'Review the change' }).click();
    const confirmation = page.getByRole('group', { name: 'Confirm the plan change' });
    const charge = cents(await confirmation.getByTestId('charge-now').textContent());
    const after = Date.now();
    // Less than the whole fee (the month has begun), and exactly the rest of the month's share of it.
    expect(charge).toBeGreaterThanOrEqual(proratedProFee(after) - 1);
    expect(charge).toBeLessThanOrEqual(proratedProFee(before) + 1);
    await confirmation.getByText('$49.00 a month', { exact: true }).waitFor();
    await snap('plan-confirmation');
    await confirmation.getByRole('button', { name: /^Confirm and pay \$/ }).click();
    await page.getByText('You are on the Pro plan now.').waitFor();
    await plan.getByRole('heading', { name: 'Plan: Pro' }).waitFor();

    const preview = page.getByRole('region', { name: 'Invoice preview' });
    const proration = preview.getByRole('row', { name: /Pro plan from .*prorated/ });
    expect(cents(await proration.getByRole('cell').last().textContent())).toBe(charge);
    expect(
      cents(
        await preview
          .getByRole('row', { name: /Free plan, monthly fee/ })
          .getByRole('cell')
          .last()
          .textContent(),
      ),
    ).toBe(0);
    expect((await tenant.api.tenants.me.query()).plan.id).toBe('pro');
  });

  it('schedules Free for the end of the period with nothing charged, and calls it off', async () => {
    const plan = page.getByRole('region', { name: /^Plan/ });
    const backToFree = async () => {
      await plan.getByRole('radio', { name: /^Free/ }).check();
      await plan.getByRole('button', { name: 'Review the change' }).click();
      const confirmation = page.getByRole('group', { name: 'Confirm the plan change' });
      expect(cents(await confirmation.getByTestId('charge-now').textContent())).toBe(0);
      await confirmation.getByRole('button', { name: 'Move to Free at the end of the period' }).click();
      await plan.getByText(/Your plan changes to Free on .*; until then you keep Pro\./).waitFor();
    };
    await backToFree();
    await plan.getByRole('button', { name: 'Keep Pro' }).click();
    await page.getByText('You stay on the Pro plan.').waitFor();
    await plan.getByText(/Your plan changes to Free/).waitFor({ state: 'detached' });
    await backToFree();
    expect((await tenant.api.billing.status.query()).pendingPlanChange?.plan.id).toBe('free');
    expect((await tenant.api.tenants.me.query()).plan.id).toBe('pro');
  });

  it('counts the owner’s preview in the portal under "Your previews", apart from a viewer’s play', async () => {
    await page.goto(`${platform.apiUrl}/videos/${videoId}`);
    expect(await expectPlayback(page)).toBeGreaterThan(1);
    // A viewer: the public video authorised without any credential, its master playlist fetched.
    const grant = await apiClient(platform.apiUrl).playback.authorize.mutate({ videoId });
    expect((await fetch(grant.signedManifestUrl)).status).toBe(200);
    await waitFor(
      async () => {
        const { plays } = await tenant.api.usage.overview.query();
        return plays.previews >= 1 && plays.viewers >= 1 ? plays : undefined;
      },
      { what: 'the preview and the viewer play to be metered', timeoutMs: 60_000, intervalMs: 500 },
    );
    await page.getByRole('link', { name: 'Usage & billing' }).click();
    const plays = page.getByRole('article', { name: 'Plays' });
    await expect.poll(() => plays.getByTestId('viewer-plays').textContent()).toBe('1');
    expect(await plays.getByTestId('preview-plays').textContent()).toMatch(/^[1-9]\d* \(\d[\d.]* [KMG]?B\)$/);
  });

  it('explains the units, meters the plan with a month-end estimate, and charts days with labelled axes over a chosen range', async () => {
    const glance = page.getByRole('region', { name: 'This month at a glance' });
    await glance.getByText(/1 min of 1080p video across the ladder = 6 normalised minutes/).waitFor();
    await glance.getByText(/Billed in GB-months: what is stored, measured every hour/).waitFor();
    expect(await glance.getByTestId('invoice-forecast').textContent()).toMatch(/^\$\d[\d,]*\.\d{2}$/);
    await glance.getByText(/Estimates assume the rest of the month goes like the \d+ days? so far/).waitFor();
    for (const meter of ['Transcoding', 'Delivery', 'Storage']) {
      const card = glance.getByRole('article', { name: meter });
      await card.getByRole('progressbar').waitFor();
      expect(await card.textContent()).toMatch(/ of .+ included \(\d+(\.\d+)?%\).*Month-end estimate: /);
    }
    expect(await glance.getByRole('article', { name: 'Transcoding' }).textContent()).toMatch(/of 1,000 normalised minutes included/);

    const days = page.getByRole('region', { name: 'Usage by day' });
    const plot = days.locator('.usage-plot');
    await plot.locator('canvas').waitFor();
    const axes = days.locator('.usage-axis-label');
    expect(await axes.allTextContents()).toEqual(['Normalised minutes', 'Day (UTC)']);
    for (const axis of await axes.all()) expect(await axis.isVisible()).toBe(true);
    // Hovering a day shows its value in the legend.
    await plot.scrollIntoViewIfNeeded();
    const box = await plot.locator('.u-over').boundingBox();
    if (!box) throw new Error('the chart has no plotting area');
    await page.mouse.move(box.x + 2, box.y + box.height / 2);
    await page.mouse.move(box.x + box.width - 2, box.y + box.height / 2, { steps: 8 });
    await expect.poll(() => plot.locator('.u-legend .u-series').nth(1).locator('.u-value').textContent()).toMatch(/^[\d.,]+ min$/);
    await days.getByLabel('Dates').selectOption({ label: 'Previous month' });
    await days.getByText('No usage recorded in these dates.').waitFor();
    await days.getByLabel('Dates').selectOption({ label: 'This month' });
    await days.getByLabel('Chart').selectOption({ label: 'Delivery' });
    await expect.poll(() => axes.allTextContents()).toEqual(['Delivered data', 'Day (UTC)']);
    await snap('usage-1280');

    await page.setViewportSize({ width: 390, height: 844 });
    await plot.locator('canvas').waitFor();
    await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    expect(await plot.evaluate((element) => element.getBoundingClientRect().right)).toBeLessThanOrEqual(390);
    await snap('usage-390');
    await page.setViewportSize({ width: 1280, height: 720 });
  });
});
