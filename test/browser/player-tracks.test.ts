// The player's captions, audio languages and chapters in real Chromium, on a real HLS package built with ffmpeg
// (support/tracks-package.ts) and served with a stand-in playback.authorize: the viewer chooses captions and
// reads them at their times, switches to the French audio (hls.js fetches the French rendition), sees forced
// subtitles of the audio's language with captions off, finds the choices applied again after a reload, and
// navigates by chapters (marks on the seek bar, title in the seek preview, a menu that seeks).
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { waitFor } from '@ott/control-plane/test-support/wait-for';
import { ensureBuilt, SDK_DIST } from '@ott/player-sdk/ensure-build';
import type { OttPlayerElement } from '@ott/player-sdk';
import { launchChromium } from '../support/chromium.js';
import { buildTracksPackage, CHAPTERS, SUBTITLES } from '../support/tracks-package.js';

const screenshots = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../test-results/screenshots');
const VIDEO_ID = '7d1c3f0e-2b6a-4c1e-9f3a-5e8d2c4b6a10';
const QUERY = 'Policy=p&Signature=s&Key-Pair-Id=k';

/** The page records what the player tells it about tracks and chapters, as a site's own code would listen. */
const RECORDER = `window.ottTrackEvents = []; for (const type of ['captions-change', 'audio-track-change', 'chapters']) document.querySelector('ott-player').addEventListener(type, (event) => window.ottTrackEvents.push({ type, track: event.detail.track?.label ?? null, count: (event.detail.tracks ?? event.detail.chapters).length }));`;

declare global {
  interface Window {
    ottTrackEvents: { type: string; track: string | null; count: number }[];
  }
}

let dir: string;
let server: Server;
let origin: string;
let browser: BrowserContext;

const TYPES: Record<string, string> = { '.m3u8': 'application/vnd.apple.mpegurl', '.m4s': 'video/iso.segment', '.mp4': 'video/mp4', '.vtt': 'text/vtt', '.js': 'text/javascript' };

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'ott-player-tracks-'));
  await Promise.all([buildTracksPackage(dir), ensureBuilt(), mkdir(screenshots, { recursive: true })]);
  server = createServer((request, response) => {
    const pathname = new URL(request.url ?? '/', 'http://x').pathname;
    const send = (status: number, body: string | Buffer, type = 'text/plain') => response.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store' }).end(body);
    if (pathname === '/watch')
      return send(
        200,
        `<!doctype html><html lang="en"><head><meta charset="utf-8"></head><body style="margin:0"><script src="/sdk/ott-player.js"></script><ott-player video-id="${VIDEO_ID}" api="${origin}" muted autoplay style="width:960px"></ott-player><script>${RECORDER}</script></body></html>`,
        'text/html',
      );
    if (pathname === '/trpc/playback.authorize') {
      const data = {
        videoId: VIDEO_ID,
        title: 'Tracks',
        durationSeconds: 12,
        branding: { accentColor: null, logoUrl: null, showPlatformLogo: false },
        posterUrl: null,
        storyboardVttUrl: null,
        chaptersVttUrl: `${origin}/media/chapters.vtt?${QUERY}`,
        manifestUrl: `${origin}/media/master.m3u8`,
        signedManifestUrl: `${origin}/media/master.m3u8?${QUERY}`,
        expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
        query: QUERY,
        playbackSession: null,
      };
      return send(200, JSON.stringify({ result: { data } }), 'application/json');
    }
    const file = pathname === '/sdk/ott-player.js' ? path.join(SDK_DIST, 'ott-player.js') : pathname.startsWith('/media/') ? path.join(dir, pathname.slice('/media/'.length)) : undefined;
    // Nothing outside the package and the SDK, whatever `..` the path holds.
    if (!file || !(file.startsWith(dir + path.sep) || file.startsWith(SDK_DIST + path.sep))) return send(404, 'Not found');
    readFile(file).then(
      (body) => send(200, body, TYPES[path.extname(file)]),
      () => send(404, 'Not found'),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await launchChromium({ viewport: { width: 1000, height: 600 } });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
  await rm(dir, { recursive: true, force: true });
});

/** Opens the page and waits until the player knows the stream's tracks; returns the media URLs it requests. */
async function openPlayer(page: Page): Promise<string[]> {
  const requested: string[] = [];
  page.on('request', (request) => requested.push(new URL(request.url()).pathname));
  await page.goto(`${origin}/watch`);
  await until('the audio tracks', () => page.evaluate(() => (document.querySelector('ott-player') as OttPlayerElement).player?.audioTracks.length === 2));
  return requested;
}

/** Polls until `check` holds. */
const until = (what: string, check: () => Promise<boolean>, timeoutMs = 20_000) => waitFor(async () => ((await check()) ? true : undefined), { what, timeoutMs, intervalMs: 50 });
const player = (page: Page) => page.locator('ott-player');
/** What the player's caption box shows now, and when. */
const captionsOnScreen = (page: Page) =>
  page.evaluate(() => {
    const element = document.querySelector('ott-player') as OttPlayerElement;
    return { text: element.shadowRoot?.querySelector('.cues')?.textContent ?? '', time: element.player?.video.currentTime ?? 0 };
  });
/**
 * Clicks a control of the player as a viewer does: the pointer moves over the player first (controls hide during
 * playback), again if the controls hid before the click landed (a loaded machine can take longer than their 3 s).
 */
async function press(page: Page, selector: string, hasText?: string): Promise<void> {
  const control = player(page).locator(selector, hasText ? { hasText } : {});
  for (let attempt = 1; ; attempt += 1) {
    await page.mouse.move(100, 100 + attempt);
    await page.mouse.move(480, 200 + attempt);
    try {
      return await control.click({ timeout: 2_000 });
    } catch (error) {
      if (attempt === 5) throw error;
    }
  }
}
const menuItems = (page: Page) => player(page).locator('.menu [role^="menuitem"]').allTextContents();

/** Waits until the video plays within [from, to] seconds and returns what the captions show then. */
async function captionsBetween(page: Page, from: number, to: number): Promise<string> {
  let shown = { text: '', time: 0 };
  await until(`playback between ${from} s and ${to} s`, async () => {
    shown = await captionsOnScreen(page);
    return shown.time >= from && shown.time <= to;
  });
  return shown.text;
}

it('lists captions, shows the chosen one at its times, switches audio to French with forced subtitles, and remembers the choices', async () => {
  const page = await browser.newPage();
  const requested = await openPlayer(page);

  // Captions menu: Off, the two choosable tracks (the automatic one says so; the forced one is not offered), style items.
  await press(page, '.captions-button');
  expect(await menuItems(page)).toEqual(['Off', 'English', 'Français (automatic)', 'Text size: Medium', 'Background: On']);
  await press(page, '.menu [role="menuitemradio"]', 'English');
  const englishTimes = await page.evaluate(async () => {
    const video = (document.querySelector('ott-player') as OttPlayerElement).player?.video;
    const track = [...(video?.textTracks ?? [])].find((candidate) => candidate.label === 'English');
    for (let i = 0; i < 100 && !(track?.cues?.length ?? 0); i += 1) await new Promise((resolve) => setTimeout(resolve, 100));
    return { mode: track?.mode, cues: [...(track?.cues ?? [])].map((cue) => [Number(cue.startTime.toFixed(1)), Number(cue.endTime.toFixed(1))]) };
  });
  expect(englishTimes).toEqual({ mode: 'hidden', cues: SUBTITLES.en.map((cue) => [cue.start, cue.end]) });
  await page.evaluate(() => (document.querySelector('ott-player') as OttPlayerElement).player?.seek(0));
  expect(await captionsBetween(page, 1.3, 4.2)).toBe(SUBTITLES.en[0].text);
  expect(await captionsBetween(page, 4.8, 5.7)).toBe('');
  expect(await captionsBetween(page, 6.3, 9.2)).toBe(SUBTITLES.en[1].text);

  // Captions bigger, for the next test's reload.
  await press(page, '.captions-button');
  await press(page, '.menu [role="menuitem"]', 'Text size');
  await press(page, '.menu [role="menuitemradio"]', 'Large');
  expect(await player(page).locator('.root').getAttribute('captions-size')).toBe('large');

  // French audio: hls.js switches and fetches the French rendition.
  await expect.poll(() => player(page).locator('.audio-button').getAttribute('aria-label')).toBe('Audio: English');
  await press(page, '.audio-button');
  expect(await menuItems(page)).toEqual(['English', 'Français']);
  await press(page, '.menu [role="menuitemradio"]', 'Français');
  await until('a French audio segment', async () => requested.some((url) => /\/media\/audio-fr\/\d+\.m4s$/.test(url)));
  expect(requested).toContain('/media/audio-fr/index.m3u8');
  expect(await page.evaluate(() => (document.querySelector('ott-player') as OttPlayerElement).player?.audioTrackIndex)).toBe(1);
  expect(await player(page).locator('.audio-button').getAttribute('aria-label')).toBe('Audio: Français');
  // The page heard each change once, with the track chosen.
  expect(await page.evaluate(() => window.ottTrackEvents.filter((event) => event.type !== 'chapters'))).toEqual([
    { type: 'captions-change', track: null, count: 2 },
    { type: 'audio-track-change', track: 'English', count: 2 },
    { type: 'captions-change', track: 'English', count: 2 },
    { type: 'audio-track-change', track: 'Français', count: 2 },
  ]);

  // Captions off (the `c` key): the forced French subtitles show, as the audio is French.
  await player(page).focus();
  await page.keyboard.press('c');
  expect(await page.evaluate(() => (document.querySelector('ott-player') as OttPlayerElement).player?.captionsIndex)).toBe(-1);
  await page.evaluate(() => (document.querySelector('ott-player') as OttPlayerElement).player?.seek(0));
  expect(await captionsBetween(page, 1, 11)).toBe(SUBTITLES.forced[0].text);
  await page.screenshot({ path: path.join(screenshots, 'player-forced-subtitles.png') });

  // Back on, English (the `c` key brings the last captions back), then a reload: English captions, French audio, large text.
  await page.keyboard.press('c');
  expect(await page.evaluate(() => (document.querySelector('ott-player') as OttPlayerElement).player?.captionsIndex)).toBe(0);
  await page.reload();
  await until('English captions again', () => page.evaluate(() => (document.querySelector('ott-player') as OttPlayerElement).player?.captionsIndex === 0));
  await until('French audio again', () => page.evaluate(() => (document.querySelector('ott-player') as OttPlayerElement).player?.audioTrackIndex === 1));
  expect(await player(page).locator('.root').getAttribute('captions-size')).toBe('large');
  expect(await captionsBetween(page, 1.3, 4.2)).toBe(SUBTITLES.en[0].text);
  await page.screenshot({ path: path.join(screenshots, 'player-captions-large.png') });
  await page.close();
});

it('marks chapters on the seek bar, names them in the seek preview, and seeks to one chosen in the chapters menu', async () => {
  const page = await browser.newPage();
  await openPlayer(page);
  await until('two chapter marks', async () => (await player(page).locator('.chapter-marks > span').count()) === 2);
  const seek = await player(page).locator('.seek').boundingBox();
  const marks = await player(page)
    .locator('.chapter-marks > span')
    .evaluateAll((spans) => spans.map((span) => span.getBoundingClientRect().left));
  if (!seek) throw new Error('no seek bar');
  // At a third and two thirds of the bar (4 s and 8 s of 12), within the slider thumb's inset.
  expect(marks.map((left) => Number(((left - seek.x) / seek.width).toFixed(1)))).toEqual([0.3, 0.7]);

  await page.mouse.move(seek.x + seek.width * 0.5, seek.y + seek.height / 2);
  expect(await player(page).locator('.preview-chapter').textContent()).toBe(CHAPTERS[1].title);

  await press(page, '.chapters-button');
  expect(await menuItems(page)).toEqual(CHAPTERS.map((chapter) => `0:${String(chapter.start).padStart(2, '0')}  ${chapter.title}`));
  // By keyboard: the menu opened on the current chapter; End goes to the last, Enter chooses it.
  await page.keyboard.press('End');
  await page.keyboard.press('Enter');
  await until('the seek to the last chapter', () => page.evaluate(() => ((document.querySelector('ott-player') as OttPlayerElement).player?.currentTime ?? 0) >= 8));
  expect(await page.evaluate(() => (document.querySelector('ott-player') as OttPlayerElement).player?.chapters.map((chapter) => chapter.title))).toEqual(CHAPTERS.map((chapter) => chapter.title));
  expect(await page.evaluate(() => window.ottTrackEvents.filter((event) => event.type === 'chapters'))).toEqual([{ type: 'chapters', track: null, count: CHAPTERS.length }]);
  await page.close();
});
