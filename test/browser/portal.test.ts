// The tenant portal in real Chromium, over the real api, worker and edge processes: sign up → upload a 5 s
// clip with the file picker → ready → the preview plays → branding → the copied embed snippet plays on
// another site with third-party cookies blocked → Usage & billing shows the metered transcode, the invoice
// preview and the video's cost; an interrupted upload resumes after a reload sending only the missing parts; a
// reused refresh token sends the admin back to sign-in with the reason. The session lives in an httpOnly cookie
// (a reload and a new tab restore it; no page script can read the refresh token), and every portal page runs
// under its Content-Security-Policy without a violation, while an injected script is blocked. Screenshots of the
// main pages land in test-results/screenshots/ for review.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import type { BrowserContext, Page, Request } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { makeClip } from '@ott/control-plane/test-support/media-fixtures';
import { createTestDatabase, type TestDatabase } from '@ott/control-plane/test-support/test-database';
import { apiClient } from '../support/api-client.js';
import { launchChromium } from '../support/chromium.js';
import { expectPlayback } from '../support/expect-playback.js';
import { startPlatformProcesses, type PlatformProcesses } from '../support/platform-processes.js';
import { ensurePlayerSdkBuilt, ensurePortalBuilt } from './portal-build.js';
import { startEmbedSite, type EmbedSite } from './portal-embed-site.js';

const screenshots = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../test-results/screenshots');
const PASSWORD = 'correct horse battery';
const SLUG = 'acme-films';
const EMAIL = 'owner@acme.example';

let database: TestDatabase;
let dataDir: string;
let platform: PlatformProcesses;
let site: EmbedSite;
let context: BrowserContext;
let page: Page;
let clip: string;
let logo: string;
/** Uncaught exceptions in the portal's pages: each would be a broken screen. */
const pageErrors: string[] = [];
/** Everything the Content-Security-Policy refused, on any page of the portal's origin. */
const violations: { page: string; directive: string; blocked: string }[] = [];

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'ott-portal-'));
  const built = Promise.all([ensurePortalBuilt(), ensurePlayerSdkBuilt()]);
  [database, clip, logo, site] = await Promise.all([
    createTestDatabase(),
    makeClip(path.join(dataDir, 'launch-film.mp4'), { seconds: 5, width: 1280, height: 720 }),
    promisify(execFile)('ffmpeg', ['-y', '-loglevel', 'error', '-f', 'lavfi', '-i', 'color=c=0xe11d48:s=160x48', '-frames:v', '1', path.join(dataDir, 'logo.png')]).then(() =>
      path.join(dataDir, 'logo.png'),
    ),
    startEmbedSite(),
    mkdir(screenshots, { recursive: true }),
  ]);
  await built;
  platform = await startPlatformProcesses({ databaseUrl: database.url, dataDir, env: { OTT_X264_PRESET: 'ultrafast' } });
  context = await launchChromium({ blockThirdPartyCookies: true, args: [site.resolverRule] });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: platform.apiUrl });
  await context.exposeBinding('reportViolation', ({ page: from }, directive: string, blocked: string) => {
    if (from.url().startsWith(platform.apiUrl)) violations.push({ page: from.url(), directive, blocked });
  });
  await context.addInitScript(() => {
    const report = (window as unknown as { reportViolation: (directive: string, blocked: string) => void }).reportViolation;
    document.addEventListener('securitypolicyviolation', (event) => report(event.effectiveDirective, event.blockedURI));
  });
  page = await context.newPage();
  page.on('pageerror', (error) => pageErrors.push(error.message));
}, 180_000);

/** The browser's refresh-token cookies, as only the browser itself (never a page script) sees them. */
async function refreshCookies() {
  return (await context.cookies(platform.apiUrl + '/trpc/auth.refresh')).filter((cookie) => cookie.name === 'ott_refresh');
}

/** An access token of the admin's own, for checking through the API what the portal did. */
async function ownerApi() {
  const { accessToken } = await apiClient(platform.apiUrl).auth.login.mutate({ tenantSlug: SLUG, email: EMAIL, password: PASSWORD });
  return apiClient(platform.apiUrl, accessToken);
}

afterAll(async () => {
  await context?.close();
  await site?.close();
  await platform?.stop();
  await database?.drop();
  await rm(dataDir, { recursive: true, force: true });
});

// What the page showed when a step failed, beside the review screenshots.
afterEach(async (test) => {
  if (test.task.result?.state === 'fail') await snap(`failed-${test.task.name.slice(0, 40).replace(/\W+/g, '-')}`).catch(() => undefined);
});

async function snap(name: string): Promise<void> {
  await page.screenshot({ path: path.join(screenshots, `portal-${name}.png`), fullPage: true });
}

describe('the tenant portal in Chromium', () => {
  let videoUrl: string;

  it('signs up and says what to do next while the workspace is set up', async () => {
    await page.goto(`${platform.apiUrl}/`);
    await page.waitForURL(/\/login$/);
    await page.getByRole('link', { name: 'Create a workspace' }).click();
    await page.getByLabel('Company name').fill('Acme Films');
    expect(await page.getByLabel('Workspace name').inputValue()).toBe(SLUG);
    await page.getByLabel('Work e-mail').fill(EMAIL);
    await page.getByLabel('Password').fill(PASSWORD);
    await snap('signup');
    await page.getByRole('button', { name: 'Create workspace' }).click();
    await page.getByRole('heading', { name: 'Welcome, Acme Films' }).waitFor();
    const next = page.getByRole('link', { name: 'Upload your first video' });
    await next.waitFor({ timeout: 30_000 });
    await snap('welcome');
    await next.click();
    await page.getByRole('heading', { name: 'Library' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/');
  });

  it('keeps the refresh token where no page script reaches it, and restores the session on a reload and in a new tab', async () => {
    const [cookie, ...others] = await refreshCookies();
    expect(others).toEqual([]);
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/trpc/auth.refresh', secure: false });
    const seenByScripts = await page.evaluate(() => ({ cookies: document.cookie, storage: Object.entries(localStorage) }));
    expect(seenByScripts.cookies).not.toContain('ott_refresh');
    expect(JSON.stringify(seenByScripts.storage)).not.toContain(cookie?.value);
    expect(seenByScripts.storage.map(([key]) => key)).toEqual(['ott.portal.signed-in']);

    await page.getByRole('link', { name: 'Branding' }).click();
    await page.reload();
    await page.getByRole('heading', { name: 'Branding' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/branding');
    // The restore rotated the cookie.
    expect((await refreshCookies())[0]?.value).not.toBe(cookie?.value);

    const tab = await context.newPage();
    await tab.goto(`${platform.apiUrl}/account`);
    await tab.getByText(`${EMAIL} · Owner of ${SLUG}`).waitFor();
    await tab.close();
    await page.getByRole('link', { name: 'Library' }).click();
    await page.getByRole('heading', { name: 'Library' }).waitFor();
  });

  it('uploads a clip with the file picker and follows it to ready, with poster and duration', async () => {
    await page.getByLabel('Upload videos').setInputFiles(clip);
    const upload = page.getByRole('listitem', { name: 'Upload of launch-film.mp4' });
    await upload.getByText('Uploaded').waitFor({ timeout: 30_000 });
    const row = page.locator('.video-row', { hasText: 'launch-film' });
    await row.locator('[data-status="ready"]').waitFor({ timeout: 90_000 });
    await expect.poll(() => row.locator('img.poster').evaluate((image: HTMLImageElement) => image.complete && image.naturalWidth), { timeout: 10_000 }).toBeGreaterThan(0);
    expect(await row.locator('.duration').textContent()).toBe('0:05');
    await snap('library');
  });

  it('previews the video in the player and lists its renditions and thumbnails', async () => {
    await page.getByRole('link', { name: 'launch-film' }).click();
    await page.getByRole('heading', { name: 'launch-film' }).waitFor();
    videoUrl = page.url();
    expect(await expectPlayback(page)).toBeGreaterThan(1);
    const renditions = await page.getByRole('region', { name: 'Renditions' }).locator('tbody th').allTextContents();
    expect(renditions).toEqual(['720p', '480p', '360p']);
    // Below the captions, chapters and downloads panels now: lazy images load once scrolled to, as for a viewer.
    await page.getByRole('region', { name: 'Thumbnails' }).scrollIntoViewIfNeeded();
    await expect
      .poll(() => page.locator('.thumbnails img').evaluateAll((images) => images.filter((image) => (image as HTMLImageElement).naturalWidth > 0).length), { timeout: 10_000 })
      .toBeGreaterThan(0);
    await snap('video');
  });

  it('sets the logo, accent colour and allowed origins, and the preview player shows the logo', async () => {
    await page.getByRole('link', { name: 'Branding' }).click();
    await page.getByLabel('Upload a logo').setInputFiles(logo);
    await page.locator('img.logo-preview').waitFor();
    await page.getByLabel('Accent colour as hex').fill('#e11d48');
    await page.getByRole('button', { name: 'Save colour' }).click();
    await page.getByRole('button', { name: 'Use the default' }).waitFor();
    await page.getByLabel('Allowed embed origins, one per line').fill(site.origin);
    await page.getByRole('button', { name: 'Save origins' }).click();
    // The portal keeps its own origin in the list, or its previews would stop playing.
    await expect.poll(() => page.getByLabel('Allowed embed origins, one per line').inputValue()).toBe(`${site.origin}\n${platform.apiUrl}`);
    const me = await (await ownerApi()).tenants.me.query();
    expect(me.branding.accentColor).toBe('#e11d48');
    expect(me.branding.logoUrl).toMatch(/\/branding\/.+\.png$/);
    expect(me.allowedOrigins).toEqual([site.origin, platform.apiUrl]);
    expect(await expectPlayback(page)).toBeGreaterThan(1);
    await expect.poll(() => page.locator('ott-player [part="logo"]').getAttribute('src'), { timeout: 10_000 }).toBe(me.branding.logoUrl);
    await snap('branding');
  });

  it('copies the embed snippet, and it plays on another site with third-party cookies blocked', async () => {
    await page.goto(videoUrl);
    await page.getByRole('button', { name: 'Copy embed code' }).click();
    await page.getByText('Copied').waitFor();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toBe(await page.getByTestId('embed-snippet').inputValue());
    expect(copied).toContain(`<script src="${platform.apiUrl}/sdk/ott-player.js"`);
    site.setSnippet(copied);

    const embed = await context.newPage();
    const edgeRequests: Request[] = [];
    embed.on('request', (request) => {
      if (request.url().startsWith(platform.edgeUrl)) edgeRequests.push(request);
    });
    await embed.goto(site.origin);
    expect(await expectPlayback(embed)).toBeGreaterThan(1);
    const segments = edgeRequests.filter((request) => /\.m4s\?/.test(request.url()));
    expect(segments.length).toBeGreaterThan(0);
    // Signed by query string, and no cookie went along: nothing relied on third-party cookies.
    for (const request of segments) {
      expect(new URL(request.url()).searchParams.get('Signature')).toBeTruthy();
      expect(await request.headerValue('cookie')).toBeNull();
    }
    await embed.screenshot({ path: path.join(screenshots, 'portal-embed-site.png') });
    await embed.close();
  });

  it('invites a viewer, creates and revokes a signing secret, and adds an admin; signing secrets are shown once, invitations go by email', async () => {
    await page.getByRole('link', { name: 'Viewers' }).click();
    await page.getByLabel("Viewer's e-mail").fill('fan@viewers.example');
    await page.getByRole('button', { name: 'Invite viewer' }).click();
    // The temporary password goes to the viewer by email (email-journeys.test.ts follows it), never on screen.
    await page.getByRole('status', { name: 'Notifications' }).getByText('Invitation sent to fan@viewers.example').waitFor();
    await page.getByRole('row', { name: /fan@viewers\.example/ }).waitFor();
    await snap('viewers');

    await page.getByRole('link', { name: 'Playback signing secrets' }).click();
    await page.getByRole('heading', { name: 'Playback signing secrets' }).waitFor();
    await page.getByLabel('Key name').fill('Production backend');
    await page.getByRole('button', { name: 'Create secret' }).click();
    const secret = await page.getByTestId('secret-value').textContent();
    expect(secret?.length).toBeGreaterThan(30);
    await page.getByRole('row', { name: /Production backend/ }).waitFor();
    await snap('keys');
    await page.getByRole('button', { name: 'I have saved it' }).click();
    await page.getByTestId('secret-value').waitFor({ state: 'detached' });
    expect(await page.content()).not.toContain(secret);
    await page.getByRole('button', { name: 'Revoke' }).click();
    await page.getByRole('button', { name: 'Yes, revoke' }).click();
    await page
      .getByRole('row', { name: /Production backend/ })
      .getByText(/^Revoked/)
      .waitFor();

    await page.getByRole('link', { name: 'Admins' }).click();
    await page.getByLabel('E-mail').fill('editor@acme.example');
    await page.getByRole('button', { name: 'Add admin' }).click();
    await page.getByRole('row', { name: /editor@acme\.example/ }).waitFor();
    await page.getByRole('status', { name: 'Notifications' }).getByText('Invitation sent to editor@acme.example').waitFor();
    await snap('admins');
  });

  it("shows this period's usage, the invoice preview with its total, and the video in cost per video", async () => {
    await page.getByRole('link', { name: 'Usage & billing' }).click();
    await page.getByRole('heading', { name: 'Usage & billing', level: 1 }).waitFor();
    const preview = page.getByRole('region', { name: 'Invoice preview' });
    await expect.poll(() => preview.getByTestId('invoice-total').textContent()).toMatch(/^\$\d+\.\d{2}$/);
    // Transcoding the clip was metered: the preview's line and the day's row both show it.
    expect(
      await preview
        .getByRole('row', { name: /^Transcoding/ })
        .getByRole('cell')
        .first()
        .textContent(),
    ).toMatch(/^(?!0 )[\d.]+ normalised minutes$/);
    expect(
      await page
        .getByRole('table', { name: 'Usage by day' })
        .getByRole('row', { name: /^Total/ })
        .getByRole('cell')
        .first()
        .textContent(),
    ).toMatch(/^(?!0 )[\d.]+ min$/);
    const video = page.getByRole('table', { name: 'Cost per video' }).getByRole('row', { name: /launch-film/ });
    await video.waitFor();
    expect(await video.getByRole('cell').last().textContent()).toMatch(/^\$\d+\.\d{2}$/);
    // No subscription yet: the owner is offered a payment method, and nothing to manage.
    await page.getByRole('button', { name: 'Add a payment method' }).waitFor();
    expect(await page.getByRole('button', { name: 'Manage billing' }).count()).toBe(0);
    await snap('usage');
  });

  it('resumes an interrupted upload after a reload, sending only the missing parts', async () => {
    // 17 MB of noise: three 8 MiB parts, and a file the transcoder refuses with a readable reason.
    const file = path.join(dataDir, 'interrupted.mp4');
    await writeFile(file, randomBytes(17 * 1000 * 1000));
    await page.getByRole('link', { name: 'Library' }).click();
    const isPart = (url: URL) => url.pathname === '/store/parts';
    // Only part 1 gets through (the others fail as on a dropped connection), then the page goes away.
    await page.route(isPart, (route) => (new URL(route.request().url()).searchParams.get('partNumber') === '1' ? route.continue() : route.abort('connectionreset')));
    const firstPart = page.waitForResponse((response) => isPart(new URL(response.url())) && response.status() === 200);
    await page.getByLabel('Upload videos').setInputFiles(file);
    await firstPart;
    await page.reload();
    await page.unrouteAll();

    const sent: string[] = [];
    page.on('request', (request) => {
      if (request.method() === 'PUT' && isPart(new URL(request.url()))) sent.push(new URL(request.url()).searchParams.get('partNumber') ?? '?');
    });
    await page.getByText('Upload not finished. Pick or drop interrupted.mp4 again').waitFor();
    await page.getByLabel('Upload videos').setInputFiles(file);
    await page
      .getByRole('listitem', { name: 'Upload of interrupted.mp4' })
      .getByText(/^Uploaded.*· resumed$/)
      .waitFor({ timeout: 30_000 });
    expect(sent.sort()).toEqual(['2', '3']);
    const row = page.locator('.video-row', { hasText: 'interrupted' });
    await row.locator('[data-status="failed"]').waitFor({ timeout: 60_000 });
    expect(await row.getByRole('note').textContent()).toMatch(/original file is kept/);

    const titles = () => page.locator('.video-row .video-title').allTextContents();
    await page.getByLabel('Search the library').fill('launch');
    await expect.poll(titles).toEqual(['launch-film']);
    await page.getByLabel('Search the library').fill('');
    await page.getByLabel('Sort', { exact: true }).selectOption('oldest');
    await expect.poll(titles).toEqual(['launch-film', 'interrupted']);

    await page.getByRole('link', { name: 'interrupted' }).click();
    await page.getByLabel('Title', { exact: true }).fill('Broken upload');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByRole('heading', { name: 'Broken upload' }).waitFor();
    await page.getByRole('button', { name: 'Delete video' }).click();
    await page.getByRole('button', { name: 'Yes, delete it' }).click();
    await page.getByRole('heading', { name: 'Library' }).waitFor();
    await expect.poll(titles).toEqual(['launch-film']);
  });

  it('pages a long library by cursor: 50 videos, then "Show more" adds the rest, and the heading counts them all', async () => {
    // Failed rows: they have no poster to fetch, so the page shows them at once.
    await sql`
      insert into videos (tenant_id, title, status, failure_reason, source_key, source_filename, source_size, part_size, created_at)
      select id, 'Archive ' || lpad(n::text, 2, '0'), 'failed', 'Seeded for paging.', 'sources/seeded/' || n, 'archive.mp4', 1000, 8388608, now() - interval '1 day' - (n || ' minutes')::interval
      from tenants cross join generate_series(1, 60) as n where slug = ${SLUG}`.execute(database.db);
    try {
      await page.reload();
      await page.getByRole('heading', { name: 'Videos (61)' }).waitFor();
      const rows = page.locator('.video-row');
      await expect.poll(() => rows.count()).toBe(50);
      await page.getByRole('button', { name: 'Show more' }).click();
      await expect.poll(() => rows.count()).toBe(61);
      const titles = await page.locator('.video-row .video-title').allTextContents();
      expect(titles[0]).toBe('launch-film');
      expect(titles.at(-1)).toBe('Archive 60');
      expect(new Set(titles).size).toBe(61);
      expect(await page.getByRole('button', { name: 'Show more' }).count()).toBe(0);
    } finally {
      await sql`delete from videos where source_key like 'sources/seeded/%'`.execute(database.db);
    }
    await page.reload();
    await page.getByRole('heading', { name: 'Videos (1)' }).waitFor();
  });

  it('sends the admin to sign-in with the reason when the refresh token was reused; signs in again and changes the password', async () => {
    const [stolen] = await refreshCookies();
    // Someone else rotated a copy of this browser's refresh token: presenting the original again is reuse, which
    // ends this sign-in's session (and only it).
    await apiClient(platform.apiUrl).auth.refresh.mutate({ refreshToken: stolen?.value });
    await page.reload();
    await page.waitForURL(/\/login$/);
    await page.getByText('refresh token was used twice').waitFor();
    await page.getByLabel('Workspace name').fill(SLUG);
    await page.getByLabel('E-mail').fill(EMAIL);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Library' }).waitFor();

    // Changing the password ends other sessions; this tab carries on with the fresh one it gets back.
    await page.getByRole('link', { name: 'Account' }).click();
    await page.getByLabel('Current password').fill(PASSWORD);
    await page.getByLabel('New password', { exact: true }).fill('a brand new passphrase');
    await page.getByLabel('Repeat the new password').fill('a brand new passphrase');
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.getByText('Password changed.').waitFor();
    await page.getByRole('link', { name: 'Library' }).click();
    await page.locator('.video-row').first().waitFor();
  });

  it('fits a 360 px wide screen (library, usage, developers)', async () => {
    await page.setViewportSize({ width: 360, height: 780 });
    await page.locator('.video-row img.poster').first().waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await snap('library-360');
    // On a phone the navigation is behind the Menu button.
    await page.getByRole('button', { name: 'Menu' }).click();
    await page.getByRole('link', { name: 'Usage & billing' }).click();
    await page.getByRole('table', { name: 'Cost per video' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await snap('usage-360');
    // The Developers page's long snippets scroll inside their own boxes, never the page.
    await page.getByRole('button', { name: 'Menu' }).click();
    await page.getByRole('link', { name: 'Developers' }).click();
    await page.getByTestId('verify-node-sdk').waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await snap('developers-360');
    expect(pageErrors).toEqual([]);
  });

  it('ran every page above under its Content-Security-Policy without a violation, and blocks an injected script', async () => {
    expect(violations).toEqual([]);
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.goto(videoUrl);
    await page.locator('ott-player').waitFor();
    // What a stored-script hole would insert: an inline script and an inline event handler. Neither runs.
    const ran = await page.evaluate(async () => {
      const flags = window as unknown as { injectedScript?: boolean; injectedHandler?: boolean };
      const script = document.createElement('script');
      script.textContent = 'window.injectedScript = true';
      document.body.append(script);
      const holder = document.createElement('div');
      holder.innerHTML = '<img src="data:," onerror="window.injectedHandler = true" onload="window.injectedHandler = true">';
      document.body.append(holder);
      await new Promise((resolve) => setTimeout(resolve, 200));
      return { script: flags.injectedScript ?? false, handler: flags.injectedHandler ?? false };
    });
    expect(ran).toEqual({ script: false, handler: false });
    // Each was refused by the policy, and nothing else was.
    await expect.poll(() => [...new Set(violations.map((violation) => violation.directive))]).toEqual(['script-src-elem', 'script-src-attr']);
  });

  it('signs out in one tab and the other tab follows, with the cookie gone', async () => {
    const other = await context.newPage();
    await other.goto(`${platform.apiUrl}/`);
    await other.getByRole('heading', { name: 'Library' }).waitFor();
    await other.getByRole('button', { name: 'Sign out' }).click();
    await other.waitForURL(/\/login$/);
    await page.waitForURL(/\/login$/);
    await page.getByText('Your session ended in another tab.').waitFor();
    // The tabs leave at once; the cookie goes when the server's answer to the sign-out arrives.
    await expect.poll(() => refreshCookies(), { timeout: 15_000 }).toEqual([]);
    await other.close();
  });
});
