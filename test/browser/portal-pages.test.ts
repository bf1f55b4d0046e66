// Every signed-in page of the portal, at a desktop width (1280 px) and a phone's (390 px): each is screenshotted to
// test-results/screenshots/portal-<page>-<width>.png for review, must not scroll sideways, and must keep every button
// and link inside the screen (a Revoke or Remove pushed off the edge of a table cannot be pressed). The pages are the
// ones the portal's navigation offers, plus the welcome page and a video's page, so a page added to the nav is
// covered without touching this file. The workspace has a row in each list, so the tables are there to check.
// Then, on the same workspace (one platform and one transcode for the file), the portal keeps the admin informed and in
// place: the welcome checklist ticks each step from what the workspace holds when the admin comes back to it; a save
// is confirmed with a toast; making a video "Viewers" keeps the admin signed in (the player's refusal is not the
// admin's session ending); a session that really ends sends sign-in back to its page; a deleted video's upload card
// leaves the list instead of linking to nothing.
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeClip } from '@ott/control-plane/test-support/media-fixtures';
import { createTestDatabase, type TestDatabase } from '@ott/control-plane/test-support/test-database';
import { signUpActiveTenant, uploadReadyVideo, type BrowserTenant } from '../support/browser-tenant.js';
import { launchChromium } from '../support/chromium.js';
import { startPlatformProcesses, type PlatformProcesses } from '../support/platform-processes.js';
import { ensurePlayerSdkBuilt, ensurePortalBuilt } from './portal-build.js';

const screenshots = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../test-results/screenshots');
const SLUG = 'every-page';
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 800 };
const PASSWORD = 'a long enough password';
const TITLE = 'A film whose title is long enough to wrap on a phone';

let database: TestDatabase;
let dataDir: string;
let platform: PlatformProcesses;
let tenant: BrowserTenant;
let videoId: string;
/** A second film, uploaded through the portal and deleted there. */
let secondClip: string;
const contexts: BrowserContext[] = [];
/** The signed-in page at each width, kept for the tests after the sweep. */
const pages = new Map<number, Page>();

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'ott-portal-pages-'));
  let clip: string;
  [database, clip, secondClip] = await Promise.all([
    createTestDatabase(),
    makeClip(path.join(dataDir, 'short.mp4'), { seconds: 2, width: 320, height: 180 }),
    makeClip(path.join(dataDir, 'second-film.mp4'), { seconds: 1, width: 320, height: 180 }),
    ensurePortalBuilt(),
    ensurePlayerSdkBuilt(),
    mkdir(screenshots, { recursive: true }),
  ]);
  platform = await startPlatformProcesses({ databaseUrl: database.url, dataDir, env: { OTT_X264_PRESET: 'ultrafast' } });
  tenant = await signUpActiveTenant(platform.apiUrl, SLUG);
  videoId = await uploadReadyVideo(tenant.api, clip, { title: TITLE, accessMode: 'public' });
  // One row in each of the portal's tables, with its Remove or Revoke action.
  await Promise.all([
    tenant.api.viewers.invite.mutate({ email: 'viewer.with.a.long.address@every-page.example' }),
    tenant.api.admins.add.mutate({ email: 'second.admin@every-page.example' }),
    tenant.api.playbackKeys.create.mutate({ name: 'Production backend' }),
    tenant.api.apiKeys.create.mutate({ name: 'Production backend', scopes: ['read', 'write'] }),
    tenant.api.webhooks.create.mutate({ url: 'https://hooks.every-page.example/ott', description: 'Our backend', eventTypes: [] }),
  ]);
}, 240_000);

afterAll(async () => {
  for (const context of contexts) await context.close();
  await platform?.stop();
  await database?.drop();
  await rm(dataDir, { recursive: true, force: true });
});

/** A browser at `viewport`, signed in as the owner through the sign-in page. */
async function signedInPage(viewport: { width: number; height: number }): Promise<Page> {
  const context = await launchChromium({ viewport });
  contexts.push(context);
  const page = await context.newPage();
  await page.goto(`${platform.apiUrl}/login`);
  await signIn(page);
  await page.getByRole('heading', { name: 'Library' }).waitFor();
  return page;
}

async function signIn(page: Page): Promise<void> {
  await page.getByLabel('Workspace name').fill(SLUG);
  await page.getByLabel('E-mail').fill(`owner@${SLUG}.example`);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** The signed-in pages: every link of the portal's navigation, the welcome page, and a video's page. */
async function portalPages(page: Page): Promise<{ name: string; path: string }[]> {
  // Read from the page, not the screen: on a phone the navigation is folded away.
  const nav = await page.locator('nav[aria-label="Portal"]').evaluate((element) => [...element.querySelectorAll('a')].map((link) => new URL(link.href).pathname));
  expect(nav.length).toBeGreaterThan(5);
  const paths = [...new Set([...nav, '/welcome', `/videos/${videoId}`])];
  return paths.map((pathname) => ({ path: pathname, name: pathname === '/' ? 'library' : pathname.startsWith('/videos/') ? 'video' : pathname.slice(1).replace(/\W+/g, '-') }));
}

/** What breaks a page at this width: sideways scrolling, and buttons or links that stick out of the screen. */
async function layoutProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const width = window.innerWidth;
    const problems: string[] = [];
    if (document.documentElement.scrollWidth > width) problems.push(`the page scrolls sideways (${document.documentElement.scrollWidth} px wide in ${width} px)`);
    for (const element of document.querySelectorAll<HTMLElement>('a[href], button, [role="button"], input[type="submit"]')) {
      const box = element.getBoundingClientRect();
      // Hidden, or visually hidden for screen readers only.
      if (!element.checkVisibility({ visibilityProperty: true }) || box.width <= 1 || box.height <= 1) continue;
      if (box.left < -0.5 || box.right > width + 0.5) {
        const name = (element.getAttribute('aria-label') ?? element.textContent ?? '').trim().slice(0, 40);
        problems.push(`“${name}” (${element.tagName.toLowerCase()}) spans ${Math.round(box.left)}–${Math.round(box.right)} px of ${width}`);
      }
    }
    return problems;
  });
}

async function visitEveryPage(viewport: { width: number; height: number }): Promise<Record<string, string[]>> {
  const page = await signedInPage(viewport);
  pages.set(viewport.width, page);
  const problems: Record<string, string[]> = {};
  for (const { name, path: pathname } of await portalPages(page)) {
    await page.goto(`${platform.apiUrl}${pathname}`);
    await page.locator('main.content h1').first().waitFor();
    // Lists and figures have arrived: nothing is loading any more.
    await page.waitForLoadState('networkidle');
    await page.screenshot({ path: path.join(screenshots, `portal-${name}-${viewport.width}.png`), fullPage: true });
    const found = await layoutProblems(page);
    if (found.length > 0) problems[pathname] = found;
  }
  return problems;
}

describe('every portal page', () => {
  it('fits a desktop screen, with every button and link on it', async () => {
    expect(await visitEveryPage(DESKTOP)).toEqual({});
  });

  it('fits a 390 px phone: no sideways scrolling, and every action (Remove, Revoke) on the screen', async () => {
    expect(await visitEveryPage(PHONE)).toEqual({});
  });

  it('folds the navigation behind a Menu button on a phone, and shows tables as cards with their actions', async () => {
    const page = pages.get(PHONE.width);
    if (!page) throw new Error('the phone sweep did not run');
    await page.goto(`${platform.apiUrl}/viewers`);
    const menu = page.getByRole('button', { name: 'Menu' });
    const webhooks = page.getByRole('navigation', { name: 'Portal' }).getByRole('link', { name: 'Webhooks' });
    expect(await menu.getAttribute('aria-expanded')).toBe('false');
    expect(await webhooks.isVisible()).toBe(false);
    // The viewers' table keeps its name and rows for screen readers, and its Remove is on the screen.
    const viewers = page.getByRole('table', { name: 'Viewers' });
    await viewers
      .getByRole('row', { name: /viewer\.with\.a\.long\.address/ })
      .getByRole('button', { name: 'Remove' })
      .click();
    await viewers.getByRole('button', { name: 'Yes, remove' }).waitFor();
    await viewers.getByRole('button', { name: 'Cancel' }).click();

    await menu.click();
    expect(await menu.getAttribute('aria-expanded')).toBe('true');
    await webhooks.click();
    await page.getByRole('heading', { name: 'Webhooks', level: 1 }).waitFor();
    expect(await menu.getAttribute('aria-expanded')).toBe('false');
    expect(await webhooks.isVisible()).toBe(false);
  });
});

describe('feedback and staying in place', () => {
  let page: Page;
  let videoUrl: string;
  const step = (title: string): Locator => page.getByRole('list', { name: 'Getting started' }).getByRole('listitem').filter({ hasText: title });
  /** A confirmation toast with this text. */
  const toast = (text: string): Locator => page.getByRole('status', { name: 'Notifications' }).getByText(text);

  beforeAll(() => {
    const desktop = pages.get(DESKTOP.width);
    if (!desktop) throw new Error('the desktop sweep did not run');
    page = desktop;
    videoUrl = `${platform.apiUrl}/videos/${videoId}`;
  });

  it('ticks the welcome checklist from what the workspace holds, each time the admin comes back to it', async () => {
    await page.goto(`${platform.apiUrl}/welcome`);
    await step('Invite a viewer').getByText('Done').waitFor();
    await step('Upload your first video').getByText('Done').waitFor();
    await step('Let it transcode, then embed it').getByText('Done').waitFor();
    expect(await step('Brand your player').getByText('Done').count()).toBe(0);
    // The next step's button leads to it; done while the admin is away (here over the API, as from another tab), the
    // step is ticked on the way back.
    await page.getByRole('link', { name: 'Brand your player' }).click();
    await page.getByRole('heading', { name: 'Branding', level: 1 }).waitFor();
    await tenant.api.tenants.setAccentColor.mutate({ accentColor: '#e11d48' });
    await page.goBack();
    await step('Brand your player').getByText('Done').waitFor();
    await page.getByText('All set: your workspace is ready for viewers.').waitFor();
  });

  it('keeps the admin signed in on the video page when the video becomes "Viewers", and confirms the save', async () => {
    await page.goto(videoUrl);
    await page.getByRole('region', { name: `Preview of ${TITLE}`, exact: true }).waitFor();
    await page.getByLabel('Who can watch').selectOption('viewers');
    await page.getByRole('button', { name: 'Save changes' }).click();
    // Either the admin's preview of a viewers-only video, or (the defect) the sign-in page.
    const restricted = page.getByRole('region', { name: `Preview of ${TITLE} (only you can see this preview)` });
    await restricted.or(page.getByRole('heading', { name: 'Sign in to OTT Cloud' })).waitFor();
    expect(await restricted.isVisible()).toBe(true);
    await toast('Details saved: only your signed-in viewers can watch.').waitFor();
    expect(page.url()).toBe(videoUrl);
  });

  it('brings the admin back to the page the session ended on after signing in again', async () => {
    // The server ends every session of this admin (as a password change elsewhere does).
    await sql`update admins set token_version = token_version + 1 where tenant_id = ${tenant.tenantId}`.execute(database.db);
    await page.getByLabel('Title', { exact: true }).fill('Renamed after the session ended');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByRole('heading', { name: 'Sign in to OTT Cloud' }).waitFor();
    await page.getByText('Your session ended').waitFor();
    await signIn(page);
    await page.getByLabel('Who can watch').waitFor();
    expect(page.url()).toBe(videoUrl);
  });

  it('drops a deleted video’s upload card instead of keeping its Open link', async () => {
    await page.getByRole('link', { name: 'Library', exact: true }).click();
    await page.getByLabel('Upload videos').setInputFiles(secondClip);
    const upload = page.getByRole('listitem', { name: 'Upload of second-film.mp4' });
    await upload.getByText('Uploaded').waitFor({ timeout: 30_000 });
    await upload.getByRole('link', { name: 'Open' }).click();
    await page.getByRole('button', { name: 'Delete video' }).click();
    await page.getByRole('button', { name: 'Yes, delete it' }).click();
    await page.getByRole('heading', { name: 'Library' }).waitFor();
    await page.locator('.video-row').first().waitFor();
    expect(await page.getByRole('listitem', { name: 'Upload of second-film.mp4' }).count()).toBe(0);
  });
});
