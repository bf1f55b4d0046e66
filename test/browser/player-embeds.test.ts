// The player as tenants embed it, in real Chromium against the platform's real processes: on a site that is not
// one of the tenant's allowed embed origins (a refusal the viewer can read, and the reason in the console), and
// in narrow embeds down to 280 px (every control reachable, none clipped, the seek bar clickable).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

declare global {
  interface Window {
    ottEvents: { type: string; detail: Record<string, unknown>; at: number }[];
  }
}

beforeAll(async () => {
  database = await createTestDatabase();
  dataDir = await mkdtemp(path.join(tmpdir(), 'ott-embeds-'));
  const [started] = await Promise.all([
    startPlatformProcesses({ databaseUrl: database.url, dataDir, env: { OTT_X264_PRESET: 'ultrafast' } }),
    ensureBuilt(),
    // Two rungs (480p, 360p): the quality control shows.
    makeClip(path.join(dataDir, 'film.mp4'), { seconds: 4, width: 854, height: 480 }),
  ]);
  platform = started;
  [site, browser, tenant] = await Promise.all([startEmbedSite(platform.apiUrl), launchChromium({ args: [EMBED_SITE_RESOLVER_ARG] }), signUpActiveTenant(platform.apiUrl, 'acme-embeds')]);
  await tenant.api.tenants.update.mutate({ allowedOrigins: [site.origin] });
  film = await uploadReadyVideo(tenant.api, path.join(dataDir, 'film.mp4'), { title: 'Launch film', accessMode: 'public' });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await site?.close();
  await platform?.stop();
  await database?.drop();
  await rm(dataDir, { recursive: true, force: true });
});

describe('<ott-player> on a site that is not an allowed embed origin', () => {
  it('tells the viewer the video cannot play on this site, offers no retry, and tells the developer why in the console', async () => {
    const page = await browser.newPage();
    const warnings: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'warning') warnings.push(message.text());
    });
    // The same embed page, reached at another origin than the one the tenant allowed.
    const allowedUrl = new URL(site.url({ videoId: film }));
    const otherOrigin = `http://127.0.0.1:${allowedUrl.port}`;
    await page.goto(`${otherOrigin}${allowedUrl.pathname}`);

    const alert = page.locator('ott-player').getByRole('alert');
    await expect.poll(() => alert.textContent(), { timeout: 15_000 }).toContain('This video cannot be played on this site.');
    expect(await alert.textContent()).not.toMatch(/connection/i);
    expect(await page.locator('ott-player').getByRole('button', { name: 'Try again' }).isVisible()).toBe(false);

    const errors = await page.evaluate(() => window.ottEvents.filter((event) => event.type === 'error').map((event) => event.detail));
    expect(errors).toEqual([expect.objectContaining({ code: 'ORIGIN_NOT_ALLOWED', fatal: true })]);
    expect(warnings).toEqual([expect.stringMatching(new RegExp(`${otherOrigin.replace(/[.]/g, '\\.')}.*Branding → Allowed embed origins`))]);
    await page.close();
  });
});
