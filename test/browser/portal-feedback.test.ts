// The portal keeps the admin informed and in place, in Chromium over the real processes: the welcome checklist ticks
// each step from what the workspace holds when the admin comes back to it; saves are confirmed with a toast; making a video "Viewers" keeps the admin signed in (the player's own refusal is not the admin's session
// ending); a session that really ends sends sign-in back to the page it ended on; and a deleted video's upload card
// leaves the list instead of linking to nothing.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeClip } from '@ott/control-plane/test-support/media-fixtures';
import { createTestDatabase, type TestDatabase } from '@ott/control-plane/test-support/test-database';
import { signUpActiveTenant, uploadReadyVideo, type BrowserTenant } from '../support/browser-tenant.js';
import { launchChromium } from '../support/chromium.js';
import { startPlatformProcesses, type PlatformProcesses } from '../support/platform-processes.js';
import { ensurePlayerSdkBuilt, ensurePortalBuilt } from './portal-build.js';

const SLUG = 'feedback';
const PASSWORD = 'a long enough password';

let database: TestDatabase;
let dataDir: string;
let platform: PlatformProcesses;
let tenant: BrowserTenant;
let context: BrowserContext;
let page: Page;
let firstClip: string;
let secondClip: string;
let videoUrl: string;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'ott-portal-feedback-'));
  [database, firstClip, secondClip] = await Promise.all([
    createTestDatabase(),
    makeClip(path.join(dataDir, 'first-film.mp4'), { seconds: 2, width: 320, height: 180 }),
    makeClip(path.join(dataDir, 'second-film.mp4'), { seconds: 1, width: 320, height: 180 }),
    ensurePortalBuilt(),
    ensurePlayerSdkBuilt(),
  ]);
  platform = await startPlatformProcesses({ databaseUrl: database.url, dataDir, env: { OTT_X264_PRESET: 'ultrafast' } });
  tenant = await signUpActiveTenant(platform.apiUrl, SLUG);
  videoUrl = `${platform.apiUrl}/videos/${await uploadReadyVideo(tenant.api, firstClip, { title: 'first-film', accessMode: 'public' })}`;
  context = await launchChromium();
  page = await context.newPage();
  await page.goto(`${platform.apiUrl}/login`);
  await signIn();
  await page.getByRole('heading', { name: 'Library' }).waitFor();
}, 180_000);

afterAll(async () => {
  await context?.close();
  await platform?.stop();
  await database?.drop();
  await rm(dataDir, { recursive: true, force: true });
});

async function signIn(): Promise<void> {
  await page.getByLabel('Workspace name').fill(SLUG);
  await page.getByLabel('E-mail').fill(`owner@${SLUG}.example`);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

function step(title: string): Locator {
  return page.getByRole('list', { name: 'Getting started' }).getByRole('listitem').filter({ hasText: title });
}

/** A confirmation toast with this text. */
function toast(text: string): Locator {
  return page.getByRole('status', { name: 'Notifications' }).getByText(text);
}

describe('feedback and staying in place in the portal', () => {
  it('ticks the welcome checklist from what the workspace holds, each time the admin comes back to it', async () => {
    await page.goto(`${platform.apiUrl}/welcome`);
    await step('Upload your first video').getByText('Done').waitFor();
    await step('Let it transcode, then embed it').getByText('Done').waitFor();
    expect(await step('Brand your player').getByText('Done').count()).toBe(0);

    // The next step's button leads to it; the save is confirmed; back on the checklist, the step is ticked.
    await page.getByRole('link', { name: 'Brand your player' }).click();
    await page.getByLabel('Accent colour as hex').fill('#e11d48');
    await page.getByRole('button', { name: 'Save colour' }).click();
    await toast('Accent colour saved.').waitFor();
    await page.goBack();
    await step('Brand your player').getByText('Done').waitFor();
    expect(await step('Invite a viewer').getByText('Done').count()).toBe(0);

    // Done elsewhere (here over the API) while the admin was away: ticked on the way back.
    await tenant.api.viewers.invite.mutate({ email: 'first.viewer@feedback.example' });
    await page.getByRole('link', { name: 'Invite a viewer' }).click();
    await page.getByRole('heading', { name: 'Viewers', level: 1 }).waitFor();
    await page.goBack();
    await step('Invite a viewer').getByText('Done').waitFor();
    await page.getByText('All set: your workspace is ready for viewers.').waitFor();
  });

  it('keeps the admin signed in on the video page when the video becomes "Viewers", and confirms the save', async () => {
    await page.goto(videoUrl);
    await page.getByRole('region', { name: /^Preview of first-film$/ }).waitFor();
    await page.getByLabel('Who can watch').selectOption('viewers');
    await page.getByRole('button', { name: 'Save changes' }).click();
    // Either the admin's preview of a viewers-only video, or (the defect) the sign-in page.
    const restricted = page.getByRole('region', { name: 'Preview of first-film (only you can see this preview)' });
    await restricted.or(page.getByRole('heading', { name: 'Sign in to OTT Cloud' })).waitFor();
    expect(await restricted.isVisible()).toBe(true);
    await toast('Details saved: only your signed-in viewers can watch.').waitFor();
    expect(page.url()).toBe(videoUrl);
  });

  it('brings the admin back to the page the session ended on after signing in again', async () => {
    // The server ends every session of this admin (as a password change elsewhere does).
    await sql`update admins set token_version = token_version + 1 where tenant_id = ${tenant.tenantId}`.execute(database.db);
    await page.getByLabel('Title').fill('Renamed after the session ended');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByRole('heading', { name: 'Sign in to OTT Cloud' }).waitFor();
    await page.getByText('Your session ended').waitFor();
    await signIn();
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
