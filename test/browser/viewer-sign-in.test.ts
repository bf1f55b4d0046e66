// A viewer's way into a viewers-only video, in real Chromium against the platform's real processes: the tenant's
// page on another site embeds the player; the viewer, invited by an admin by email, sees the poster, the tenant's logo and
// accent colour and a sign-in form inside the player, signs in with the emailed temporary password, chooses
// their own, and plays; a reload keeps them signed in; signing out brings the form back; a forgotten password is
// reset with the code emailed to them; lang="fr" speaks French (form and controls); the snippet's placeholder credential asks for a
// sign-in instead of saying one "has expired".
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitForEmail } from '@ott/control-plane/test-support/mailbox';
import { makeClip } from '@ott/control-plane/test-support/media-fixtures';
import { createTestDatabase, type TestDatabase } from '@ott/control-plane/test-support/test-database';
import { ensureBuilt } from '@ott/player-sdk/ensure-build';
import type { OttPlayer } from '@ott/player-sdk';
import { EMBED_SITE_RESOLVER_ARG, startEmbedSite, type EmbedSite } from '../support/browser-embed-site.js';
import { signUpActiveTenant, uploadReadyVideo, type BrowserTenant } from '../support/browser-tenant.js';
import { launchChromium } from '../support/chromium.js';
import { startPlatformProcesses, type PlatformProcesses } from '../support/platform-processes.js';

const screenshots = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../test-results/screenshots');
const ACCENT = '#e11d48';

let database: TestDatabase;
let dataDir: string;
let platform: PlatformProcesses;
let site: EmbedSite;
let browser: BrowserContext;
let tenant: BrowserTenant;
let members: string;

/** What the tenant page recorded (browser-embed-site.ts); the same declaration as player.test.ts's. */
interface RecordedEvent {
  type: string;
  detail: Record<string, unknown>;
  at: number;
}

declare global {
  interface Window {
    ottEvents: RecordedEvent[];
  }
}

beforeAll(async () => {
  database = await createTestDatabase();
  dataDir = await mkdtemp(path.join(tmpdir(), 'ott-sign-in-'));
  const fixtures = Promise.all([
    makeClip(path.join(dataDir, 'members.mp4'), { seconds: 4, width: 320, height: 180 }),
    promisify(execFile)('ffmpeg', ['-y', '-loglevel', 'error', '-f', 'lavfi', '-i', 'color=c=0xffcc00:s=160x48', '-frames:v', '1', path.join(dataDir, 'logo.png')]),
  ]);
  [platform] = await Promise.all([
    startPlatformProcesses({ databaseUrl: database.url, dataDir, env: { OTT_X264_PRESET: 'ultrafast' } }),
    ensureBuilt(),
    fixtures,
    mkdir(screenshots, { recursive: true }),
  ]);
  [site, browser, tenant] = await Promise.all([
    startEmbedSite(platform.apiUrl),
    launchChromium({ blockThirdPartyCookies: true, args: [EMBED_SITE_RESOLVER_ARG] }),
    signUpActiveTenant(platform.apiUrl, 'acme-viewers'),
  ]);
  await tenant.api.tenants.setAccentColor.mutate({ accentColor: ACCENT });
  await tenant.api.tenants.setLogo.mutate({ imageBase64: (await readFile(path.join(dataDir, 'logo.png'))).toString('base64') });
  members = await uploadReadyVideo(tenant.api, path.join(dataDir, 'members.mp4'), { title: 'Members only', accessMode: 'viewers' });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await site?.close();
  await platform?.stop();
  await database?.drop();
  await rm(dataDir, { recursive: true, force: true });
});

/** An admin invites the viewer; the temporary password arrives by email (never on screen nor in the answer). */
async function invitedViewerPassword(email: string): Promise<string> {
  await tenant.api.viewers.invite.mutate({ email });
  const invitation = await waitForEmail(database.db, { kind: 'viewer-invitation', to: email });
  const password = /Temporary password: (\S+)/.exec(invitation.text)?.[1];
  if (!password) throw new Error(`no temporary password in the invitation: ${invitation.text}`);
  return password;
}

const player = (page: Page) => page.locator('ott-player');

async function playsPast(page: Page, seconds: number): Promise<void> {
  await page.waitForFunction((at) => (document.querySelector('ott-player')?.player?.currentTime ?? 0) > at, seconds, { timeout: 30_000, polling: 200 });
}

/** Whether the page scrolls sideways, and whether the sign-in card lies inside the player's box. */
function layout(page: Page) {
  return page.evaluate(() => {
    const element = document.querySelector('ott-player');
    const card = element?.shadowRoot?.querySelector('.sign-in-card')?.getBoundingClientRect();
    const box = element?.getBoundingClientRect();
    return {
      scrollsSideways: document.documentElement.scrollWidth > document.documentElement.clientWidth,
      cardInside: !!card && !!box && card.left >= box.left && card.right <= box.right && card.width > 0,
    };
  });
}

describe('signing in inside <ott-player>', () => {
  it('lets an invited viewer sign in inside an embed on another site, choose a password, play, stay signed in, sign out and reset a forgotten password', async () => {
    const email = 'ada@acme-viewers.example';
    const firstPassword = await invitedViewerPassword(email);
    const page = await browser.newPage();
    await page.goto(site.url({ videoId: members }));

    // Poster, logo and accent colour, and the form: before any media is reachable.
    await player(page).getByRole('heading', { name: 'Sign in to watch “Members only”' }).waitFor({ timeout: 15_000 });
    const poster = await page.evaluate(async () => {
      const video = document.querySelector('ott-player')?.shadowRoot?.querySelector('video');
      const image = new Image();
      image.src = video?.poster ?? '';
      await image.decode();
      return { url: image.src, width: image.naturalWidth };
    });
    expect(poster.width).toBeGreaterThan(0);
    // The poster's grant opens that image only, not the stream.
    const playlist = new URL(poster.url);
    playlist.pathname = playlist.pathname.replace(/[^/]+$/, 'master.m3u8');
    expect((await fetch(playlist)).status).toBe(403);
    expect(
      await player(page)
        .locator('.sign-in-logo')
        .evaluate((logo: HTMLImageElement) => logo.complete && logo.naturalWidth > 0),
    ).toBe(true);
    const signInButton = player(page).getByRole('button', { name: 'Sign in', exact: true });
    expect(await signInButton.evaluate((button) => getComputedStyle(button).backgroundColor)).toBe('rgb(225, 29, 72)');
    expect(await page.evaluate(() => window.ottEvents.some((event) => event.type === 'signinrequired'))).toBe(true);

    expect(await layout(page)).toEqual({ scrollsSideways: false, cardInside: true });
    await page.screenshot({ path: path.join(screenshots, 'player-sign-in-1280.png') });
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await layout(page)).toEqual({ scrollsSideways: false, cardInside: true });
    await page.screenshot({ path: path.join(screenshots, 'player-sign-in-390.png') });
    await page.setViewportSize({ width: 1280, height: 720 });

    // A wrong password is told plainly; the temporary one asks for a new password, then the video plays.
    await player(page).getByLabel('Email').fill(email);
    await player(page).getByLabel('Password').fill('not the password');
    await signInButton.click();
    await expect.poll(() => player(page).getByRole('alert').filter({ hasText: 'That email and password do not match.' }).count()).toBe(1);
    await player(page).getByLabel('Password').fill(firstPassword);
    await signInButton.click();
    await player(page).getByRole('heading', { name: 'Choose a new password' }).waitFor();
    await player(page).getByLabel('New password').fill('my own viewing password');
    await player(page).getByRole('button', { name: 'Save password and watch' }).click();
    await playsPast(page, 1);
    expect(await page.evaluate(() => window.ottEvents.find((event) => event.type === 'signedin')?.detail.email)).toBe(email);

    // Still signed in after a reload: the form does not come back, the video plays.
    await page.reload();
    await player(page).getByRole('button', { name: 'Sign out' }).waitFor({ timeout: 15_000 });
    expect(await player(page).locator('.sign-in').isVisible()).toBe(false);
    await player(page).getByRole('button', { name: 'Play', exact: true }).first().click();
    await playsPast(page, 1);

    // Signing out brings the form back, and forgets the session for this tenant's embeds on the site.
    await player(page).hover();
    await player(page).getByRole('button', { name: 'Sign out' }).click();
    await player(page).getByRole('heading', { name: 'Sign in to watch “Members only”' }).waitFor();
    expect(await page.evaluate(() => Object.keys(localStorage).filter((key) => key.startsWith('ott-player:viewer:')))).toEqual([]);

    // Forgot password: a code by email sets a new one, and the viewer is in.
    const asked = new Date();
    await player(page).getByRole('button', { name: 'Forgot password?' }).click();
    await player(page).getByLabel('Email').fill(email);
    await player(page).getByRole('button', { name: 'Email me a code' }).click();
    const mail = await waitForEmail(database.db, { kind: 'viewer-password-reset', to: email, since: new Date(asked.getTime() - 1000) });
    const code = /Code: (\d{6})/.exec(mail.text)?.[1];
    expect(code).toBeDefined();
    // Typed key by key, as a viewer does: the player's shortcuts (digits, k, f, m, space) must not take the keys.
    await player(page)
      .getByLabel('Code from the email')
      .pressSequentially(code ?? '');
    await player(page).getByLabel('New password').pressSequentially('a password I will remember');
    await player(page).getByRole('button', { name: 'Set new password and watch' }).click();
    await playsPast(page, 1);
    // The new password is exactly what was typed; the one before it no longer works.
    await page.evaluate(() => document.querySelector('ott-player')?.player?.signOut());
    const signIn = (password: string) =>
      page.evaluate(([address, typed]) => (document.querySelector('ott-player')?.player as OttPlayer).signIn(address, typed).catch((error: Error) => error.message), [email, password] as const);
    expect(await signIn('my own viewing password')).toBe('That email and password do not match.');
    expect(await signIn('a password I will remember')).toBe('signed-in');
    // Signed out again: the site's other pages (the tests below) start without a kept session.
    await page.evaluate(() => document.querySelector('ott-player')?.player?.signOut());
    await page.close();
  });

  it('lets a new viewer create an account inside the player once the tenant takes sign-ups, and offers none before', async () => {
    const closed = await browser.newPage();
    await closed.goto(site.url({ videoId: members }));
    await player(closed).getByRole('heading', { name: 'Sign in to watch “Members only”' }).waitFor({ timeout: 15_000 });
    expect(await player(closed).getByRole('button', { name: 'New here? Create an account' }).count()).toBe(0);
    await closed.close();

    await tenant.api.viewers.setSignUp.mutate({ open: true });
    const email = 'grace@acme-viewers.example';
    const page = await browser.newPage();
    await page.goto(site.url({ videoId: members }));
    await player(page).getByRole('button', { name: 'New here? Create an account' }).click({ timeout: 15_000 });
    await player(page).getByRole('heading', { name: 'Create your account' }).waitFor();
    const asked = new Date();
    await player(page).getByLabel('Email').fill(email);
    await player(page).getByRole('button', { name: 'Email me a code' }).click();
    await player(page).getByText(`A code is on its way to ${email}.`).waitFor();
    const mail = await waitForEmail(database.db, { kind: 'viewer-sign-up', to: email, since: new Date(asked.getTime() - 1000) });
    const code = /Code: (\d{6})/.exec(mail.text)?.[1] ?? '';
    await player(page)
      .getByLabel('Code from the email')
      .pressSequentially(code === '000000' ? '111111' : '000000');
    await player(page).getByLabel('Choose a password').fill('my first own password');
    await player(page).getByRole('button', { name: 'Create account and watch' }).click();
    await expect.poll(() => player(page).getByRole('alert').filter({ hasText: 'That code is not right.' }).count()).toBe(1);
    await player(page).getByLabel('Code from the email').fill(code);
    await player(page).getByRole('button', { name: 'Create account and watch' }).click();
    await playsPast(page, 1);
    expect(await page.evaluate(() => window.ottEvents.find((event) => event.type === 'signedin')?.detail.email)).toBe(email);
    expect((await tenant.api.viewers.list.query()).data.find((viewer) => viewer.email === email)?.status).toBe('active');
    await page.evaluate(() => document.querySelector('ott-player')?.player?.signOut());
    await tenant.api.viewers.setSignUp.mutate({ open: false });
    await page.close();
  });

  it('speaks French with lang="fr", in the form and in the controls', async () => {
    const page = await browser.newPage();
    await page.goto(site.url({ videoId: members, attributes: 'lang="fr"' }));
    await player(page).getByRole('heading', { name: 'Connectez-vous pour regarder « Members only »' }).waitFor({ timeout: 15_000 });
    expect(await player(page).getByLabel('Mot de passe').count()).toBe(1);
    expect(await player(page).getByRole('button', { name: 'Mot de passe oublié ?' }).count()).toBe(1);
    // The controls and the player's own name, as a screen reader announces them.
    expect(await player(page).getByRole('region', { name: 'Lecteur vidéo : Members only' }).count()).toBe(1);
    expect(await player(page).getByRole('button', { name: 'Plein écran' }).count()).toBe(1);
    expect(await player(page).getByRole('slider', { name: 'Position' }).count()).toBe(1);
    await page.close();
  });

  it('asks for a sign-in, not that a sign-in "has expired", when the snippet\'s placeholder credential is left in', async () => {
    const page = await browser.newPage();
    const warnings: string[] = [];
    page.on('console', (message) => (message.type() === 'warning' ? warnings.push(message.text()) : undefined));
    await page.goto(site.url({ videoId: members, attributes: 'credential="VIEWER_ID_TOKEN"' }));
    await player(page).getByRole('heading', { name: 'Sign in to watch “Members only”' }).waitFor({ timeout: 15_000 });
    expect(
      await player(page)
        .getByText(/has expired/)
        .count(),
    ).toBe(0);
    expect(warnings.some((warning) => warning.includes('is not a token'))).toBe(true);
    await page.close();
  });
});
