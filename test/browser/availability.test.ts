// Availability in Chromium against the platform's real processes: the admin schedules a film and blocks a country on
// its page (date-times in the admin's time zone, a country picked by name), the library marks it "Scheduled" and
// "Geo-restricted", the admin's own preview still plays it, and viewers of the embed get the reason: the opening date
// before it opens, the country by name once it has. The viewer's country comes from a header only a trusted proxy
// may set (the test's requests come from 127.0.0.1, configured as that proxy).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { makeClip } from '@ott/control-plane/test-support/media-fixtures';
import { createTestDatabase, type TestDatabase } from '@ott/control-plane/test-support/test-database';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { signInToPortal, signUpActiveTenant, uploadReadyVideo, type BrowserTenant } from '../support/browser-tenant.js';
import { launchChromium } from '../support/chromium.js';
import { startPlatformProcesses, type PlatformProcesses } from '../support/platform-processes.js';
import { ensurePortalBuilt } from './portal-build.js';

let database: TestDatabase;
let dataDir: string;
let platform: PlatformProcesses;
let browser: BrowserContext;
let page: Page;
let tenant: BrowserTenant;
let videoId: string;

const ROUND_TRIP = { timeout: 15_000 };

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'ott-availability-'));
  let film: string;
  [database, film] = await Promise.all([createTestDatabase(), makeClip(path.join(dataDir, 'film.mp4'), { seconds: 2, width: 320, height: 180 }), ensurePortalBuilt()]);
  platform = await startPlatformProcesses({
    databaseUrl: database.url,
    dataDir,
    env: { OTT_X264_PRESET: 'ultrafast', OTT_TRUSTED_PROXIES: '127.0.0.1/32', OTT_VIEWER_COUNTRY_HEADER: 'X-Test-Country' },
  });
  [browser, tenant] = await Promise.all([launchChromium(), signUpActiveTenant(platform.apiUrl, 'avail-films')]);
  videoId = await uploadReadyVideo(tenant.api, film, { title: 'Premiere', accessMode: 'public' });
  page = await browser.newPage();
  await signInToPortal(page, platform.apiUrl, tenant);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await platform?.stop();
  await database?.drop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

/** The embed as a viewer in `country` sees it: the player's alert, or '' once it is ready to play. */
async function viewerSees(country: string): Promise<string> {
  const viewer = await browser.newPage();
  // On the authorisation alone, as the proxy in front of the API would add it (the edge is another origin, which a
  // custom header on every request would turn into CORS preflights).
  await viewer.route('**/trpc/playback.authorize', (route) => route.continue({ headers: { ...route.request().headers(), 'x-test-country': country } }));
  await viewer.goto(`${platform.apiUrl}/embed/${videoId}`);
  const player = viewer.locator('ott-player');
  await Promise.race([player.getByRole('alert').waitFor(ROUND_TRIP), player.locator('.root[ready]').waitFor({ state: 'attached', ...ROUND_TRIP })]);
  const alert = (await player.getByRole('alert').count()) > 0 ? ((await player.getByRole('alert').locator('.message-text').textContent()) ?? '') : '';
  await viewer.close();
  return alert.trim();
}

it('schedules a film and blocks a country from its page; the library, the preview and viewers each show it', async () => {
  await page.goto(`${platform.apiUrl}/videos/${videoId}`);
  const panel = page.getByRole('region', { name: 'Availability' });
  await panel.waitFor();
  // Tomorrow at 09:30 on the admin's own clock, as the datetime-local input takes it.
  const tomorrow = new Date(Date.now() + 86_400_000);
  const two = (value: number) => String(value).padStart(2, '0');
  const local = `${tomorrow.getFullYear()}-${two(tomorrow.getMonth() + 1)}-${two(tomorrow.getDate())}T09:30`;
  await panel.getByLabel('Publish at', { exact: true }).fill(local);
  await panel.getByLabel('Every country except these').check();
  await panel.getByLabel('Country', { exact: true }).selectOption({ label: 'Germany (DE)' });
  await panel.getByRole('button', { name: 'Add' }).click();
  await panel.getByRole('button', { name: 'Save availability' }).click();
  await panel.getByText('Scheduled', { exact: true }).waitFor(ROUND_TRIP);
  expect(await panel.getByRole('list', { name: 'Blocked countries' }).textContent()).toContain('Germany (DE)');

  // Saved as the instant the admin meant, shown back the same after a reload.
  const saved = await tenant.api.availability.get.query({ videoId });
  expect(new Date(saved.publishAt!).getTime()).toBe(new Date(local).getTime());
  expect(saved.countryRule).toEqual({ mode: 'deny', countries: ['DE'] });
  await page.reload();
  expect(await page.getByRole('region', { name: 'Availability' }).getByLabel('Publish at', { exact: true }).inputValue()).toBe(local);

  // The admin's preview on this page plays before the publish date.
  await page
    .getByRole('region', { name: /^Preview of/ })
    .locator('ott-player .root[ready]')
    .waitFor({ state: 'attached', ...ROUND_TRIP });

  await page.goto(platform.apiUrl);
  const row = page.locator(`[data-video-id="${videoId}"]`);
  await row.getByText('Scheduled', { exact: true }).waitFor(ROUND_TRIP);
  expect(await row.getByText('Geo-restricted').isVisible()).toBe(true);

  expect(await viewerSees('FR')).toMatch(/^This video will be available from \w+ \d+, \d{4}.+\.$/);

  // Published now: Germany is told why, France plays.
  await tenant.api.availability.set.mutate({ videoId, publishAt: null, unpublishAt: null, countryRule: { mode: 'deny', countries: ['DE'] } });
  expect(await viewerSees('DE')).toBe('Not available in your country (Germany).');
  expect(await viewerSees('FR')).toBe('');
});
