// The catalogue in the portal, in Chromium against the platform's real processes, as a tenant admin uses it: a
// video's catalogue details typed in, refused while the year is wrong, saved and shown again after a reload; a series
// built from library videos found by search, its episodes reordered; a collection of a film and the series, its titles
// reordered; the library searched with a typo, narrowed by category, year and type, the search kept in the address.
// Each step is checked where the admin sees it and in what the API answers.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createTestDatabase, type TestDatabase } from '@ott/control-plane/test-support/test-database';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { signInToPortal, signUpActiveTenant, type BrowserTenant } from '../support/browser-tenant.js';
import { launchChromium } from '../support/chromium.js';
import { startPlatformProcesses, type PlatformProcesses } from '../support/platform-processes.js';
import { ensurePortalBuilt } from './portal-build.js';

// One platform, one tenant and one signed-in page for the three tests, which build on each other's titles.
let tenant: BrowserTenant;
let page: Page;
let browser: BrowserContext;
let platform: PlatformProcesses;
let database: TestDatabase;
let dataDir: string;
const videos: Record<string, string> = {};

const ROUND_TRIP = { timeout: 15_000 };

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'ott-catalogue-'));
  [database] = await Promise.all([createTestDatabase(), ensurePortalBuilt()]);
  platform = await startPlatformProcesses({ databaseUrl: database.url, dataDir });
  [browser, tenant] = await Promise.all([launchChromium(), signUpActiveTenant(platform.apiUrl, 'catalogue-films')]);
  page = await browser.newPage();
  await signInToPortal(page, platform.apiUrl, tenant);
  // The catalogue needs video rows, not their pictures: uploads that were never sent are videos in the library.
  for (const title of ['Interstellar', 'Pilot', 'Diversity Day']) videos[title] = (await tenant.api.videos.createUpload.mutate({ filename: `${title}.mp4`, size: 1000, title })).videoId;
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await platform?.stop();
  // The database and the folder are independent once the processes have stopped.
  await Promise.all([database?.drop(), dataDir ? rm(dataDir, { recursive: true, force: true }) : undefined]);
});

const toasts = () => page.getByRole('status', { name: 'Notifications' });

it('keeps a video’s catalogue details, refusing a wrong year before saving', async () => {
  await page.goto(`${platform.apiUrl}/videos/${videos.Interstellar}`);
  const form = page.getByRole('form', { name: 'Catalogue details' });
  await form.getByLabel('Categories').fill('Drama, Science fiction');
  await form.getByLabel('Release year').fill('14');
  await form.getByText('Write the year with four digits').waitFor();
  expect(await form.getByRole('button', { name: 'Save catalogue details' }).isDisabled()).toBe(true);
  await form.getByLabel('Release year').fill('2014');
  await form.getByLabel('Credits').fill('Director: Christopher Nolan\nCast: Jessica Chastain');
  await form.getByLabel('Custom fields').fill('studio = Syncopy');
  await form.getByRole('button', { name: 'Save catalogue details' }).click();
  await toasts().getByText('Catalogue details saved.').waitFor(ROUND_TRIP);

  expect(await tenant.api.catalogue.metadata.query({ videoId: videos.Interstellar! })).toMatchObject({
    categories: ['Drama', 'Science fiction'],
    releaseYear: 2014,
    credits: [
      { role: 'Director', name: 'Christopher Nolan' },
      { role: 'Cast', name: 'Jessica Chastain' },
    ],
    customFields: { studio: 'Syncopy' },
  });
  await page.reload();
  expect(await page.getByRole('form', { name: 'Catalogue details' }).getByLabel('Credits').inputValue(ROUND_TRIP)).toBe('Director: Christopher Nolan\nCast: Jessica Chastain');
});

it('builds a series from library videos found by search, and reorders its episodes', async () => {
  await page.goto(`${platform.apiUrl}/`);
  await page.getByRole('navigation', { name: 'Portal' }).getByRole('link', { name: 'Series' }).click();
  await page.getByRole('form', { name: 'Create a series' }).getByLabel('Title').fill('The Office');
  await page.getByRole('button', { name: 'Create series' }).click();
  await page.getByRole('heading', { name: 'The Office', level: 1 }).waitFor(ROUND_TRIP);
  await page.getByRole('button', { name: 'Add season 1' }).click();
  const season = page.getByRole('region', { name: 'Season 1' });
  for (const title of ['Pilot', 'Diversity Day']) {
    await season.getByLabel('Add an episode to season 1').fill(title.slice(0, 5));
    await season.getByRole('button', { name: `Add ${title}` }).click();
    await season.getByRole('link', { name: title }).waitFor(ROUND_TRIP);
  }
  await season.getByRole('button', { name: 'Move Diversity Day up' }).click();
  await expect
    .poll(async () => (await season.getByRole('listitem').allTextContents()).filter((text) => /^\d\./.test(text)), ROUND_TRIP)
    .toEqual([expect.stringMatching(/^1\. Diversity Day/), expect.stringMatching(/^2\. Pilot/)]);
  const seriesId = new URL(page.url()).pathname.split('/').at(-1)!;
  const series = await tenant.api.series.get.query({ seriesId });
  expect(series.seasons[0]!.episodes.map((episode) => [episode.episodeNumber, episode.title])).toEqual([
    [1, 'Diversity Day'],
    [2, 'Pilot'],
  ]);
});

it('makes a collection of a film found with a typo and the series, in the order chosen', async () => {
  await page.getByRole('navigation', { name: 'Portal' }).getByRole('link', { name: 'Collections' }).click();
  await page.getByRole('form', { name: 'Create a collection' }).getByLabel('Title').fill('Staff picks');
  await page.getByRole('button', { name: 'Create collection' }).click();
  const row = page.getByRole('region', { name: 'Collection Staff picks' });
  await row.waitFor(ROUND_TRIP);
  await row.getByLabel('Add a title to Staff picks').fill('intersteller');
  await row.getByRole('button', { name: 'Add Interstellar' }).click();
  await row.getByRole('button', { name: 'Take Interstellar out of Staff picks' }).waitFor(ROUND_TRIP);
  await row.getByLabel('Add a title to Staff picks').fill('office');
  await row.getByRole('button', { name: 'Add The Office' }).click();
  await row.getByRole('button', { name: 'Take The Office out of Staff picks' }).waitFor(ROUND_TRIP);
  await row.getByRole('button', { name: 'Move The Office up' }).click();
  await expect
    .poll(async () => {
      const [collection] = await tenant.api.collections.list.query();
      return collection ? (await tenant.api.collections.get.query({ collectionId: collection.id })).items.map((item) => [item.type, item.title]) : [];
    }, ROUND_TRIP)
    .toEqual([
      ['series', 'The Office'],
      ['film', 'Interstellar'],
    ]);
});

it('finds a video in the library by a typo, narrows the search by category, year and type, and keeps it in the address', async () => {
  await page.goto(`${platform.apiUrl}/`);
  const filters = page.getByRole('search');
  const results = page.getByRole('list', { name: 'Search results' });
  const found = () => results.locator('.video-title').allTextContents();
  const searches: string[] = [];
  page.on('request', (request) => {
    if (request.url().includes('/trpc/') && request.url().includes('catalogue.search')) searches.push(request.url());
  });
  // Typed key by key: the search asks once the typing pauses, not at every key.
  await filters.getByLabel('Search the library').pressSequentially('intersteller', { delay: 20 });
  await results.getByRole('link', { name: 'Interstellar' }).waitFor(ROUND_TRIP);
  expect(searches.length).toBeLessThan('intersteller'.length / 2);
  expect(new URL(page.url()).searchParams.get('q')).toBe('intersteller');

  await filters.getByLabel('Category').selectOption('Science fiction');
  await filters.getByLabel('Year').fill('2014');
  await filters.getByLabel('Type').selectOption({ label: 'Films' });
  await expect.poll(found, ROUND_TRIP).toEqual(['Interstellar']);
  expect(new URL(page.url()).search).toBe('?q=intersteller&category=Science+fiction&year=2014&type=film');
  await page.reload();
  await expect.poll(found, ROUND_TRIP).toEqual(['Interstellar']);
  expect(await filters.getByLabel('Search the library').inputValue()).toBe('intersteller');
  expect(await filters.getByLabel('Category').inputValue()).toBe('Science fiction');

  await filters.getByLabel('Year').fill('2015');
  await page.getByText('Nothing in the catalogue matches “intersteller” with these filters. Check the spelling, or clear the filters.').waitFor(ROUND_TRIP);
  await filters.getByLabel('Search the library').fill('');
  await page.getByText('No title matches these filters.').waitFor(ROUND_TRIP);

  await filters.getByLabel('Year').fill('');
  await filters.getByLabel('Category').selectOption({ label: 'All' });
  await filters.getByLabel('Type').selectOption({ label: 'Episodes' });
  await expect.poll(async () => (await found()).sort(), ROUND_TRIP).toEqual(['Diversity Day', 'Pilot']);
  expect(await results.getByText('Episode · The Office S1E1').count()).toBe(1);
  await filters.getByLabel('Type').selectOption({ label: 'All' });
  // Nothing left to search by: the library's own list again, with its status and access filters.
  await expect.poll(() => page.getByRole('list', { name: 'Videos' }).locator('.video-title').count(), ROUND_TRIP).toBe(3);
  expect(new URL(page.url()).search).toBe('');
  await filters.getByLabel('Search the library').fill('divrsity');
  await results.getByRole('link', { name: 'Diversity Day' }).click();
  await page.getByRole('heading', { name: 'Diversity Day' }).first().waitFor(ROUND_TRIP);
});
