// Invitations and password resets by email, in real Chromium over the real api, worker and edge processes, with the
// local shape's development mailbox as the mail: the owner invites an admin (an email with a link, no password on
// screen), the admin follows the link, chooses a password and is signed in; "Forgot your password?" emails a link that
// sets a new password, signs in and ends the admin's other sessions; a viewer's invitation shows no password and the
// email carries one that works and links to the site the tenant set under "Where your viewers watch"; the portal's inbox lists and opens the messages. Screenshots of the new pages at
// 1280 and 390 px land in test-results/screenshots/.
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { linkToken, waitForEmail, invitedViewerPassword } from '@ott/control-plane/test-support/mailbox';
import { createTestDatabase, type TestDatabase } from '@ott/control-plane/test-support/test-database';
import { apiClient } from '../support/api-client.js';
import { signUpActiveTenant } from '../support/browser-tenant.js';
import { launchChromium } from '../support/chromium.js';
import { startPlatformProcesses, type PlatformProcesses } from '../support/platform-processes.js';
import { ensurePortalBuilt } from './portal-build.js';

const screenshots = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../test-results/screenshots');
const OWNER_PASSWORD = 'a long enough password';
const SLUG = 'mailbox-films';
const OWNER = `owner@${SLUG}.example`;
const EDITOR = 'editor@mailbox.example';
const VIEWER = 'fan@mailbox.example';

let database: TestDatabase;
let dataDir: string;
let platform: PlatformProcesses;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'ott-email-'));
  [database] = await Promise.all([createTestDatabase(), ensurePortalBuilt(), mkdir(screenshots, { recursive: true })]);
  platform = await startPlatformProcesses({ databaseUrl: database.url, dataDir });
  await signUpActiveTenant(platform.apiUrl, SLUG);
  context = await launchChromium();
  page = await context.newPage();
}, 180_000);

afterAll(async () => {
  await context?.close();
  await platform?.stop();
  await database?.drop();
  await rm(dataDir, { recursive: true, force: true });
});

afterEach(async (test) => {
  if (test.task.result?.state === 'fail')
    await page.screenshot({ path: path.join(screenshots, `email-failed-${test.task.name.slice(0, 40).replace(/\W+/g, '-')}.png`), fullPage: true }).catch(() => undefined);
});

/** The page at 1280 and at 390 px wide, neither scrolling sideways. */
async function snapBothWidths(name: string): Promise<void> {
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: width === 390 ? 844 : 720 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth), `${name} at ${width} px scrolls sideways`).toBeLessThanOrEqual(0);
    await page.screenshot({ path: path.join(screenshots, `email-${name}-${width}.png`), fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 720 });
}

async function signIn(email: string, password: string): Promise<void> {
  await page.goto(`${platform.apiUrl}/login`);
  await page.getByLabel('Workspace name').fill(SLUG);
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Library' }).waitFor();
}

async function signOut(): Promise<void> {
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.waitForURL(/\/login$/);
}

const toasts = () => page.getByRole('status', { name: 'Notifications' });

describe('email journeys in the portal', () => {
  it('invites a viewer by email: no password on screen, the emailed one signs the viewer in', async () => {
    await signIn(OWNER, OWNER_PASSWORD);
    await page.getByRole('link', { name: 'Viewers' }).click();
    const site = page.getByRole('form', { name: 'Where your viewers watch' });
    await site.getByLabel('Where your viewers watch').fill('https://films.example.com/watch');
    await site.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => toasts().textContent(), { timeout: 15_000 }).toContain('Invitations now link to your site');
    await page.getByLabel("Viewer's e-mail").fill(VIEWER);
    await page.getByRole('button', { name: 'Invite viewer' }).click();
    await expect.poll(() => toasts().textContent(), { timeout: 15_000 }).toContain(`Invitation sent to ${VIEWER}`);
    const row = page.getByRole('row', { name: new RegExp(VIEWER) });
    await row.waitFor();
    expect(await row.textContent()).toContain('Invited (not signed in yet)');
    await row.getByRole('button', { name: 'Resend invitation' }).waitFor();
    expect(await page.locator('main').textContent()).not.toContain('Temporary password for');

    const invitation = await waitForEmail(database.db, { kind: 'viewer-invitation', to: VIEWER });
    expect(invitation.text).toContain('Sign in on https://films.example.com/watch');
    expect(invitation.html).toContain('href="https://films.example.com/watch"');
    const password = await invitedViewerPassword(database.db, VIEWER);
    expect(await page.locator('body').textContent()).not.toContain(password);
    const first = await apiClient(platform.apiUrl).viewerAuth.signIn.mutate({ tenantSlug: SLUG, email: VIEWER, password });
    expect(first.kind).toBe('new-password-required');
  });

  it('invites an admin by email, who follows the link, chooses a password and is signed in', async () => {
    await page.getByRole('link', { name: 'Admins' }).click();
    await page.getByLabel('E-mail').fill(EDITOR);
    await page.getByRole('button', { name: 'Add admin' }).click();
    await expect.poll(() => toasts().textContent(), { timeout: 15_000 }).toContain(`Invitation sent to ${EDITOR}`);
    const row = page.getByRole('row', { name: new RegExp(EDITOR) });
    await row.waitFor();
    expect(await row.textContent()).toContain('Invited (no password yet)');
    expect(await page.locator('main').textContent()).not.toContain('Temporary password for');

    const invitation = await waitForEmail(database.db, { kind: 'admin-invitation', to: EDITOR });
    expect(invitation.subject).toBe(`Join ${SLUG} Films on OTT Cloud`);
    expect(invitation.html).toContain(`${SLUG} Films`);
    await signOut();
    await page.goto(invitation.links[0] ?? '');
    await page.getByRole('heading', { name: `Join ${SLUG} Films` }).waitFor();
    expect(await page.locator('form').textContent()).toContain(EDITOR);
    await snapBothWidths('accept-invitation');
    await page.getByLabel('New password', { exact: true }).fill('the editor’s own password');
    await page.getByLabel('Repeat the new password').fill('the editor’s own password');
    await page.getByRole('button', { name: 'Accept and sign in' }).click();
    await page.getByRole('heading', { name: 'Library' }).waitFor();
    expect(await page.locator('.who-email').textContent()).toBe(EDITOR);
    expect(new URL(page.url()).hash).toBe('');

    // The link worked once.
    await expect(apiClient(platform.apiUrl).auth.redeemEmailLink.mutate({ token: linkToken(invitation), purpose: 'invitation', newPassword: 'someone else’s password' })).rejects.toThrow(
      /expired or was already used/,
    );
  });

  it('resets a forgotten password by email, signs in with the new one and ends the other sessions', async () => {
    const elsewhere = await apiClient(platform.apiUrl).auth.login.mutate({ tenantSlug: SLUG, email: EDITOR, password: 'the editor’s own password' });
    await signOut();
    await page.getByRole('link', { name: 'Forgot your password?' }).click();
    await page.getByRole('heading', { name: 'Reset your password' }).waitFor();
    await snapBothWidths('forgot-password');
    const since = new Date();
    await page.getByLabel('Workspace name').fill(SLUG);
    await page.getByLabel('E-mail').fill(EDITOR);
    await page.getByRole('button', { name: 'Email me a link' }).click();
    const answer = page.getByRole('status').filter({ hasText: 'is on its way' });
    await answer.waitFor();
    const known = (await answer.textContent())?.replace(EDITOR, '…');

    const reset = await waitForEmail(database.db, { kind: 'admin-password-reset', to: EDITOR, since });
    expect(reset.text).toContain('works once, for one hour');
    await page.goto(reset.links[0] ?? '');
    await page.getByRole('heading', { name: 'Choose a new password' }).waitFor();
    await snapBothWidths('reset-password');
    await page.getByLabel('New password', { exact: true }).fill('a brand new password');
    await page.getByLabel('Repeat the new password').fill('a brand new password');
    await page.getByRole('button', { name: 'Save the new password and sign in' }).click();
    await page.getByRole('heading', { name: 'Library' }).waitFor();
    await expect(apiClient(platform.apiUrl).auth.refresh.mutate({ refreshToken: elsewhere.refreshToken })).rejects.toThrow(/password was changed/);

    await signOut();
    await signIn(EDITOR, 'a brand new password');

    // An address that is no admin there gets the very same answer, and no email.
    await signOut();
    await page.getByRole('link', { name: 'Forgot your password?' }).click();
    await page.getByLabel('Workspace name').fill(SLUG);
    await page.getByLabel('E-mail').fill('nobody@mailbox.example');
    await page.getByRole('button', { name: 'Email me a link' }).click();
    const unknown = page.getByRole('status').filter({ hasText: 'is on its way' });
    await unknown.waitFor();
    expect((await unknown.textContent())?.replace('nobody@mailbox.example', '…')).toBe(known);
  });

  it('lists the workspace’s messages in the inbox and opens one', async () => {
    await signIn(OWNER, OWNER_PASSWORD);
    await page.getByRole('link', { name: 'Inbox' }).click();
    await page.getByRole('heading', { name: 'Inbox' }).waitFor();
    await expect
      .poll(() => page.getByRole('rowheader').allTextContents(), { timeout: 15_000 })
      .toEqual([`Reset your ${SLUG} Films password`, `Join ${SLUG} Films on OTT Cloud`, `You're invited to watch ${SLUG} Films`]);
    expect(await page.getByRole('row', { name: new RegExp(`Join ${SLUG}`) }).textContent()).toContain('Admin invitation');
    await page.getByRole('button', { name: `You're invited to watch ${SLUG} Films` }).click();
    const message = page.getByRole('article');
    await message.getByRole('heading', { name: `You're invited to watch ${SLUG} Films` }).waitFor();
    expect(await message.textContent()).toContain('Temporary password:');
    await snapBothWidths('inbox');
  });
});
