// "Replace the source" in the portal, in Chromium against the platform's real processes: the owner picks a file of
// another duration for a ready video; the page shows the replacement's progress, then "Source replaced"; the video
// keeps its id, and an embed of that id on the tenant's site plays the new version.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { makeClip } from '@ott/control-plane/test-support/media-fixtures';
import { createTestDatabase, type TestDatabase } from '@ott/control-plane/test-support/test-database';
import { ensureBuilt } from '@ott/player-sdk/ensure-build';
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { EMBED_SITE_RESOLVER_ARG, startEmbedSite, type EmbedSite } from '../support/browser-embed-site.js';
import { signUpActiveTenant, uploadReadyVideo, type BrowserTenant } from '../support/browser-tenant.js';
import { launchChromium } from '../support/chromium.js';
import { expectPlayback } from '../support/expect-playback.js';
import { startPlatformProcesses, type PlatformProcesses } from '../support/platform-processes.js';
import { ensurePortalBuilt } from './portal-build.js';

let database: TestDatabase;
let dataDir: string;
let platform: PlatformProcesses;
let site: EmbedSite;
let browser: BrowserContext;
let tenant: BrowserTenant;
let videoId: string;
let longer: string;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'ott-replace-'));
  database = await createTestDatabase();
  const [started, first, second] = await Promise.all([
    startPlatformProcesses({ databaseUrl: database.url, dataDir, env: { OTT_X264_PRESET: 'ultrafast' } }),
    makeClip(path.join(dataDir, 'two-seconds.mp4'), { seconds: 2, width: 320, height: 240 }),
    makeClip(path.join(dataDir, 'seven-seconds.mp4'), { seconds: 7, width: 320, height: 240 }),
    ensureBuilt(),
    ensurePortalBuilt(),
  ]);
  platform = started;
  longer = second;
  [site, browser, tenant] = await Promise.all([startEmbedSite(platform.apiUrl), launchChromium({ args: [EMBED_SITE_RESOLVER_ARG] }), signUpActiveTenant(platform.apiUrl, 'replace')]);
  await tenant.api.tenants.update.mutate({ allowedOrigins: [site.origin, platform.apiUrl] });
  videoId = await uploadReadyVideo(tenant.api, first, { title: 'Teaser', accessMode: 'public' });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await site?.close();
  await platform?.stop();
  await database?.drop();
  await rm(dataDir, { recursive: true, force: true });
});

it('replaces a ready video’s source from the portal: same id, and an embed of it plays the new duration', async () => {
  const embed = await browser.newPage();
  await embed.goto(site.url({ videoId }));
  await embed.locator('ott-player .duration').filter({ hasText: '0:02' }).waitFor({ timeout: 30_000 });
  await embed.close();

  const page = await browser.newPage();
  await page.goto(`${platform.apiUrl}/login`);
  await page.getByLabel('Workspace name').fill(tenant.slug);
  await page.getByLabel('E-mail').fill(`owner@${tenant.slug}.example`);
  await page.getByLabel('Password').fill('a long enough password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('link', { name: 'Teaser' }).first().click();
  const panel = page.getByRole('region', { name: 'Replace the source' });
  await panel.getByLabel('New source file').setInputFiles(longer);
  await panel
    .getByRole('status')
    .getByText(/^Replacing… \d+%$/)
    .waitFor();
  await page.getByText('Source replaced').waitFor({ timeout: 60_000 });
  expect(page.url()).toBe(`${platform.apiUrl}/videos/${videoId}`);
  await expect(panel.getByLabel('New source file').isEnabled()).resolves.toBe(true);

  const replaced = await browser.newPage();
  await replaced.goto(site.url({ videoId }));
  await replaced.locator('ott-player .duration').filter({ hasText: '0:07' }).waitFor({ timeout: 30_000 });
  await expect(expectPlayback(replaced)).resolves.toBeGreaterThan(1);
});
