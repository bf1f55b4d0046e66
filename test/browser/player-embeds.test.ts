// The player as tenants embed it and preview it, in real Chromium against the platform's real processes: on a site
// that is not one of the tenant's allowed embed origins (a refusal the viewer can read, and the reason in the
// console); in narrow embeds down to 280 px (every control reachable, none clipped, the seek bar clickable); in
// the portal's preview, which follows the video as it finishes transcoding and is renamed; and shared: the public
// watch page, oEmbed, the iframe embed on another site, and the portal's embed builder.
import { cp, mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeClip } from '@ott/control-plane/test-support/media-fixtures';
import { createTestDatabase, type TestDatabase } from '@ott/control-plane/test-support/test-database';
import { ensureBuilt } from '@ott/player-sdk/ensure-build';
import type { OttPlayerElement } from '@ott/player-sdk';
import { sql } from 'kysely';
import { EMBED_SITE_RESOLVER_ARG, startEmbedSite, type EmbedSite } from '../support/browser-embed-site.js';
import { signUpActiveTenant, uploadReadyVideo, type BrowserTenant } from '../support/browser-tenant.js';
import { launchChromium } from '../support/chromium.js';
import { startPlatformProcesses, type PlatformProcesses } from '../support/platform-processes.js';
import { ensurePortalBuilt } from './portal-build.js';

let database: TestDatabase;
let dataDir: string;
let platform: PlatformProcesses;
let site: EmbedSite;
let browser: BrowserContext;
let tenant: BrowserTenant;
let film: string;
const screenshots = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../test-results/screenshots');

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
    ensurePortalBuilt(),
    // Two rungs (480p, 360p): the quality control shows.
    makeClip(path.join(dataDir, 'film.mp4'), { seconds: 4, width: 854, height: 480 }),
    mkdir(screenshots, { recursive: true }),
  ]);
  platform = started;
  [site, browser, tenant] = await Promise.all([startEmbedSite(platform.apiUrl), launchChromium({ args: [EMBED_SITE_RESOLVER_ARG] }), signUpActiveTenant(platform.apiUrl, 'acme-embeds')]);
  // As the portal saves it: with its own origin, for its previews.
  await tenant.api.tenants.update.mutate({ allowedOrigins: [site.origin, platform.apiUrl] });
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

/** Each control of the bar: its button's accessible name there, and its item's name in the "⋯" menu. */
const CONTROLS = [
  { bar: 'Play', menu: undefined },
  { bar: 'Unmute', menu: undefined },
  { bar: 'Full screen', menu: undefined },
  { bar: /^Playback speed/, menu: /^Speed/ },
  { bar: /^Quality/, menu: /^Quality/ },
  { bar: 'Picture-in-picture', menu: 'Picture-in-picture' },
];

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

const inside = (inner: Box, outer: Box) =>
  inner.x >= outer.x - 0.5 && inner.y >= outer.y - 0.5 && inner.x + inner.width <= outer.x + outer.width + 0.5 && inner.y + inner.height <= outer.y + outer.height + 0.5;
const overlaps = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

async function visibleBox(locator: Locator): Promise<Box | undefined> {
  return (await locator.isVisible()) ? ((await locator.boundingBox()) ?? undefined) : undefined;
}

describe('<ott-player> in narrow embeds', () => {
  for (const width of [335, 320, 280]) {
    it(`keeps every control reachable and unclipped at ${width} px, and the seek bar clickable`, async () => {
      const page = await browser.newPage();
      await page.goto(site.url({ videoId: film, attributes: `muted style="width: ${width}px"` }));
      await page.waitForFunction(() => window.ottEvents.some((event) => event.type === 'ready'));
      const player = page.locator('ott-player');
      const playerBox = (await player.boundingBox())!;
      expect(Math.round(playerBox.width)).toBe(width);
      const pictureInPicture = await page.evaluate(() => document.pictureInPictureEnabled);
      const more = player.getByRole('button', { name: 'More controls' });

      for (const control of CONTROLS.filter((entry) => pictureInPicture || entry.bar !== 'Picture-in-picture')) {
        const inBar = await visibleBox(player.locator('.bar').getByRole('button', { name: control.bar, exact: true }));
        if (inBar) {
          expect(inside(inBar, playerBox), `${String(control.bar)} inside the player at ${width} px`).toBe(true);
          continue;
        }
        expect(control.menu, `${String(control.bar)} stays in the bar at ${width} px`).toBeDefined();
        await more.click();
        const item = await visibleBox(player.getByRole('menuitem', { name: control.menu, exact: true }));
        expect(item && inside(item, playerBox), `${String(control.bar)} in the "More controls" menu at ${width} px`).toBe(true);
        await page.keyboard.press('Escape');
      }

      // The big play button (showing: paused) leaves the seek bar free, and a click on the bar seeks.
      const seek = player.getByRole('slider', { name: 'Seek' });
      const seekBox = (await visibleBox(seek))!;
      expect(inside(seekBox, playerBox)).toBe(true);
      const bigPlay = player.locator('.big-play');
      expect(overlaps((await bigPlay.boundingBox())!, seekBox)).toBe(false);
      await page.mouse.click(seekBox.x + seekBox.width * 0.75, seekBox.y + seekBox.height / 2);
      await page.waitForFunction(() => (document.querySelector('ott-player')?.player?.currentTime ?? 0) > 1);
      await page.close();
    });
  }

  it('works the controls from the "More controls" menu at 280 px', async () => {
    const page = await browser.newPage();
    await page.goto(site.url({ videoId: film, attributes: 'muted style="width: 280px"' }));
    await page.waitForFunction(() => window.ottEvents.some((event) => event.type === 'ready'));
    const player = page.locator('ott-player');
    await player.getByRole('button', { name: 'More controls' }).click();
    await player.getByRole('menuitem', { name: 'Quality' }).click();
    await player.screenshot({ path: path.join(screenshots, 'player-280px-quality-menu.png') });
    await player.getByRole('menuitemradio', { name: '360p' }).click();
    await page.waitForFunction(() => {
      const chosen = document.querySelector('ott-player')?.player;
      return chosen?.qualities[chosen.selectedQuality]?.height === 360;
    });
    await page.close();
  });
});

/**
 * The state early publishing leaves mid-encode, made from the finished film: its files under a new video, every
 * rung's playlist a growing EVENT playlist, the video processing. `finish()` publishes the whole film and marks it
 * ready, as the transcode's last step does.
 */
async function videoStillTranscoding(): Promise<{ videoId: string; finish(): Promise<void> }> {
  const [copy] = await database.db
    .insertInto('videos')
    .columns(['tenant_id', 'title', 'access_mode', 'status', 'progress', 'source_key', 'source_filename', 'source_size', 'part_size', 'early_master_playlist', 'updated_at'])
    .expression((eb) =>
      eb
        .selectFrom('videos')
        .select([
          'tenant_id',
          sql.lit('Launch film (draft)').as('title'),
          'access_mode',
          sql.lit('processing').as('status'),
          sql.lit(0.6).as('progress'),
          'source_key',
          'source_filename',
          'source_size',
          'part_size',
          sql.lit('master.m3u8').as('early_master_playlist'),
          'updated_at',
        ])
        .where('id', '=', film),
    )
    .returning('id')
    .execute();
  const videoId = copy!.id;
  const videoDir = (id: string) => path.join(dataDir, 'store', 't', tenant.tenantId, 'v', id);
  await cp(videoDir(film), videoDir(videoId), { recursive: true });
  const folders = (await readdir(videoDir(videoId), { withFileTypes: true })).filter((entry) => entry.isDirectory());
  const playlists = await Promise.all(
    folders.map(async (folder) => ({
      file: path.join(videoDir(videoId), folder.name, 'index.m3u8'),
      vod: await readFile(path.join(videoDir(videoId), folder.name, 'index.m3u8'), 'utf8').catch(() => ''),
    })),
  );
  const rungs = playlists.filter((playlist) => playlist.vod !== '');
  await Promise.all(rungs.map(({ file, vod }) => writeFile(file, vod.replace('#EXT-X-PLAYLIST-TYPE:VOD', '#EXT-X-PLAYLIST-TYPE:EVENT').replace('#EXT-X-ENDLIST\n', ''))));
  return {
    videoId,
    async finish() {
      await Promise.all(rungs.map(({ file, vod }) => writeFile(file, vod)));
      const finished = await database.db.selectFrom('videos').select(['assets', 'duration_seconds']).where('id', '=', film).executeTakeFirstOrThrow();
      await database.db
        .updateTable('videos')
        .set({ status: 'ready', progress: 1, early_master_playlist: null, assets: JSON.stringify(finished.assets), duration_seconds: finished.duration_seconds })
        .where('id', '=', videoId)
        .execute();
    },
  };
}

describe("the portal's preview", () => {
  it('shows the duration once transcoding finishes, and the new title after a rename, without starting over', async () => {
    const early = await videoStillTranscoding();
    const page = await browser.newPage();
    await signInToPortal(page);
    await page.goto(`${platform.apiUrl}/videos/${early.videoId}`);

    const preview = page.getByRole('region', { name: /^Preview of/ }).locator('ott-player');
    await preview.locator('.root[ready]').waitFor({ state: 'attached' });
    const time = preview.locator('.time');
    expect(await time.innerText()).toBe('0:00');
    await preview.evaluate((element: OttPlayerElement) => ((window as { firstPlayer?: unknown }).firstPlayer = element.player));

    await early.finish();
    await page.getByText('Playable already').waitFor({ state: 'detached' });
    await expect.poll(() => time.innerText(), { timeout: 15_000 }).toBe('0:00 / 0:04');

    await page.getByLabel('Title', { exact: true }).fill('Launch film, final cut');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expect.poll(() => preview.locator('.title').innerText(), { timeout: 15_000 }).toBe('Launch film, final cut');
    expect(await preview.evaluate((element: OttPlayerElement) => (window as { firstPlayer?: unknown }).firstPlayer === element.player)).toBe(true);
    await page.close();
  });
});

/** Signs the browser in to the portal as the tenant's owner, unless an earlier test of this file already did. */
async function signInToPortal(page: Page): Promise<void> {
  await page.goto(`${platform.apiUrl}/`);
  const library = page.getByRole('heading', { name: 'Library' });
  await library.or(page.getByLabel('Workspace name')).waitFor();
  if (await library.isVisible()) return;
  await page.getByLabel('Workspace name').fill(tenant.slug);
  await page.getByLabel('E-mail').fill(`owner@${tenant.slug}.example`);
  await page.getByLabel('Password').fill('a long enough password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Library' }).waitFor();
}

interface OEmbed {
  type: string;
  title: string;
  provider_name: string;
  width: number;
  height: number;
  html: string;
  thumbnail_url: string;
}

describe('sharing', () => {
  it('serves a branded watch page with Open Graph tags that plays, and a not-available page that names no title', async () => {
    const page = await browser.newPage();
    const watch = `${platform.apiUrl}/watch/${film}`;
    const answer = await page.goto(watch);
    expect(answer?.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Launch film');
    expect(await page.getByText('acme-embeds Films').isVisible()).toBe(true);
    const meta = (key: string) => page.locator(`meta[property="${key}"], meta[name="${key}"]`).getAttribute('content');
    expect(await meta('og:title')).toBe('Launch film');
    expect(await meta('og:url')).toBe(watch);
    expect(await meta('og:video')).toBe(`${platform.apiUrl}/embed/${film}`);
    expect(await meta('og:video:type')).toBe('text/html');
    expect(await meta('twitter:card')).toBe('player');
    const poster = await page.request.get((await meta('og:image'))!);
    expect([poster.status(), poster.headers()['content-type']]).toEqual([200, 'image/jpeg']);
    expect(await page.locator('link[rel="alternate"][type="application/json+oembed"]').getAttribute('href')).toBe(
      `${platform.apiUrl}/oembed?${new URLSearchParams({ url: watch, format: 'json' }).toString()}`,
    );

    await page.locator('ott-player .big-play').click();
    await page.waitForFunction(() => (document.querySelector('ott-player')?.player?.currentTime ?? 0) > 1);
    await page.screenshot({ path: path.join(screenshots, 'watch-page.png') });

    await database.db.updateTable('videos').set({ access_mode: 'token' }).where('id', '=', film).execute();
    try {
      const hidden = await page.goto(watch);
      expect(hidden?.status()).toBe(404);
      expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('This video is not available.');
      expect(await page.content()).not.toContain('Launch film');
    } finally {
      await database.db.updateTable('videos').set({ access_mode: 'public' }).where('id', '=', film).execute();
    }
    await page.close();
  });

  it('answers oEmbed with the iframe embed, which plays on another site from the start time it was given', async () => {
    const watch = `${platform.apiUrl}/watch/${film}`;
    const oembed = (query: Record<string, string>) => fetch(`${platform.apiUrl}/oembed?${new URLSearchParams(query).toString()}`);
    const answer = await oembed({ url: watch, format: 'json', maxwidth: '320' });
    expect(answer.status).toBe(200);
    const body = (await answer.json()) as OEmbed;
    expect(body).toMatchObject({ type: 'video', title: 'Launch film', provider_name: 'acme-embeds Films', width: 320, height: 180 });
    expect(body.html).toMatch(new RegExp(`^<iframe src="${platform.apiUrl}/embed/${film}" width="320" height="180"`));
    expect((await oembed({ url: watch, format: 'xml' })).status).toBe(501);
    expect((await oembed({ url: `${platform.apiUrl}/watch/00000000-0000-4000-8000-000000000000`, format: 'json' })).status).toBe(404);

    const page = await browser.newPage();
    await page.goto(site.url({ videoId: film, html: body.html.replace(`/embed/${film}"`, `/embed/${film}?autoplay=1&amp;t=2"`) }));
    const frame = page.frameLocator('iframe').locator('ott-player');
    await frame.locator('.root:not([paused])').waitFor({ state: 'attached' });
    expect(await frame.evaluate((element: OttPlayerElement) => element.player?.currentTime ?? 0)).toBeGreaterThanOrEqual(1.9);
    await page.close();
  });

  it('builds the embed snippets in the portal from the options chosen', async () => {
    const page = await browser.newPage();
    await signInToPortal(page);
    await page.goto(`${platform.apiUrl}/videos/${film}`);
    const script = page.getByLabel('Script embed');
    const iframe = page.getByLabel('Iframe embed');
    await script.waitFor();
    expect(await script.inputValue()).not.toContain('autoplay');
    await page.getByLabel('Autoplay').check();
    await page.getByLabel('Loop').check();
    await page.getByLabel('Start at (seconds)').fill('30');
    expect(await page.getByLabel('Muted').isChecked()).toBe(true);
    expect(await script.inputValue()).toContain('autoplay muted loop start-time="30"');
    expect(await iframe.inputValue()).toContain(`/embed/${film}?autoplay=1&loop=1&t=30`);
    await page.getByLabel('Fixed width').check();
    expect(await iframe.inputValue()).toContain('width="640" height="360"');
    expect(await page.getByRole('link', { name: `${platform.apiUrl}/watch/${film}` }).isVisible()).toBe(true);
    await page.getByRole('heading', { name: 'Embed' }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(screenshots, 'portal-embed-builder-1280.png') });
    // On a phone the builder stacks: nothing scrolls sideways.
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.getByRole('heading', { name: 'Embed' }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(screenshots, 'portal-embed-builder-390.png') });
    await page.close();
  });
});
