// "Add a dub" in the portal, in Chromium against the platform's real processes: the owner adds a French audio file to a
// ready video; the audio tracks list shows it processing, then ready; the master names it; Remove takes it away.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { makeAudioOnly, makeClip } from '@ott/control-plane/test-support/media-fixtures';
import { createTestDatabase, type TestDatabase } from '@ott/control-plane/test-support/test-database';
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { signUpActiveTenant, uploadReadyVideo, type BrowserTenant } from '../support/browser-tenant.js';
import { launchChromium } from '../support/chromium.js';
import { startPlatformProcesses, type PlatformProcesses } from '../support/platform-processes.js';
import { ensurePortalBuilt } from './portal-build.js';

let database: TestDatabase;
let dataDir: string;
let platform: PlatformProcesses;
let browser: BrowserContext;
let tenant: BrowserTenant;
let videoId: string;
let dub: string;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'ott-dubs-'));
  database = await createTestDatabase();
  const [started, film, french] = await Promise.all([
    startPlatformProcesses({ databaseUrl: database.url, dataDir, env: { OTT_X264_PRESET: 'ultrafast' } }),
    makeClip(path.join(dataDir, 'film.mp4'), { seconds: 3, width: 320, height: 240 }),
    makeAudioOnly(path.join(dataDir, 'french.m4a'), 3),
    ensurePortalBuilt(),
  ]);
  platform = started;
  dub = french;
  [browser, tenant] = await Promise.all([launchChromium(), signUpActiveTenant(platform.apiUrl, 'dubs')]);
  videoId = await uploadReadyVideo(tenant.api, film, { title: 'Teaser', accessMode: 'public' });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await platform?.stop();
  await database?.drop();
  await rm(dataDir, { recursive: true, force: true });
});

it('adds a French dub from the portal, which the master then names, and removes it', async () => {
  const page = await browser.newPage();
  await page.goto(`${platform.apiUrl}/login`);
  await page.getByLabel('Workspace name').fill(tenant.slug);
  await page.getByLabel('E-mail').fill(`owner@${tenant.slug}.example`);
  await page.getByLabel('Password').fill('a long enough password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('link', { name: 'Teaser' }).first().click();
  const section = page.getByRole('region', { name: 'Audio tracks' });
  const form = section.getByRole('form', { name: 'Add a dub' });
  await form.getByLabel('Language').fill('fr');
  await form.getByLabel('Name in the audio menu (optional)').fill('Français');
  await form.getByLabel('Dub file').setInputFiles(dub);
  await form.getByRole('button', { name: 'Add the dub' }).click();
  const row = section.getByRole('row', { name: /Français/ });
  await row.getByText('Ready').waitFor({ timeout: 60_000 });

  const playback = await tenant.api.playback.authorize.mutate({ videoId });
  expect(await (await fetch(playback.signedManifestUrl)).text()).toContain('LANGUAGE="fr",NAME="Français"');

  await row.getByRole('button', { name: 'Remove the dub Français' }).click();
  await row.waitFor({ state: 'detached' });
  expect(await (await fetch(playback.signedManifestUrl)).text()).not.toContain('LANGUAGE="fr"');
});
