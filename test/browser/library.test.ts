// The portal's library at scale, in Chromium over the real api, worker and edge: filters by status and access kept in
// the address (a reload keeps them), a row's menu driven by the keyboard, bulk access change and bulk delete with one
// confirmation and a toast, a view count that goes up after a viewer plays the embed (and not after the admin's own
// preview in the portal), and a progress bar with the time left while a longer clip transcodes. One platform and one
// tenant for the file; three one-second clips.
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { makeClip } from '@ott/control-plane/test-support/media-fixtures';
import { createTestDatabase, type TestDatabase } from '@ott/control-plane/test-support/test-database';
import { putPart, readPart } from '@ott/control-plane/test-support/upload-file';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from 'vitest';
import { EMBED_SITE_RESOLVER_ARG, startEmbedSite, type EmbedSite } from '../support/browser-embed-site.js';
import { signUpActiveTenant, uploadReadyVideo, type BrowserTenant } from '../support/browser-tenant.js';
import { launchChromium } from '../support/chromium.js';
import { expectPlayback } from '../support/expect-playback.js';
import { startPlatformProcesses, type PlatformProcesses } from '../support/platform-processes.js';
import { ensurePlayerSdkBuilt, ensurePortalBuilt } from './portal-build.js';

const SLUG = 'library-films';
const screenshots = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../test-results/screenshots');

let database: TestDatabase;
let dataDir: string;
let platform: PlatformProcesses;
let site: EmbedSite;
let context: BrowserContext;
let page: Page;
let tenant: BrowserTenant;
const ids: Record<'alpha' | 'bravo' | 'charlie', string> = { alpha: '', bravo: '', charlie: '' };

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'ott-library-'));
  await mkdir(screenshots, { recursive: true });
  let clip: string;
  [database, clip] = await Promise.all([createTestDatabase(), makeClip(path.join(dataDir, 'clip.mp4'), { seconds: 1, width: 320, height: 240 }), ensurePortalBuilt(), ensurePlayerSdkBuilt()]);
  platform = await startPlatformProcesses({ databaseUrl: database.url, dataDir, env: { OTT_X264_PRESET: 'ultrafast' } });
  site = await startEmbedSite(platform.apiUrl);
  tenant = await signUpActiveTenant(platform.apiUrl, SLUG);
  ids.alpha = await uploadReadyVideo(tenant.api, clip, { title: 'Alpha', accessMode: 'public' });
  ids.bravo = await uploadReadyVideo(tenant.api, clip, { title: 'Bravo', accessMode: 'public' });
  ids.charlie = await uploadReadyVideo(tenant.api, clip, { title: 'Charlie', accessMode: 'token' });
  context = await launchChromium({ args: [EMBED_SITE_RESOLVER_ARG] });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: platform.apiUrl });
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
  await site?.close();
  await platform?.stop();
  await database?.drop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

// Each test starts on the plain library at desktop size, whatever the one before left (filters in the address, a
// selection, an open menu, another page): a step that fails stays that test's failure instead of timing out every
// test after it.
beforeEach(async () => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto(`${platform.apiUrl}/`);
  await page.getByRole('heading', { name: 'Library' }).waitFor();
});

// What the page showed when a step failed; then the viewer or admin pages a failed test left open are closed, so a
// player still running there reports no plays into a later test's counts.
afterEach(async (test) => {
  if (test.task.result?.state === 'fail')
    await page.screenshot({ path: path.join(screenshots, `library-failed-${test.task.name.slice(0, 40).replace(/\W+/g, '-')}.png`), fullPage: true }).catch(() => undefined);
  for (const other of context.pages()) if (other !== page) await other.close();
});

// For what shows only after a round trip to the platform (a list fetched after a filter change, a reload that restores
// the session before it fetches, a poster re-encoded by ffmpeg): that can take seconds on a busy two-core runner, and
// expect.poll's own default is 1 s.
const ROUND_TRIP = { timeout: 15_000 };

const titles = () => page.locator('.video-row .video-title').allTextContents();
const toasts = () => page.getByRole('status', { name: 'Notifications' });
const row = (title: string) => page.locator('.video-row', { has: page.getByRole('link', { name: title, exact: true }) });

it('filters by access and status on the server, and keeps the filters in the address across a reload', async () => {
  const filters = page.getByRole('search');
  await expect.poll(titles, ROUND_TRIP).toEqual(['Charlie', 'Bravo', 'Alpha']);
  await filters.getByLabel('Access').selectOption({ label: 'Token' });
  await expect.poll(titles, ROUND_TRIP).toEqual(['Charlie']);
  expect(new URL(page.url()).searchParams.get('access')).toBe('token');

  await page.reload();
  await expect.poll(titles, ROUND_TRIP).toEqual(['Charlie']);
  expect(await page.getByRole('search').getByLabel('Access').inputValue()).toBe('token');

  await page.getByRole('search').getByLabel('Status').selectOption({ label: 'Failed' });
  await page.getByText('No video matches these filters.').waitFor();
  expect(new URL(page.url()).search).toBe('?status=failed&access=token');
  await page.getByRole('search').getByLabel('Status').selectOption({ label: 'Ready' });
  await page.getByRole('search').getByLabel('Access').selectOption({ label: 'All' });
  await expect.poll(titles, ROUND_TRIP).toEqual(['Charlie', 'Bravo', 'Alpha']);
  expect(new URL(page.url()).search).toBe('?status=ready');
});

it("changes a video's access and copies its id from the row menu, by keyboard alone", async () => {
  const menuButton = page.getByRole('button', { name: 'Actions for “Alpha”' });
  await menuButton.focus();
  await page.keyboard.press('ArrowDown');
  const menu = page.getByRole('menu', { name: 'Actions for “Alpha”' });
  await expect.poll(() => menu.getByRole('menuitem', { name: 'Open' }).evaluate((item) => item === document.activeElement)).toBe(true);
  expect(await menu.getByRole('menuitem').allTextContents()).toEqual(['Open', 'Copy embed code', 'Copy video ID', 'Change access to Viewers', 'Change access to Token', 'Delete…']);
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await toasts().getByText('Video ID copied').waitFor();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(ids.alpha);
  await expect.poll(() => menuButton.evaluate((button) => button === document.activeElement)).toBe(true);

  await page.keyboard.press('Enter');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await toasts().getByText('Access changed to Viewers for 1 video').waitFor();
  await row('Alpha').locator('.video-access', { hasText: 'Viewers' }).waitFor();
  expect((await tenant.api.videos.get.query({ videoId: ids.alpha })).accessMode).toBe('viewers');

  await page.keyboard.press('Enter');
  await menu.waitFor();
  await page.keyboard.press('Escape');
  await menu.waitFor({ state: 'detached' });
  expect(await menuButton.evaluate((button) => button === document.activeElement)).toBe(true);
});

it('changes the access of the selected videos in one go', async () => {
  await page.getByRole('checkbox', { name: 'Select all shown' }).check();
  const bar = page.getByRole('region', { name: 'Selected videos' });
  await bar.getByText('3 videos selected').waitFor();
  await bar.getByLabel('Access').selectOption({ label: 'Public' });
  await bar.getByRole('button', { name: 'Change access' }).click();
  await toasts().getByText('Access changed to Public for 3 videos').waitFor();
  const modes = await Promise.all(Object.values(ids).map(async (videoId) => (await tenant.api.videos.get.query({ videoId })).accessMode));
  expect(modes).toEqual(['public', 'public', 'public']);
  // Done: the videos it was done to leave the selection, and the bar with them.
  await bar.waitFor({ state: 'detached' });
  expect(await page.getByRole('checkbox', { name: /^Select “/, checked: true }).count()).toBe(0);
});

it('counts a play of the embed in the video’s row, and not the admin’s own preview play in the portal', async () => {
  await row('Charlie').locator('.video-views', { hasText: '0 views' }).waitFor();
  const admin = await context.newPage();
  await admin.goto(`${platform.apiUrl}/videos/${ids.charlie}`);
  await admin.getByRole('region', { name: /^Preview of Charlie/ }).waitFor();
  await expectPlayback(admin);
  await admin.close({ runBeforeUnload: true });
  // The preview's last report has arrived (its session is stored) before the count is read: else "0 views" proves nothing.
  await expect
    .poll(async () => (await database.db.selectFrom('playback_sessions').select('session_id').where('video_id', '=', ids.charlie).where('startup_ms', 'is not', null).execute()).length, {
      timeout: 20_000,
      interval: 250,
    })
    .toBe(1);
  await page.reload();
  await row('Charlie').locator('.video-views', { hasText: '0 views' }).waitFor();

  // A visitor's play of the embed on a site (public, as the earlier steps leave it; set here so this test runs alone).
  await tenant.api.videos.update.mutate({ videoId: ids.charlie, accessMode: 'public' });
  const viewer = await context.newPage();
  await viewer.goto(site.url({ videoId: ids.charlie, attributes: 'muted' }));
  await expectPlayback(viewer);
  // Closing the page sends the player's last report: the play is in it.
  await viewer.close({ runBeforeUnload: true });
  await expect
    .poll(
      async () => {
        await page.reload();
        return row('Charlie').locator('.video-views').textContent();
      },
      { timeout: 20_000, interval: 500 },
    )
    .toBe('1 view');
});

it('deletes two of three selected videos after one confirmation that names how many', async () => {
  await page.getByRole('checkbox', { name: 'Select “Alpha”' }).check();
  await page.getByRole('checkbox', { name: 'Select “Bravo”' }).check();
  const bar = page.getByRole('region', { name: 'Selected videos' });
  await bar.getByRole('button', { name: 'Delete 2 videos' }).click();
  await bar.getByText('Delete 2 videos, their streams and original files? This cannot be undone.').waitFor();
  await bar.getByRole('button', { name: 'Yes, delete 2 videos' }).click();
  await toasts().getByText('2 videos deleted').waitFor();
  await expect.poll(titles, ROUND_TRIP).toEqual(['Charlie']);
  await expect(tenant.api.videos.get.query({ videoId: ids.alpha })).rejects.toMatchObject({ data: { code: 'NOT_FOUND' } });
});

it('makes a thumbnail the poster: the video page marks it, a fresh embed and the library row show it', async () => {
  await page.getByRole('link', { name: 'Charlie', exact: true }).click();
  await page.getByRole('heading', { name: 'Charlie' }).waitFor();
  const thumbnails = page.getByRole('list', { name: 'Thumbnails' });
  await thumbnails
    .getByRole('button', { name: /^Use the frame at .+ as poster$/ })
    .nth(1)
    .click();
  await toasts().getByText('Poster changed').waitFor();
  const poster = (await tenant.api.videos.get.query({ videoId: ids.charlie })).assets?.poster ?? '';
  expect(poster).toMatch(/^thumbnails\//);
  await thumbnails.locator('.thumbnail-poster').getByText('Poster').waitFor();

  const viewer = await context.newPage();
  await viewer.goto(site.url({ videoId: ids.charlie }));
  const playerPoster = () => viewer.evaluate(() => document.querySelector('ott-player')?.shadowRoot?.querySelector('video')?.poster ?? '');
  await expect.poll(playerPoster, ROUND_TRIP).toContain(`/${poster}?`);
  await viewer.close();

  await page.getByRole('link', { name: '← Library' }).click();
  await expect.poll(() => row('Charlie').locator('img.poster').getAttribute('src'), ROUND_TRIP).toContain(`/${poster}?`);
});

it('takes an uploaded image as the poster, re-encoded, and refuses a file that is not one', async () => {
  const image = path.join(dataDir, 'poster.png');
  await promisify(execFile)('ffmpeg', ['-y', '-loglevel', 'error', '-f', 'lavfi', '-i', 'color=c=0x16a34a:s=640x360', '-frames:v', '1', image]);
  const notImage = path.join(dataDir, 'notes.png');
  await writeFile(notImage, '#EXTM3U\n#EXTINF:1,\nfile:///etc/passwd\n');
  await page.getByRole('link', { name: 'Charlie', exact: true }).click();
  await page.getByRole('heading', { name: 'Charlie' }).waitFor();

  await page.getByLabel('Upload a poster image').setInputFiles(notImage);
  await toasts().getByText('The image could not be read: upload a JPEG, PNG or WebP picture.').waitFor();
  await page.getByLabel('Upload a poster image').setInputFiles(image);
  await expect.poll(async () => (await tenant.api.videos.get.query({ videoId: ids.charlie })).assets?.poster, ROUND_TRIP).toMatch(/^posters\/[0-9a-f]{16}\.jpg$/);
  const poster = (await tenant.api.videos.get.query({ videoId: ids.charlie })).assets?.poster ?? '';

  const viewer = await context.newPage();
  await viewer.goto(site.url({ videoId: ids.charlie }));
  const playerPoster = () => viewer.evaluate(() => document.querySelector('ott-player')?.shadowRoot?.querySelector('video')?.poster ?? '');
  await expect.poll(playerPoster, ROUND_TRIP).toContain(`/${poster}?`);
  // What viewers get is a JPEG made from the picture, not the uploaded bytes.
  const served = await viewer.evaluate(
    async (url) => {
      const response = await fetch(url);
      return { start: [...new Uint8Array(await response.arrayBuffer()).slice(0, 3)] };
    },
    await playerPoster(),
  );
  expect(served.start).toEqual([0xff, 0xd8, 0xff]);
  await viewer.close();
});

it('shows a transcode’s progress with the time left while it runs', async () => {
  // Long enough at 720p for the worker to report progress for a few seconds; the estimate needs a rate first. The test
  // ends there: the platform stops the rest of the transcode.
  const file = await makeClip(path.join(dataDir, 'long-take.mp4'), { seconds: 30, width: 1280, height: 720 });
  const ticket = await tenant.api.videos.createUpload.mutate({ filename: 'long-take.mp4', size: (await stat(file)).size, title: 'Long take' });
  for (const part of ticket.parts) await putPart(part.url, await readPart(file, ticket.partSize, part.partNumber));
  await tenant.api.videos.completeUpload.mutate({ videoId: ticket.videoId });
  // Uploaded from elsewhere (an API client): the library learns of it on its next load.
  await page.reload();
  const progress = row('Long take').locator('.transcode-progress');
  await progress.getByText(/^\d+% · about \d+ min left$/).waitFor({ timeout: 60_000 });
  expect(Number(await progress.getByRole('progressbar', { name: 'Transcoding progress' }).getAttribute('aria-valuenow'))).toBeGreaterThan(0);
});

it('fits a phone: filters, a selected row with the bulk bar, and an open row menu scroll nothing sideways', async () => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.getByRole('checkbox', { name: 'Select “Charlie”' }).check();
  await page.getByRole('region', { name: 'Selected videos' }).waitFor();
  await page.getByRole('button', { name: 'Actions for “Charlie”' }).click();
  await page.getByRole('menu', { name: 'Actions for “Charlie”' }).waitFor();
  await page.screenshot({ path: path.join(screenshots, 'library-390.png'), fullPage: true });
  expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBe(0);
  await page.keyboard.press('Escape');
});
