// Captions end to end in real Chromium: a VTT uploaded to a really transcoded video becomes an HLS subtitle rendition;
// the player (hls.js) loads its segmented WebVTT through the edge and the <video> gets the cues at the times the file
// gave, a cue spanning a segment boundary once; an edit is served to the next viewer (masters are cached 60 s).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { makeClip } from '@ott/control-plane/test-support/media-fixtures';
import { createTestDatabase, type TestDatabase } from '@ott/control-plane/test-support/test-database';
import { ensureBuilt } from '@ott/player-sdk/ensure-build';
import { EMBED_SITE_RESOLVER_ARG, startEmbedSite, type EmbedSite } from '../support/browser-embed-site.js';
import { signUpActiveTenant, uploadReadyVideo, type BrowserTenant } from '../support/browser-tenant.js';
import { launchChromium } from '../support/chromium.js';
import { startPlatformProcesses, type PlatformProcesses } from '../support/platform-processes.js';

let database: TestDatabase;
let dataDir: string;
let platform: PlatformProcesses;
let site: EmbedSite;
let browser: BrowserContext;
let tenant: BrowserTenant;
let film: string;

const VTT = ['WEBVTT', '', '00:00:01.000 --> 00:00:02.500', 'First line', '', '00:00:05.500 --> 00:00:07.000', 'Across the boundary', '', '00:00:12.000 --> 00:00:13.000', 'Third segment'].join('\n');

beforeAll(async () => {
  database = await createTestDatabase();
  dataDir = await mkdtemp(path.join(tmpdir(), 'ott-captions-e2e-'));
  // One after the other: on a busy machine the API's start (under a minute) must not compete with the SDK's build.
  await Promise.all([ensureBuilt(), makeClip(path.join(dataDir, 'film.mp4'), { seconds: 15, width: 640, height: 360 })]);
  platform = await startPlatformProcesses({ databaseUrl: database.url, dataDir, env: { OTT_X264_PRESET: 'ultrafast' } });
  [site, browser, tenant] = await Promise.all([startEmbedSite(platform.apiUrl), launchChromium({ args: [EMBED_SITE_RESOLVER_ARG] }), signUpActiveTenant(platform.apiUrl, 'acme-captions')]);
  film = await uploadReadyVideo(tenant.api, path.join(dataDir, 'film.mp4'), { title: 'Captioned film', accessMode: 'public' });
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await site?.close();
  await platform?.stop();
  await database?.drop();
  await rm(dataDir, { recursive: true, force: true });
});

/**
 * The cues of the caption track the player chose, once it has `count` of them (hls.js loads segments as playback goes).
 * The player draws cues itself (its `.cues` box), so the chosen track is `hidden`, not `showing`: neither is `disabled`.
 */
async function chosenCues(page: Page, count: number): Promise<{ label: string; cues: { start: number; end: number; text: string }[] }> {
  await page.waitForFunction(
    (wanted) => {
      const video = document.querySelector('ott-player')?.shadowRoot?.querySelector('video');
      const track = [...(video?.textTracks ?? [])].find((candidate) => candidate.mode !== 'disabled');
      return (track?.cues?.length ?? 0) >= wanted;
    },
    count,
    { timeout: 60_000 },
  );
  return page.evaluate(() => {
    const video = document.querySelector('ott-player')?.shadowRoot?.querySelector('video');
    const track = [...(video?.textTracks ?? [])].find((candidate) => candidate.mode !== 'disabled');
    const cues = [...(track?.cues ?? [])] as VTTCue[];
    return { label: track?.label ?? '', cues: cues.map((cue) => ({ start: cue.startTime, end: cue.endTime, text: cue.text })) };
  });
}

async function play(page: Page): Promise<void> {
  await page.goto(site.url({ videoId: film, attributes: 'muted' }));
  await page.waitForFunction(() => document.querySelector('ott-player')?.shadowRoot?.querySelector('video') !== null);
  await page.locator('ott-player .big-play').click();
}

const rounded = (cues: { start: number; end: number; text: string }[]) => cues.map((cue) => ({ ...cue, start: Math.round(cue.start * 1000) / 1000, end: Math.round(cue.end * 1000) / 1000 }));

it('plays an uploaded VTT as a subtitle rendition with every cue at its time, and an edit reaches the next viewer', async () => {
  const track = await tenant.api.captions.upload.mutate({ videoId: film, content: VTT, language: 'en', label: 'English', isDefault: true });
  const page = await browser.newPage();
  await play(page);
  const shown = await chosenCues(page, 3);
  expect(shown.label).toBe('English');
  expect(rounded(shown.cues)).toEqual([
    { start: 1, end: 2.5, text: 'First line' },
    { start: 5.5, end: 7, text: 'Across the boundary' },
    { start: 12, end: 13, text: 'Third segment' },
  ]);
  // The cue is on screen (the player's caption box) while the picture is at its time.
  await page.waitForFunction(
    () => {
      const root = document.querySelector('ott-player')?.shadowRoot;
      const video = root?.querySelector('video');
      return video !== null && video !== undefined && video.currentTime > 5.6 && video.currentTime < 7 && root?.querySelector('.cues')?.textContent === 'Across the boundary';
    },
    undefined,
    { timeout: 30_000, polling: 50 },
  );
  await page.close();

  await tenant.api.captions.replaceCues.mutate({ videoId: film, trackId: track.id, cues: [{ startSeconds: 2, endSeconds: 4, text: 'Edited line' }] });
  // Another viewer (the first one's browser may keep the master for its max-age of 60 s).
  const other = await launchChromium({ args: [EMBED_SITE_RESOLVER_ARG] });
  try {
    const next = await other.newPage();
    await play(next);
    expect(rounded((await chosenCues(next, 1)).cues)).toEqual([{ start: 2, end: 4, text: 'Edited line' }]);
  } finally {
    await other.close();
  }
});
