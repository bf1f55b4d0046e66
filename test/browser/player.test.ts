// The player in real Chromium against the platform's real processes: a tenant's page on another site embeds
// the script-tag SDK and plays a transcoded video with third-party cookies blocked; a viewers-only video asks
// the viewer to sign in and plays after setCredential; a chosen quality reaches the screen; a short grant is
// refreshed under running playback without a stall; the QoE row lands when the page goes away.
import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import type { BrowserContext, Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeClip } from '@ott/control-plane/test-support/media-fixtures';
import { createTestDatabase, type TestDatabase } from '@ott/control-plane/test-support/test-database';
import { waitFor } from '@ott/control-plane/test-support/wait-for';
import { ensureBuilt } from '@ott/player-sdk/ensure-build';
import type { OttPlayer, OttPlayerElement } from '@ott/player-sdk';
import { EMBED_SITE_RESOLVER_ARG, startEmbedSite, type EmbedSite } from '../support/browser-embed-site.js';
import { signUpActiveTenant, uploadReadyVideo, viewerIdToken, type BrowserTenant } from '../support/browser-tenant.js';
import { launchChromium } from '../support/chromium.js';
import { startPlatformProcesses, type PlatformProcesses } from '../support/platform-processes.js';

const screenshots = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../test-results/screenshots');
/** Short grants, so playback outlives several of them (expiry rounds up to 6 s steps: 6–12 s from issue). */
const GRANT_SECONDS = 6;

let database: TestDatabase;
let dataDir: string;
let platform: PlatformProcesses;
let site: EmbedSite;
let browser: BrowserContext;
let tenant: BrowserTenant;
let film: string;
let membersOnly: string;
/** 48 s at 360p: eight 6 s segments, long enough for a growing playlist whose live edge is not its start. */
let longFilm: string;

/** What the tenant page recorded (see browser-embed-site.ts). */
interface RecordedEvent {
  type: string;
  detail: Record<string, unknown>;
  at: number;
}

declare global {
  interface Window {
    ottEvents: RecordedEvent[];
    player?: OttPlayer;
  }
}

beforeAll(async () => {
  database = await createTestDatabase();
  dataDir = await mkdtemp(path.join(tmpdir(), 'ott-browser-'));
  const clips = Promise.all([
    // Two rungs (480p, 360p) keep the transcode quick and still give a quality to switch to.
    makeClip(path.join(dataDir, 'film.mp4'), { seconds: 24, width: 854, height: 480 }),
    makeClip(path.join(dataDir, 'members.mp4'), { seconds: 6, width: 640, height: 360 }),
    makeClip(path.join(dataDir, 'long.mp4'), { seconds: 48, width: 640, height: 360 }),
    promisify(execFile)('ffmpeg', [
      '-y',
      '-loglevel',
      'error',
      '-f',
      'lavfi',
      '-i',
      'color=c=0xffcc00:s=160x48,drawbox=x=8:y=8:w=32:h=32:color=0x111111:t=fill',
      '-frames:v',
      '1',
      path.join(dataDir, 'logo.png'),
    ]),
  ]);
  const [started] = await Promise.all([
    startPlatformProcesses({ databaseUrl: database.url, dataDir, env: { OTT_X264_PRESET: 'ultrafast', OTT_PLAYBACK_GRANT_SECONDS: String(GRANT_SECONDS) } }),
    ensureBuilt(),
    clips,
    mkdir(screenshots, { recursive: true }),
  ]);
  platform = started;
  [site, browser, tenant] = await Promise.all([
    startEmbedSite(platform.apiUrl),
    launchChromium({ blockThirdPartyCookies: true, args: [EMBED_SITE_RESOLVER_ARG] }),
    signUpActiveTenant(platform.apiUrl, 'acme-player'),
  ]);
  await tenant.api.tenants.setAccentColor.mutate({ accentColor: '#e11d48' });
  await tenant.api.tenants.setLogo.mutate({ imageBase64: (await readFile(path.join(dataDir, 'logo.png'))).toString('base64') });
  [film, membersOnly, longFilm] = await Promise.all([
    uploadReadyVideo(tenant.api, path.join(dataDir, 'film.mp4'), { title: 'Launch film', accessMode: 'public' }),
    uploadReadyVideo(tenant.api, path.join(dataDir, 'members.mp4'), { title: 'Members only', accessMode: 'viewers' }),
    uploadReadyVideo(tenant.api, path.join(dataDir, 'long.mp4'), { title: 'Long take', accessMode: 'public' }),
  ]);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await site?.close();
  await platform?.stop();
  await database?.drop();
  await rm(dataDir, { recursive: true, force: true });
});

/** Requests the page sent to the edge, with the headers Chromium really put on the wire. */
function recordEdgeTraffic(page: Page) {
  const requests: { url: string; status: number | undefined; cookie: string | undefined; at: number }[] = [];
  const pending: Promise<void>[] = [];
  page.on('requestfinished', (request: Request) => {
    if (!request.url().startsWith(platform.edgeUrl)) return;
    pending.push(
      (async () => {
        const [headers, response] = await Promise.all([request.allHeaders(), request.response()]);
        requests.push({ url: request.url(), status: response?.status(), cookie: headers.cookie, at: Date.now() });
      })(),
    );
  });
  page.on('requestfailed', (request: Request) => {
    if (request.url().startsWith(platform.edgeUrl)) requests.push({ url: request.url(), status: undefined, cookie: undefined, at: Date.now() });
  });
  return { requests, settled: () => Promise.all(pending) };
}

const currentTime = (page: Page) => page.evaluate(() => document.querySelector('ott-player')?.player?.currentTime ?? window.player?.currentTime ?? 0);

async function playedPast(page: Page, seconds: number, timeout = 30_000): Promise<void> {
  await page.waitForFunction((at) => ((document.querySelector('ott-player')?.player ?? window.player)?.currentTime ?? 0) > at, seconds, { timeout });
}

describe('<ott-player> in Chromium', () => {
  it('plays on a third-party site with third-party cookies blocked, sending no cookie to the edge', async () => {
    await browser.addCookies([{ name: 'CloudFront-Policy', value: 'left-over-from-first-party-visit', domain: '127.0.0.1', path: '/', sameSite: 'None', secure: true, httpOnly: true }]);
    const page = await browser.newPage();
    const traffic = recordEdgeTraffic(page);
    await page.goto(site.url({ videoId: film, attributes: 'muted' }));
    expect(new URL(page.url()).hostname).not.toBe(new URL(platform.edgeUrl).hostname);
    // Until the viewer presses play only playlists (and the poster) are fetched: views cost no video egress.
    await page.waitForFunction(() => window.ottEvents.some((event) => event.type === 'ready'));
    await traffic.settled();
    expect(traffic.requests.filter((request) => request.url.includes('.m4s'))).toEqual([]);
    await page.locator('ott-player .big-play').click();
    await playedPast(page, 2);
    const lifecycle = await page.evaluate(() => window.ottEvents.map((event) => event.type).filter((type) => ['authorized', 'qualities', 'ready', 'play', 'playing'].includes(type)));
    expect(lifecycle.slice(0, 5)).toEqual(['authorized', 'qualities', 'ready', 'play', 'playing']);

    // Keyboard: the player is focusable and `k` pauses.
    await page.locator('ott-player').focus();
    await page.keyboard.press('k');
    await page.waitForFunction(() => document.querySelector('ott-player')?.player?.paused === true);
    await page.keyboard.press('k');
    await page.waitForFunction(() => document.querySelector('ott-player')?.player?.paused === false);

    // Seek previews: hovering the seek bar shows the storyboard tile for that time, fetched with the grant.
    const seekBar = page.locator('ott-player .seek');
    await seekBar.hover({ position: { x: 100, y: 5 } });
    await expect
      .poll(async () => {
        await seekBar.hover({ position: { x: 300 + Math.round(Math.random() * 40), y: 5 } });
        return page.locator('ott-player .preview-image').evaluate((image: HTMLElement) => image.style.backgroundImage);
      })
      .toMatch(/storyboard\.jpg\?.*Signature=/);
    await page.screenshot({ path: path.join(screenshots, 'player-playing.png') });
    await traffic.settled();
    const media = traffic.requests.filter((request) => /\.(m3u8|m4s|mp4|vtt|jpg)\b/.test(request.url));
    expect(media.length).toBeGreaterThan(3);
    expect(media.some((request) => request.url.includes('storyboard.jpg') && request.status === 200)).toBe(true);
    expect(media.every((request) => request.cookie === undefined)).toBe(true);
    expect(media.every((request) => /[?&]Signature=/.test(request.url) && /[?&]Key-Pair-Id=/.test(request.url))).toBe(true);
    expect(media.map((request) => request.status).filter((status) => status !== 200 && status !== 206)).toEqual([]);
    await page.close();
  });

  it('plays a video still transcoding from its start, and on into what is published after it began', async () => {
    // The state early publishing leaves mid-encode, made from a finished film: the same files under a new video,
    // its playlist cut to the first five 6 s segments as a growing EVENT playlist, the video processing.
    const [early] = await database.db
      .insertInto('videos')
      .columns(['tenant_id', 'title', 'access_mode', 'status', 'progress', 'source_key', 'source_filename', 'source_size', 'part_size', 'early_master_playlist', 'updated_at'])
      .expression((eb) =>
        eb
          .selectFrom('videos')
          .select([
            'tenant_id',
            'title',
            'access_mode',
            sql.lit('processing').as('status'),
            sql.lit(0.6).as('progress'),
            'source_key',
            'source_filename',
            'source_size',
            'part_size',
            sql.lit('master.m3u8').as('early_master_playlist'),
            'updated_at',
          ])
          .where('id', '=', longFilm),
      )
      .returning('id')
      .execute();
    const earlyId = early!.id;
    const videoDir = (id: string) => path.join(dataDir, 'store', 't', tenant.tenantId, 'v', id);
    await cp(videoDir(longFilm), videoDir(earlyId), { recursive: true });
    const playlist = path.join(videoDir(earlyId), '360p', 'index.m3u8');
    const vod = await readFile(playlist, 'utf8');
    const firstFive = vod
      .split(/(?=#EXTINF)/)
      .slice(0, 6)
      .join('')
      .replace('#EXT-X-PLAYLIST-TYPE:VOD', '#EXT-X-PLAYLIST-TYPE:EVENT')
      .replace('#EXT-X-ENDLIST\n', '');
    expect(firstFive.match(/\.m4s/g)).toHaveLength(5);
    await writeFile(playlist, firstFive);

    const page = await browser.newPage();
    await page.goto(site.url({ videoId: earlyId, attributes: 'muted' }));
    await page.waitForFunction(() => window.ottEvents.some((event) => event.type === 'ready'));
    await page.locator('ott-player .big-play').click();
    await playedPast(page, 0.5);
    // From the start: hls.js would join a growing playlist three segments from its end (12 s of 30).
    expect(await currentTime(page)).toBeLessThan(6);

    // The ladder finishes: the same URL now holds the whole film as VOD, and the video is ready.
    await writeFile(playlist, vod);
    const finished = await database.db.selectFrom('videos').select(['assets', 'duration_seconds']).where('id', '=', longFilm).executeTakeFirstOrThrow();
    await database.db
      .updateTable('videos')
      .set({ status: 'ready', progress: 1, early_master_playlist: null, assets: JSON.stringify(finished.assets), duration_seconds: finished.duration_seconds })
      .where('id', '=', earlyId)
      .execute();
    // Past the 30 s published at the start: hls.js reloaded the growing playlist and found the rest.
    await page.evaluate(() => document.querySelector('ott-player')?.player?.seek(27));
    await playedPast(page, 32, 40_000);
    const errors = await page.evaluate(() => window.ottEvents.filter((event) => event.type === 'error').map((event) => event.detail));
    expect(errors).toEqual([]);
    await page.close();
  });

  it('with sign-in="none" (a tenant with its own identity), tells a signed-out viewer to sign in, then plays after setCredential(token)', async () => {
    const page = await browser.newPage();
    await page.goto(site.url({ videoId: membersOnly, attributes: 'muted autoplay sign-in="none"' }));
    const message = page.locator('ott-player [role="alert"]');
    await expect.poll(() => message.textContent(), { timeout: 15_000 }).toContain('Sign in to watch this video.');
    expect(await message.isVisible()).toBe(true);
    const errors = await page.evaluate(() => window.ottEvents.filter((event) => event.type === 'error').map((event) => event.detail));
    expect(errors).toEqual([expect.objectContaining({ fatal: true, code: 'UNAUTHORIZED', httpStatus: 401, message: 'Sign in to watch this video.' })]);
    await page.screenshot({ path: path.join(screenshots, 'player-sign-in-message.png') });

    const token = await viewerIdToken(platform.apiUrl, database.db, tenant, 'fan@acme-player.example');
    await page.evaluate((credential) => document.querySelector('ott-player')?.setCredential(credential), token);
    await playedPast(page, 1);
    expect(await message.isVisible()).toBe(false);
    await page.close();
  });

  it('switches to the quality chosen in the menu, on screen', async () => {
    const page = await browser.newPage();
    await page.goto(site.url({ videoId: film, attributes: 'muted autoplay' }));
    await playedPast(page, 0.5);
    const qualities = await page.evaluate(() => document.querySelector('ott-player')?.player?.qualities.map((quality) => quality.label));
    expect(qualities).toEqual(['360p', '480p']);

    await page.locator('ott-player').hover();
    await page.locator('ott-player .quality-button').click();
    const menu = page.locator('ott-player [role="menu"]');
    await expect.poll(() => menu.isVisible()).toBe(true);
    expect(await menu.locator('[role="menuitemradio"]').allTextContents()).toEqual([expect.stringMatching(/^Auto/), '480p', '360p']);
    await page.screenshot({ path: path.join(screenshots, 'player-quality-menu.png') });

    for (const height of [360, 480]) {
      await menu.locator('[role="menuitemradio"]', { hasText: `${height}p` }).click();
      // The picture and the event agree once the first fragment of the new rendition is on screen.
      await page.waitForFunction(
        (wanted) => document.querySelector('ott-player')?.player?.video.videoHeight === wanted && window.ottEvents.filter((event) => event.type === 'quality-change').at(-1)?.detail.height === wanted,
        height,
        { timeout: 20_000 },
      );
      const changes = await page.evaluate(() => window.ottEvents.filter((event) => event.type === 'quality-change').map((event) => event.detail));
      expect(changes.at(-1)).toMatchObject({ height, auto: false });
      if (height === 360) {
        await page.locator('ott-player').hover();
        await page.locator('ott-player .quality-button').click();
      }
    }
    await page.close();
  });

  it('refreshes the grant under running playback: later requests carry the new signature, with no stall', async () => {
    const page = await browser.newPage();
    const traffic = recordEdgeTraffic(page);
    await page.goto(site.url({ videoId: film, createPlayerOptions: { muted: true, autoplay: true } }));
    await playedPast(page, 0.2);
    const firstExpiry = await page.evaluate(() => window.player?.grantExpiresAt?.getTime() ?? 0);
    await page.waitForFunction((expiry) => Date.now() > expiry + 1_000, firstExpiry, { timeout: (GRANT_SECONDS * 2 + 5) * 1000, polling: 250 });
    // Past the first grant's end, make the player fetch what it has not fetched yet: the other rendition's
    // playlist and segments. Signed with the expired grant they would be refused.
    const other = await page.evaluate(() => {
      const player = window.player;
      const other = player?.qualities.find((quality) => quality.height !== player.video.videoHeight);
      if (other) player?.setQuality(other.index);
      return other?.height;
    });
    await page.waitForFunction((height) => window.player?.video.videoHeight === height, other, { timeout: 15_000 });
    const before = await currentTime(page);
    await page.waitForTimeout(1_000);
    expect(await currentTime(page)).toBeGreaterThan(before + 0.5);

    const events = await page.evaluate(() => window.ottEvents);
    expect(events.filter((event) => event.type === 'authorized' && event.detail.refreshed === true).length).toBeGreaterThanOrEqual(1);
    const startedAt = events.find((event) => event.type === 'playing')?.at ?? 0;
    expect(events.filter((event) => event.type === 'waiting' && event.at > startedAt)).toEqual([]);
    expect(await page.evaluate(() => window.player?.qoe.rebufferCount)).toBe(0);

    await traffic.settled();
    const media = traffic.requests.filter((request) => /\.(m3u8|m4s|mp4)\b/.test(request.url));
    const firstSignature = new URL(media[0]?.url ?? 'x:').searchParams.get('Signature');
    const late = media.filter((request) => request.at > firstExpiry);
    expect(late.length).toBeGreaterThan(0);
    expect(late.filter((request) => new URL(request.url).searchParams.get('Signature') === firstSignature)).toEqual([]);
    // One grant per URL (stale ones replaced, not appended), and the edge accepted every request.
    expect(media.filter((request) => (request.url.match(/Signature=/g) ?? []).length !== 1)).toEqual([]);
    expect(traffic.requests.filter((request) => request.status !== 200 && request.status !== 206)).toEqual([]);
    await page.close();
  });

  it('answers a 403 from the edge (a revoked or expired grant) by re-authorising and retrying, without failing', async () => {
    const page = await browser.newPage();
    let segments = 0;
    let refusedAt = 0;
    // The second segment request is refused once, as the edge does when a grant's key was rotated out.
    await page.route(
      (url) => url.href.startsWith(platform.edgeUrl) && url.pathname.endsWith('.m4s'),
      async (route) => {
        segments += 1;
        if (segments !== 2) return route.continue();
        refusedAt = Date.now();
        await route.fulfill({ status: 403, body: 'Access denied: the signature has expired.', headers: { 'access-control-allow-origin': '*', 'content-type': 'text/plain' } });
      },
    );
    await page.goto(site.url({ videoId: film, createPlayerOptions: { muted: true, autoplay: true, hlsConfig: { maxBufferLength: 2, maxMaxBufferLength: 4 } } }));
    await playedPast(page, 8);
    expect(refusedAt).toBeGreaterThan(0);
    const events = await page.evaluate(() => window.ottEvents.map((event) => ({ type: event.type, detail: event.detail, at: event.at + performance.timeOrigin })));
    expect(events.filter((event) => event.type === 'error')).toEqual([expect.objectContaining({ detail: expect.objectContaining({ fatal: false, httpStatus: 403 }) })]);
    // Re-authorised straight away, not at the next scheduled refresh.
    expect(events.some((event) => event.type === 'authorized' && event.detail.refreshed === true && event.at >= refusedAt && event.at - refusedAt < 1_500)).toBe(true);
    expect(await page.evaluate(() => window.player?.error)).toBeUndefined();
    await page.close();
  });

  it('stores the QoE report once the page goes away', async () => {
    const page = await browser.newPage();
    await page.goto(site.url({ videoId: film, attributes: 'muted autoplay' }));
    await playedPast(page, 2.5);
    const sessionId = await page.evaluate(() => document.querySelector<OttPlayerElement>('ott-player')?.player?.sessionId);
    expect(sessionId).toMatch(/^[0-9a-f-]{36}$/);
    await page.goto('about:blank');
    const row = await waitFor(
      () =>
        database.db
          .selectFrom('playback_sessions')
          .selectAll()
          .where('session_id', '=', sessionId ?? '')
          .executeTakeFirst(),
      { what: 'QoE row', timeoutMs: 10_000 },
    );
    expect(row).toMatchObject({ tenant_id: tenant.tenantId, video_id: film, rebuffer_count: 0 });
    expect(row.startup_ms).toBeGreaterThan(0);
    expect(row.startup_ms).toBeLessThan(15_000);
    expect(row.watched_seconds).toBeGreaterThan(2);
    const summary = await tenant.api.qoe.summary.query({ videoId: film });
    expect(summary.plays).toBeGreaterThanOrEqual(1);
    expect(summary.medianStartupMs).toBeGreaterThan(0);
    await page.close();
  });
});
