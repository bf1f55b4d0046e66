// Fast start end to end in real Chromium, on real processes: a phone-style upload (H.264 4:2:0 with AAC) plays in the
// embedded player about a second after upload, from the pass-through rendition (the source remuxed, its own 1080p),
// while the ladder still encodes; the viewer who started then plays on to the end after the video turns ready; the
// next viewer gets the ladder.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { makeClip } from '@ott/control-plane/test-support/media-fixtures';
import { createTestDatabase, type TestDatabase } from '@ott/control-plane/test-support/test-database';
import { waitFor } from '@ott/control-plane/test-support/wait-for';
import { ensureBuilt } from '@ott/player-sdk/ensure-build';
import { EMBED_SITE_RESOLVER_ARG, startEmbedSite, type EmbedSite } from '../support/browser-embed-site.js';
import { signUpActiveTenant, uploadVideo, type BrowserTenant } from '../support/browser-tenant.js';
import { launchChromium } from '../support/chromium.js';
import { startPlatformProcesses, type PlatformProcesses } from '../support/platform-processes.js';

const SECONDS = 20;

let database: TestDatabase;
let dataDir: string;
let platform: PlatformProcesses;
let site: EmbedSite;
let browser: BrowserContext;
let tenant: BrowserTenant;

beforeAll(async () => {
  database = await createTestDatabase();
  dataDir = await mkdtemp(path.join(tmpdir(), 'ott-play-while-processing-'));
  await Promise.all([ensureBuilt(), makeClip(path.join(dataDir, 'phone.mp4'), { seconds: SECONDS, width: 1920, height: 1080 })]);
  // veryfast, as in production: a 1080p ladder of 20 s takes long enough on two cores to watch the start meanwhile.
  platform = await startPlatformProcesses({ databaseUrl: database.url, dataDir, env: { OTT_X264_PRESET: 'veryfast' } });
  [site, browser, tenant] = await Promise.all([startEmbedSite(platform.apiUrl), launchChromium({ args: [EMBED_SITE_RESOLVER_ARG] }), signUpActiveTenant(platform.apiUrl, 'acme-fast-start')]);
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await site?.close();
  await platform?.stop();
  await database?.drop();
  await rm(dataDir, { recursive: true, force: true });
});

interface Playing {
  currentTime: number;
  videoHeight: number;
}

async function playing(page: Page): Promise<Playing> {
  return page.evaluate(() => {
    const video = document.querySelector('ott-player')?.shadowRoot?.querySelector('video');
    return { currentTime: video?.currentTime ?? 0, videoHeight: video?.videoHeight ?? 0 };
  });
}

async function play(page: Page, videoId: string): Promise<void> {
  await page.goto(site.url({ videoId, attributes: 'muted' }));
  await page.waitForFunction(() => document.querySelector('ott-player')?.shadowRoot?.querySelector('video') !== null);
  await page.locator('ott-player .big-play').click();
}

it('plays an upload from its pass-through rendition while the ladder encodes, and on to the end once ready', async () => {
  const videoId = await uploadVideo(tenant.api, path.join(dataDir, 'phone.mp4'), { title: 'Straight from the phone', accessMode: 'public' });
  const early = await waitFor(
    async () => {
      const video = await tenant.api.videos.get.query({ videoId });
      return video.playable || !['queued', 'processing'].includes(video.status) ? video : undefined;
    },
    { what: 'the video to be playable', timeoutMs: 60_000, intervalMs: 100 },
  );
  expect(early).toMatchObject({ status: 'processing', playable: true });

  const page = await browser.newPage();
  const segmentsRead: string[] = [];
  page.on('request', (request) => {
    const pathname = new URL(request.url()).pathname;
    if (pathname.endsWith('.m4s')) segmentsRead.push(pathname.split(`/v/${videoId}/`)[1] ?? pathname);
  });
  await play(page, videoId);
  await page.waitForFunction(() => (document.querySelector('ott-player')?.shadowRoot?.querySelector('video')?.currentTime ?? 0) > 1.5, undefined, { timeout: 30_000 });
  // The source's own 1080p picture, from the pass-through rendition, while the ladder is still encoding.
  expect((await playing(page)).videoHeight).toBe(1080);
  expect(segmentsRead.length).toBeGreaterThan(0);
  expect(segmentsRead.filter((segment) => !segment.startsWith('pass-through/'))).toEqual([]);
  expect((await tenant.api.videos.get.query({ videoId })).status).toBe('processing');

  await waitFor(async () => ((await tenant.api.videos.get.query({ videoId })).status === 'ready' ? true : undefined), { what: 'the ladder', timeoutMs: 180_000 });
  // The viewer who started early reads on from the pass-through rendition, kept after ready: to the very end.
  await page.waitForFunction(() => document.querySelector('ott-player')?.shadowRoot?.querySelector('video')?.ended === true, undefined, { timeout: 60_000 });
  expect((await playing(page)).currentTime).toBeGreaterThan(SECONDS - 1);
  await page.close();

  // The next viewer gets the finished ladder (another browser: the first may keep the master for its max-age of 60 s).
  const ready = await tenant.api.videos.get.query({ videoId });
  expect(ready.renditions.map((rendition) => rendition.name)).toEqual(['1080p', '720p', '480p', '360p']);
  const other = await launchChromium({ args: [EMBED_SITE_RESOLVER_ARG] });
  try {
    const next = await other.newPage();
    const requested: string[] = [];
    next.on('request', (request) => requested.push(new URL(request.url()).pathname));
    await play(next, videoId);
    await next.waitForFunction(() => (document.querySelector('ott-player')?.shadowRoot?.querySelector('video')?.currentTime ?? 0) > 1, undefined, { timeout: 30_000 });
    expect(requested.some((pathname) => /\/\d+p\/seg_\d+\.m4s$/.test(pathname))).toBe(true);
    expect(requested.filter((pathname) => pathname.includes('/pass-through/'))).toEqual([]);
  } finally {
    await other.close();
  }
}, 300_000);
