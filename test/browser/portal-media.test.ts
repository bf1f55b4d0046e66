// The video page's media sections in Chromium against the platform's real processes, driven as a tenant admin does:
// caption files uploaded per language (a broken one refused with the line at fault, the track before it kept), cues
// edited and a track removed; chapters typed in and saved; MP4 downloads switched on and fetched through their signed
// links; a clip cut from a time range. Each step is checked where the admin sees it and where a viewer gets it (the
// master and files the edge serves). One platform, one tenant, one six-second film for the file.
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { makeClip } from '@ott/control-plane/test-support/media-fixtures';
import { createTestDatabase, type TestDatabase } from '@ott/control-plane/test-support/test-database';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { signInToPortal, signUpActiveTenant, uploadReadyVideo, type BrowserTenant } from '../support/browser-tenant.js';
import { launchChromium } from '../support/chromium.js';
import { startPlatformProcesses, type PlatformProcesses } from '../support/platform-processes.js';
import { ensurePortalBuilt } from './portal-build.js';

let database: TestDatabase;
let dataDir: string;
let platform: PlatformProcesses;
let browser: BrowserContext;
let page: Page;
let tenant: BrowserTenant;
let videoId: string;
const files = { english: '', french: '', broken: '' };

const ENGLISH_VTT = ['WEBVTT', '', '00:00:00.500 --> 00:00:02.000', 'Hello there', '', '00:00:02.500 --> 00:00:04.000', 'Second line', ''].join('\n');
const FRENCH_SRT = ['1', '00:00:00,500 --> 00:00:02,000', 'Bonjour', '', '2', '00:00:02,500 --> 00:00:04,000', 'Deuxième ligne', ''].join('\n');
// Line 6's cue ends before it starts: the whole file is refused, naming that line.
const BROKEN_VTT = ['WEBVTT', '', '00:00:00.500 --> 00:00:02.000', 'Replacement line', '', '00:00:04.000 --> 00:00:03.000', 'Backwards', ''].join('\n');

// For what shows only after a round trip to the platform (a list fetched again, a worker's job): seconds on a busy
// two-core runner, where expect.poll's own default is 1 s.
const ROUND_TRIP = { timeout: 15_000 };

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'ott-media-'));
  files.english = path.join(dataDir, 'english.vtt');
  files.french = path.join(dataDir, 'french.srt');
  files.broken = path.join(dataDir, 'english-v2.vtt');
  let film: string;
  [database, film] = await Promise.all([
    createTestDatabase(),
    makeClip(path.join(dataDir, 'film.mp4'), { seconds: 6, width: 320, height: 180 }),
    writeFile(files.english, ENGLISH_VTT),
    writeFile(files.french, FRENCH_SRT),
    writeFile(files.broken, BROKEN_VTT),
    ensurePortalBuilt(),
  ]);
  platform = await startPlatformProcesses({ databaseUrl: database.url, dataDir, env: { OTT_X264_PRESET: 'ultrafast' } });
  [browser, tenant] = await Promise.all([launchChromium(), signUpActiveTenant(platform.apiUrl, 'media-films')]);
  videoId = await uploadReadyVideo(tenant.api, film, { title: 'Teaser', accessMode: 'public' });
  page = await browser.newPage();
  await signInToPortal(page, platform.apiUrl, tenant);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await platform?.stop();
  await database?.drop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

// Each test starts on the film's page, whatever the one before left open.
beforeEach(async () => {
  await page.goto(`${platform.apiUrl}/videos/${videoId}`);
  await page.getByRole('heading', { name: 'Teaser', level: 1 }).waitFor();
});

/** What the edge serves a viewer now: a fresh playback grant each time, so nothing is read from an earlier answer. */
async function servedMaster(): Promise<{ url: string; text: string; chaptersVttUrl: string | null }> {
  const playback = await tenant.api.playback.authorize.mutate({ videoId });
  const response = await fetch(playback.signedManifestUrl);
  expect(response.status).toBe(200);
  return { url: playback.signedManifestUrl, text: await response.text(), chaptersVttUrl: playback.chaptersVttUrl };
}

async function servedText(url: string): Promise<string> {
  const response = await fetch(url);
  expect(response.status, url).toBe(200);
  return response.text();
}

/** The cue texts a viewer's player loads for the subtitle track named `name`: its playlist, then each WebVTT segment. */
async function servedCueText(name: string): Promise<string> {
  const master = await servedMaster();
  const line = master.text.split('\n').find((candidate) => candidate.startsWith('#EXT-X-MEDIA:TYPE=SUBTITLES') && candidate.includes(`NAME="${name}"`));
  const uri = /URI="([^"]+)"/.exec(line ?? '')?.[1];
  if (uri === undefined) throw new Error(`the master names no subtitle track ${name}:\n${master.text}`);
  const playlistUrl = new URL(uri, master.url);
  const segments = (await servedText(playlistUrl.href)).split('\n').filter((entry) => entry !== '' && !entry.startsWith('#'));
  return (await Promise.all(segments.map((segment) => servedText(new URL(segment, playlistUrl).href)))).join('\n');
}

const captions = () => page.getByRole('region', { name: 'Captions and subtitles' });
const trackRow = (label: string) => captions().getByRole('row', { name: new RegExp(`^${label} `) });
const toasts = () => page.getByRole('status', { name: 'Notifications' });

async function uploadCaptions(file: string, language: string, label: string): Promise<void> {
  await captions().getByLabel('Caption file').setInputFiles(file);
  await captions().getByLabel('Language').fill(language);
  await captions().getByLabel('Label').fill(label);
  await captions().getByRole('button', { name: 'Upload', exact: true }).click();
}

/** A track's language, kind, origin and cue count, as its row shows them. */
const trackFacts = async (row: Locator) => (await row.getByRole('cell').allTextContents()).slice(0, 4);

it('uploads captions per language, refuses a broken file with the line at fault and keeps the track it would have joined', async () => {
  await uploadCaptions(files.english, 'en', 'English');
  await expect.poll(() => trackFacts(trackRow('English')), ROUND_TRIP).toEqual(['en', 'subtitles', 'Uploaded', '2']);
  await uploadCaptions(files.french, 'fr', 'Français');
  await expect.poll(() => trackFacts(trackRow('Français')), ROUND_TRIP).toEqual(['fr', 'subtitles', 'Uploaded', '2']);

  const master = (await servedMaster()).text;
  expect(master).toMatch(/#EXT-X-MEDIA:TYPE=SUBTITLES,[^\n]*LANGUAGE="en",NAME="English"/);
  expect(master).toMatch(/#EXT-X-MEDIA:TYPE=SUBTITLES,[^\n]*LANGUAGE="fr",NAME="Français"/);
  expect(await servedCueText('Français')).toContain('Deuxième ligne');

  await uploadCaptions(files.broken, 'en', 'English (v2)');
  await captions().getByRole('alert').getByText('The caption file was not accepted: line 6: the end time 00:00:03.000 is before the start 00:00:04.000.').waitFor({ timeout: 15_000 });
  expect(
    await captions()
      .getByRole('row', { name: /^English/ })
      .count(),
  ).toBe(1);
  expect(await trackFacts(trackRow('English'))).toEqual(['en', 'subtitles', 'Uploaded', '2']);
  expect(await servedCueText('English')).toContain('Hello there');
  expect((await servedMaster()).text).not.toContain('English (v2)');
});

it('edits a track’s cue text and timing, which the next viewer and the transcript get, and removes a track', async () => {
  await trackRow('English').getByRole('button', { name: 'Edit cues' }).click();
  const editor = captions().getByRole('region', { name: 'Caption editor: English' });
  await editor.getByLabel('Text of cue 1').fill('Hello, viewers');
  await editor.getByLabel('End of cue 2').fill('0:03.500');
  await editor.getByRole('button', { name: 'Add a cue' }).click();
  expect(await editor.getByLabel('Start of cue 3').inputValue()).toBe('0:03.500');
  // Nothing is sent while a row is wrong: the empty new cue says so next to it.
  await editor.getByRole('button', { name: 'Save cues' }).click();
  await editor.getByRole('alert').getByText('Write the text, or remove the cue.').waitFor();
  await editor.getByRole('button', { name: 'Remove cue 3' }).click();
  await editor.getByRole('button', { name: 'Save cues' }).click();
  await editor.getByRole('status').getByText('Saved: viewers get the new cues now.').waitFor({ timeout: 15_000 });

  const served = await servedCueText('English');
  expect(served).toContain('00:00:00.500 --> 00:00:02.000\nHello, viewers');
  expect(served).toContain('00:00:02.500 --> 00:00:03.500\nSecond line');
  expect(served).not.toContain('Hello there');
  await editor.getByRole('button', { name: 'Show transcript' }).click();
  await expect.poll(() => editor.getByRole('region', { name: 'Transcript of English' }).textContent(), ROUND_TRIP).toBe('[00:00:00] Hello, viewers\n[00:00:02] Second line\n');

  await trackRow('English').getByRole('button', { name: 'Close editor' }).click();
  await editor.waitFor({ state: 'detached' });
  const french = trackRow('Français');
  await french.getByRole('button', { name: 'Remove' }).click();
  await french.getByRole('group', { name: 'Remove' }).getByText('Remove Français? Viewers stop seeing it at once.').waitFor();
  await french.getByRole('button', { name: 'Remove track' }).click();
  await french.waitFor({ state: 'detached', timeout: 15_000 });
  const master = (await servedMaster()).text;
  expect(master).not.toContain('LANGUAGE="fr"');
  expect(master).toContain('NAME="English"');
});

it('saves chapters typed into rows, refusing a start past the end, and serves them as the chapters track', async () => {
  const chapters = page.getByRole('region', { name: 'Chapters' });
  await chapters.getByText('No chapters. Add them one by one, or paste a list below.').waitFor();
  await chapters.getByRole('button', { name: 'Add a chapter' }).click();
  await chapters.getByLabel('Chapter 1 title').fill('Opening');
  await chapters.getByRole('button', { name: 'Add a chapter' }).click();
  await chapters.getByLabel('Chapter 2 start').fill('0:09');
  await chapters.getByLabel('Chapter 2 title').fill('The reveal');
  const save = chapters.getByRole('button', { name: 'Save chapters' });
  await chapters.getByText('Start it before the end of the video (0:06).').waitFor();
  expect(await save.isDisabled()).toBe(true);
  await chapters.getByLabel('Chapter 2 start').fill('0:03');
  await save.click();
  await toasts().getByText('2 chapters saved.').waitFor({ timeout: 15_000 });
  expect(await tenant.api.chapters.get.query({ videoId })).toEqual([
    { startSeconds: 0, title: 'Opening' },
    { startSeconds: 3, title: 'The reveal' },
  ]);

  const { chaptersVttUrl } = await servedMaster();
  if (chaptersVttUrl === null) throw new Error('the playback grant names no chapters track');
  const vtt = await servedText(chaptersVttUrl);
  expect(vtt).toMatch(/^WEBVTT\n/);
  expect(vtt).toContain('00:00:00.000 --> 00:00:03.000\nOpening');
  expect(vtt).toMatch(/00:00:03\.000 --> 00:00:0[56]\.\d{3}\nThe reveal/);

  // The saved chapters are what the page shows after a reload.
  await page.reload();
  expect(await page.getByRole('region', { name: 'Chapters' }).getByLabel('Chapter 2 title').inputValue()).toBe('The reveal');
});

it('makes a clip from a time range: a new video in the library, three seconds long', async () => {
  const section = page.getByRole('region', { name: 'Make a clip' });
  await section.getByLabel('Start').fill('1');
  await section.getByLabel('End').fill('9');
  await section.getByText(/^The video is 6\.\d s long: end the clip at or before that\.$/).waitFor();
  expect(await section.getByRole('button', { name: 'Make clip' }).isDisabled()).toBe(true);
  await section.getByLabel('End').fill('4');
  await section.getByLabel('Title (optional)').fill('Teaser cut');
  await section.getByRole('button', { name: 'Make clip' }).click();
  await section.getByText('Clip queued:').getByRole('link', { name: 'Teaser cut' }).click();

  // The clip's own page, its status badge beside the title going from queued to ready as the worker cuts it.
  const header = page.getByRole('heading', { name: 'Teaser cut', level: 1 }).locator('xpath=..');
  await header.getByText('Ready', { exact: true }).waitFor({ timeout: 90_000 });
  const duration = page.getByRole('term').filter({ hasText: 'Duration' }).locator('xpath=following-sibling::dd[1]');
  expect(await duration.textContent()).toBe('0:03');
  const clipId = new URL(page.url()).pathname.split('/').at(-1) ?? '';
  expect(clipId).not.toBe(videoId);
  const clip = await tenant.api.videos.get.query({ videoId: clipId });
  expect(clip.durationSeconds).toBeGreaterThan(2.9);
  expect(clip.durationSeconds).toBeLessThan(3.1);

  await page.getByRole('link', { name: '← Library' }).click();
  await page.getByRole('link', { name: 'Teaser cut', exact: true }).waitFor();
});

it('switches MP4 downloads on, lists the files, and each signed link downloads as an attachment', async () => {
  const section = page.getByRole('region', { name: 'Downloads' });
  await section.getByRole('checkbox', { name: /^Offer MP4 downloads/ }).check();
  const links = section.getByRole('link');
  await expect.poll(() => links.count(), { timeout: 60_000, interval: 500 }).toBeGreaterThan(0);
  const listed = await section.getByRole('listitem').allTextContents();
  expect(listed.length).toBe(await links.count());
  for (const item of listed) expect(item).toMatch(/^\S+ \d+×\d+, [\d.]+ [kKM]?B$/);

  for (const link of await links.all()) {
    const href = (await link.getAttribute('href')) ?? '';
    const response = await fetch(href);
    expect(response.status, href).toBe(200);
    expect(response.headers.get('content-type')).toBe('video/mp4');
    expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="Teaser \(.+\)\.mp4"/);
    expect((await response.arrayBuffer()).byteLength).toBeGreaterThan(1000);
  }
  // What the admin gets clicking one: a file saved under the video's title.
  const [download] = await Promise.all([page.waitForEvent('download'), links.first().click()]);
  expect(download.suggestedFilename()).toMatch(/^Teaser \(.+\)\.mp4$/);
  expect((await stat(await download.path())).size).toBeGreaterThan(1000);
});
