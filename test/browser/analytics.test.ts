// Viewer analytics end to end, against the platform's real processes and Chromium: three viewers on three devices in
// three countries (each its own browser with that device's User-Agent; the country from the header only a trusted
// proxy may set, the test's requests coming from 127.0.0.1, configured as that proxy) play two short films through the
// embed page, one of them stopping early. Then the admin opens the Analytics page and reads the figures back from what
// the charts draw (their data-values) and the headline figures: views, watch time, a point of the retention curve, the
// median start-up time, a breakdown by country. Screenshots of the dashboard at 1280 px and 390 px go to
// test-results/screenshots/analytics-<width>.png; the phone's must not scroll sideways.
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeClip } from '@ott/control-plane/test-support/media-fixtures';
import { createTestDatabase, type TestDatabase } from '@ott/control-plane/test-support/test-database';
import type { OttPlayerElement, QoeReportData } from '@ott/player-sdk';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { signInToPortal, signUpActiveTenant, uploadReadyVideo, type BrowserTenant } from '../support/browser-tenant.js';
import { launchChromium } from '../support/chromium.js';
import { expectPlayback } from '../support/expect-playback.js';
import { startPlatformProcesses, type PlatformProcesses } from '../support/platform-processes.js';
import { ensurePlayerSdkBuilt, ensurePortalBuilt } from './portal-build.js';

const screenshots = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../test-results/screenshots');
const COUNTRY_HEADER = 'X-Test-Country';
const FILM_SECONDS = 6;
const SHORT_SECONDS = 3;

const DEVICES = {
  desktop: { country: 'FR', userAgent: 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36' },
  phone: { country: 'DE', userAgent: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1' },
  tablet: { country: 'US', userAgent: 'Mozilla/5.0 (iPad; CPU OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1' },
} as const;
type Device = keyof typeof DEVICES;

let database: TestDatabase;
let dataDir: string;
let platform: PlatformProcesses;
let tenant: BrowserTenant;
let film: string;
let short: string;
const contexts: BrowserContext[] = [];
/** What each play reported when the viewer left: the figures the dashboard must add up to. */
const played: { device: Device; videoId: string; report: QoeReportData }[] = [];

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'ott-analytics-'));
  let filmFile: string;
  let shortFile: string;
  [database, filmFile, shortFile] = await Promise.all([
    createTestDatabase(),
    makeClip(path.join(dataDir, 'film.mp4'), { seconds: FILM_SECONDS, width: 320, height: 180 }),
    makeClip(path.join(dataDir, 'short.mp4'), { seconds: SHORT_SECONDS, width: 320, height: 180 }),
    ensurePortalBuilt(),
    ensurePlayerSdkBuilt(),
    mkdir(screenshots, { recursive: true }),
  ]);
  platform = await startPlatformProcesses({
    databaseUrl: database.url,
    dataDir,
    env: { OTT_X264_PRESET: 'ultrafast', OTT_TRUSTED_PROXIES: '127.0.0.1/32', OTT_VIEWER_COUNTRY_HEADER: COUNTRY_HEADER },
  });
  tenant = await signUpActiveTenant(platform.apiUrl, 'analytics-films');
  [film, short] = await Promise.all([
    uploadReadyVideo(tenant.api, filmFile, { title: 'The long film', accessMode: 'public' }),
    uploadReadyVideo(tenant.api, shortFile, { title: 'The short one', accessMode: 'public' }),
  ]);
  // The desktop viewer watches both films to the end, the phone the long one to the end, the tablet leaves the long
  // one after a second.
  await watch('desktop', [
    { videoId: film, untilEnd: true },
    { videoId: short, untilEnd: true },
  ]);
  await watch('phone', [{ videoId: film, untilEnd: true }]);
  await watch('tablet', [{ videoId: film, untilEnd: false }]);
}, 300_000);

afterAll(async () => {
  for (const context of contexts) await context.close();
  await platform?.stop();
  await database?.drop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

/**
 * One viewer on `device`: each film through its embed page, then the page hides (as a viewer switching tabs), and the
 * player's report goes out; the API's answer to it is awaited, so the dashboard has it.
 */
async function watch(device: Device, plays: { videoId: string; untilEnd: boolean }[]): Promise<void> {
  const { userAgent, country } = DEVICES[device];
  const context = await launchChromium({ userAgent });
  try {
    // On the API's own requests only, as the proxy in front of it would add it (the media come from another origin,
    // where a custom header would turn every segment into a CORS preflight).
    await context.route(`${platform.apiUrl}/**`, (route) => route.continue({ headers: { ...route.request().headers(), [COUNTRY_HEADER.toLowerCase()]: country } }));
    const page = await context.newPage();
    for (const { videoId, untilEnd } of plays) {
      await page.goto(`${platform.apiUrl}/embed/${videoId}`);
      await expectPlayback(page);
      if (untilEnd) await page.waitForFunction(() => document.querySelector('ott-player')?.shadowRoot?.querySelector('video')?.ended === true, undefined, { timeout: 30_000, polling: 200 });
      const report = await page.evaluate(() => document.querySelector<OttPlayerElement>('ott-player')?.player?.qoe);
      if (!report) throw new Error(`The player on the ${device} reported nothing`);
      played.push({ device, videoId, report });
      const stored = page.waitForResponse((response) => new URL(response.url()).pathname === '/qoe' && response.ok(), { timeout: 15_000 });
      await page.evaluate(() => {
        Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true });
        document.dispatchEvent(new Event('visibilitychange'));
      });
      await stored;
    }
  } finally {
    await context.close();
  }
}

/** A chart's figures as it draws them (the figure's data-values). */
async function chartValues(page: Page, chart: string): Promise<{ x: number[]; series: Record<string, (number | null)[]> }> {
  const json = await page.locator(`figure[data-chart="${chart}"]`).getAttribute('data-values');
  if (!json) throw new Error(`No ${chart} chart on the page`);
  return JSON.parse(json) as { x: number[]; series: Record<string, (number | null)[]> };
}

function figure(page: Page, name: string) {
  return page.locator(`[data-figure="${name}"] .figure-value`).first();
}

const sum = (values: readonly (number | null)[]) => values.reduce<number>((total, value) => total + (value ?? 0), 0);

/** The admin's dashboard once every play has arrived (the last reports are beacons: they may land a moment later). */
async function openDashboard(page: Page, search = ''): Promise<void> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    await page.goto(`${platform.apiUrl}/analytics${search}`);
    await figure(page, 'views').waitFor({ timeout: 15_000 });
    if ((await figure(page, 'views').textContent()) === String(played.length) || Date.now() > deadline) break;
    await page.waitForTimeout(1000);
  }
  await page.locator('figure[data-chart="retention"]').waitFor({ timeout: 15_000 });
  await page.waitForLoadState('networkidle');
}

it('reads back from the dashboard what the viewers played: views, watch time, retention, start-up, countries', async () => {
  const context = await launchChromium({ viewport: { width: 1280, height: 900 } });
  contexts.push(context);
  const page = await context.newPage();
  await signInToPortal(page, platform.apiUrl, tenant);
  await page.getByRole('navigation', { name: 'Portal' }).getByRole('link', { name: 'Analytics' }).click();
  await page.getByRole('heading', { name: 'Analytics', level: 1 }).waitFor();
  await openDashboard(page);

  // Engagement: four plays by three devices (a viewer is told apart by address and browser, per day).
  expect(await figure(page, 'views').textContent()).toBe('4');
  expect.soft(await figure(page, 'unique-viewers').textContent()).toBe('3');
  // Three of the four plays reached the end; the tablet's did not.
  expect(await figure(page, 'completion-rate').textContent()).toBe('75.0 %');

  // The views-over-time chart: the views and the seconds watched, as the players counted them.
  const watched = sum(played.map((play) => play.report.watchedSeconds));
  const overTime = await chartValues(page, 'views-over-time');
  expect(sum(overTime.series['Views'] ?? [])).toBe(4);
  expect(Math.abs(sum(overTime.series['Watch time'] ?? []) - watched)).toBeLessThanOrEqual(played.length);

  // Retention of the long film (the most viewed, so the one shown): all three at its start, the two who stayed at 90 %.
  const retention = await chartValues(page, 'retention');
  const stillWatching = retention.series['Still watching'] ?? [];
  expect(retention.x).toHaveLength(101);
  expect(stillWatching[0]).toBe(1);
  expect(stillWatching[90]).toBeCloseTo(2 / 3, 3);
  expect(retention.x[90]).toBeCloseTo(0.9 * FILM_SECONDS, 0);

  // Start-up: the median of the four, read from the histogram the rollups keep (within ±11.8 %, plus display rounding).
  const startups = played.map((play) => play.report.startupMs ?? Number.NaN).sort((a, b) => a - b);
  const median = Number.parseFloat((await figure(page, 'startup-p50').textContent()) ?? '') * 1000;
  expect(median).toBeGreaterThanOrEqual(Math.min(startups[1]!, startups[2]!) * 0.88 - 10);
  expect(median).toBeLessThanOrEqual(Math.max(startups[1]!, startups[2]!) * 1.12 + 10);
  const histogram = await chartValues(page, 'startup-histogram');
  expect(sum(histogram.series['Views'] ?? [])).toBe(4);

  // The breakdown by country, and its CSV.
  const breakdown = page.getByRole('region', { name: 'Breakdown' });
  const countries = Object.fromEntries(
    await breakdown
      .getByRole('row')
      .filter({ has: page.getByRole('rowheader') })
      .evaluateAll((rows) => rows.map((row) => [row.querySelector('th')?.textContent ?? '', row.querySelector('td')?.textContent ?? ''])),
  );
  expect(countries).toEqual({ FR: '2', DE: '1', US: '1' });
  const [download] = await Promise.all([page.waitForEvent('download'), breakdown.getByRole('button', { name: 'Download CSV' }).click()]);
  const csv = await readFile((await download.path())!, 'utf8');
  expect(csv.split('\r\n')[0]).toBe('country,views,watch_seconds,startup_p50_ms,rebuffer_ratio,failure_rate');
  expect(csv).toMatch(/\r\nFR,2,/);

  // By device: the desktop, the phone and the tablet each as such.
  await breakdown.getByLabel('By').selectOption({ label: 'Device type' });
  await breakdown.getByRole('rowheader', { name: 'tablet' }).waitFor();
  expect(page.url()).toContain('by=deviceType');
  for (const type of ['desktop', 'mobile']) await breakdown.getByRole('rowheader', { name: type }).waitFor();

  await page.screenshot({ path: path.join(screenshots, 'analytics-1280.png'), fullPage: true });

  // "Only this" on the phone narrows the whole page (and its address) to it: one view.
  await breakdown
    .getByRole('row', { name: /mobile/ })
    .getByRole('button', { name: /Only this/ })
    .click();
  await page.waitForURL(/deviceType=mobile/);
  await expect.poll(() => figure(page, 'views').textContent(), { timeout: 15_000 }).toBe('1');
  // The address alone reopens the same view.
  await page.reload();
  await expect.poll(() => figure(page, 'views').textContent(), { timeout: 15_000 }).toBe('1');
  expect(await page.getByRole('list', { name: 'Filters in force' }).textContent()).toContain('Device type: mobile');
});

it('fits a 390 px phone without sideways scrolling', async () => {
  const context = await launchChromium({ viewport: { width: 390, height: 844 } });
  contexts.push(context);
  const page = await context.newPage();
  await signInToPortal(page, platform.apiUrl, tenant);
  await openDashboard(page);
  expect(await figure(page, 'views').textContent()).toBe('4');
  // The charts have followed the screen's width.
  const plotWidth = await page
    .locator('figure[data-chart="views-over-time"] canvas')
    .first()
    .evaluate((canvas) => canvas.getBoundingClientRect().width);
  expect(plotWidth).toBeLessThanOrEqual(390);
  await page.screenshot({ path: path.join(screenshots, 'analytics-390.png'), fullPage: true });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
});
