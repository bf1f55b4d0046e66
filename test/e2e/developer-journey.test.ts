// The "Done when", end to end over real processes (api, worker, edge) and real Chromium: a new tenant
// following only the portal's Developers page signs up, creates an API key on that page (read from the page), then
// runs the page's own curl commands (the real curl binary, through sh, with only the placeholders replaced as a
// reader would) to register a webhook endpoint on a local receiver and create a direct upload; a page on another
// origin uploads a real clip with the page's `/sdk/ott-upload.js` snippet; the receiver, which is the page's own
// node:crypto snippet run as a process, verifies a signed `video.ready`; curl signs a playback token; and the page's
// embed snippet plays the viewers-only video with it. Also: the Developers page fits a 390 px phone screen, and a key
// revoked there is refused on the next curl, naming its prefix.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '@ott/control-plane/internals/free-port';
import { makeClip } from '@ott/control-plane/test-support/media-fixtures';
import { createTestDatabase, type TestDatabase } from '@ott/control-plane/test-support/test-database';
import { waitFor } from '@ott/control-plane/test-support/wait-for';
import { ensurePlayerSdkBuilt, ensurePortalBuilt } from '../browser/portal-build.js';
import { launchChromium } from '../support/chromium.js';
import { expectPlayback } from '../support/expect-playback.js';
import { startPlatformProcesses, type PlatformProcesses } from '../support/platform-processes.js';

const run = promisify(execFile);
const screenshots = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../test-results/screenshots');
const APP_HOST = 'app.journey.test';
const PASSWORD = 'journey password long enough';

let database: TestDatabase;
let dataDir: string;
let platform: PlatformProcesses;
let context: BrowserContext;
let page: Page;
let clip: string;
let app: AppSite;
let receiver: ChildProcess | undefined;
let receiverOutput = '';
const pageErrors: string[] = [];

/** The tenant's own web app on another origin: serves whatever HTML the test gives it (a snippet from the page). */
interface AppSite {
  origin: string;
  serve(pathname: string, html: string): string;
  close(): Promise<void>;
}

async function startAppSite(): Promise<AppSite> {
  const pages = new Map<string, string>();
  const server: Server = createServer((request, response) => {
    const html = pages.get(new URL(request.url ?? '/', 'http://app').pathname);
    if (html === undefined) return void response.writeHead(404).end();
    response
      .writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' })
      .end(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>My app</title></head><body>${html}</body></html>`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://${APP_HOST}:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    serve(pathname, html) {
      pages.set(pathname, html);
      return `${origin}${pathname}`;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'ott-journey-'));
  // The direct-upload script is esbuilt in a second; build it fresh so the page gets today's client.
  const built = Promise.all([
    ensurePortalBuilt(),
    ensurePlayerSdkBuilt(),
    run('pnpm', ['--filter', '@ott/upload-client', 'build'], { cwd: path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..') }),
  ]);
  [database, clip, app] = await Promise.all([
    createTestDatabase(),
    makeClip(path.join(dataDir, 'first-film.mp4'), { seconds: 4, width: 640, height: 360 }),
    startAppSite(),
    mkdir(screenshots, { recursive: true }),
  ]);
  await built;
  // The receiver runs on 127.0.0.1: the operator's allow list lets deliveries reach it (nothing else bypasses the guard).
  platform = await startPlatformProcesses({ databaseUrl: database.url, dataDir, env: { OTT_X264_PRESET: 'ultrafast', OTT_OUTBOUND_ALLOWED_CIDRS: '127.0.0.1/32' } });
  context = await launchChromium({ args: [`--host-resolver-rules=MAP ${APP_HOST} 127.0.0.1`] });
  page = await context.newPage();
  page.on('pageerror', (error) => pageErrors.push(error.message));
}, 240_000);

afterAll(async () => {
  receiver?.kill();
  await context?.close();
  await app?.close();
  await platform?.stop();
  await database?.drop();
  await rm(dataDir, { recursive: true, force: true });
});

/** A snippet exactly as the Developers page shows it. */
async function snippet(testId: string): Promise<string> {
  const text = await page.getByTestId(testId).textContent();
  if (!text) throw new Error(`The Developers page shows no snippet ${testId}`);
  return text;
}

/** Runs a curl snippet from the page as a reader would paste it into a shell, with their key exported. */
async function curl(command: string, apiKey: string): Promise<Record<string, unknown>> {
  expect(command).toMatch(/^curl /);
  const { stdout } = await run('sh', ['-c', `${command} --fail-with-body`], { env: { ...process.env, OTT_API_KEY: apiKey } });
  return JSON.parse(stdout) as Record<string, unknown>;
}

describe('a new tenant following only the Developers page', () => {
  let apiKey: string;
  let videoId: string;
  let webhookSecret: string;

  it('signs up in the portal and creates an API key on the Developers page, shown once', async () => {
    await page.goto(`${platform.apiUrl}/signup`);
    await page.getByLabel('Company name').fill('Journey Films');
    await page.getByLabel('Work e-mail').fill('owner@journey.example');
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Create workspace' }).click();
    await page.getByRole('link', { name: 'Upload your first video' }).waitFor({ timeout: 60_000 });

    await page.getByRole('link', { name: 'Developers' }).click();
    await page.getByRole('heading', { name: 'Developers' }).waitFor();
    expect(await page.getByRole('link', { name: 'API reference' }).getAttribute('href')).toBe(`${platform.apiUrl}/v1/reference`);
    await page.getByLabel('Key name').fill('Journey backend');
    for (const scope of ['upload', 'playback', 'webhooks']) await page.getByRole('checkbox', { name: new RegExp(`^${scope}\\b`) }).check();
    await page.getByRole('button', { name: 'Create API key' }).click();
    apiKey = (await page.getByTestId('secret-value').textContent()) ?? '';
    expect(apiKey).toMatch(/^ott_sk_[a-z0-9]{8}_[A-Za-z0-9_-]{43}$/);
    await page
      .getByRole('row', { name: /Journey backend/ })
      .getByText(apiKey.slice(0, 15))
      .waitFor();
    await page.screenshot({ path: path.join(screenshots, 'developers-key-created.png'), fullPage: true });
    await page.getByRole('button', { name: 'I have saved it' }).click();
    // Gone from the page once dismissed (waited for: the click's re-render is not synchronous).
    await page.getByTestId('secret-value').waitFor({ state: 'detached' });
    expect(await page.content()).not.toContain(apiKey);
  });

  it('registers a webhook endpoint with curl and runs the documented receiver on it', async () => {
    const port = await freePort();
    const command = (await snippet('webhook-curl')).replace('https://example.com/ott-webhooks', `http://127.0.0.1:${port}/ott-webhooks`);
    const endpoint = await curl(command, apiKey);
    webhookSecret = String(endpoint.secret);
    expect(webhookSecret).toMatch(/^whsec_/);

    const file = path.join(dataDir, 'receiver.mjs');
    await writeFile(file, await snippet('verify-node-crypto'));
    receiver = spawn(process.execPath, [file], { env: { ...process.env, PORT: String(port), OTT_WEBHOOK_SECRET: webhookSecret }, stdio: ['ignore', 'pipe', 'pipe'] });
    receiver.stdout?.on('data', (chunk: Buffer) => (receiverOutput += chunk.toString()));
    receiver.stderr?.on('data', (chunk: Buffer) => (receiverOutput += chunk.toString()));
    // Listening: a forged delivery is refused with 400 by the snippet's check.
    const forged = await waitFor(
      () =>
        fetch(`http://127.0.0.1:${port}/ott-webhooks`, {
          method: 'POST',
          headers: { 'webhook-id': 'evt_forged', 'webhook-timestamp': String(Math.floor(Date.now() / 1000)), 'webhook-signature': 'v1,AAAA' },
          body: '{}',
        }).then(
          (response) => response.status,
          () => undefined,
        ),
      { what: 'the receiver to listen', timeoutMs: 10_000 },
    );
    expect(forged).toBe(400);
  });

  it('creates a direct upload with curl, and a page on another origin uploads a real clip with ott-upload.js', async () => {
    const command = (await snippet('direct-upload-curl')).replace('https://app.example.com', app.origin);
    const directUpload = await curl(command, apiKey);
    expect(String(directUpload.url)).toMatch(/^http/);
    const html = (await snippet('direct-upload-browser')).replace('DIRECT_UPLOAD_URL', String(directUpload.url));
    expect(html).toContain(`<script src="${platform.apiUrl}/sdk/ott-upload.js"></script>`);

    const browserPage = await context.newPage();
    const logs: string[] = [];
    browserPage.on('console', (message) => logs.push(message.text()));
    await browserPage.goto(app.serve('/upload', html));
    await browserPage.locator('#file').setInputFiles(clip);
    const line = await waitFor(async () => logs.find((text) => text.startsWith('Uploaded as video ')), { what: 'the browser upload', timeoutMs: 60_000 });
    videoId = line.slice('Uploaded as video '.length).trim();
    expect(await browserPage.locator('#progress').evaluate((element: HTMLProgressElement) => element.value)).toBe(1);
    await browserPage.close();
  });

  it('receives a signed video.ready on the local receiver, verified by the documented snippet', async () => {
    await waitFor(async () => (receiverOutput.includes(`video.ready ${videoId}`) ? true : undefined), {
      what: `video.ready for ${videoId}; receiver said:\n${receiverOutput}`,
      timeoutMs: 180_000,
      intervalMs: 250,
    });
    expect(receiverOutput).toContain('refused: no valid signature');
    expect(receiverOutput).not.toMatch(/refused: (?!no valid signature)/);
  });

  it('signs a playback token with curl, and the viewers-only video plays with it in an embed on the app', async () => {
    const token = await curl((await snippet('playback-token-curl')).replace('VIDEO_ID', videoId), apiKey);
    expect(typeof token.token).toBe('string');
    const embed = (await snippet('embed-html')).replace('VIDEO_ID', videoId).replace('PLAYBACK_TOKEN', String(token.token));
    const watch = await context.newPage();
    await watch.goto(app.serve('/watch', embed));
    expect(await expectPlayback(watch)).toBeGreaterThan(1);
    await watch.close();
  });

  it('shows the Developers page on a 390 px phone without sideways scrolling', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${platform.apiUrl}/developers`);
    await page.getByRole('heading', { name: 'Developers' }).waitFor();
    await page.getByTestId('verify-node-sdk').waitFor();
    const widths = await page.evaluate(() => ({ page: document.documentElement.scrollWidth, viewport: window.innerWidth }));
    await page.screenshot({ path: path.join(screenshots, 'developers-390px.png'), fullPage: true });
    expect(widths.page).toBeLessThanOrEqual(widths.viewport);
    // The long snippets scroll inside their own boxes instead.
    const snippetBox = await page.getByTestId('direct-upload-browser').evaluate((element) => ({ scroll: element.scrollWidth, client: element.clientWidth }));
    expect(snippetBox.scroll).toBeGreaterThan(snippetBox.client);
    expect(pageErrors).toEqual([]);
  });

  it('revokes the key on the Developers page, and the next curl is refused naming its prefix', async () => {
    await page.setViewportSize({ width: 1280, height: 720 });
    const row = page.getByRole('row', { name: /Journey backend/ });
    await row.getByRole('button', { name: 'Revoke' }).click();
    await row.getByRole('button', { name: 'Yes, revoke' }).click();
    await row.getByText(/^Revoked/).waitFor();
    const command = (await snippet('playback-token-curl')).replace('VIDEO_ID', videoId);
    const refused = await run('sh', ['-c', command], { env: { ...process.env, OTT_API_KEY: apiKey } });
    const body = JSON.parse(refused.stdout) as { error: { code: string; message: string; details: { keyPrefix: string } } };
    expect(body.error).toMatchObject({ code: 'unauthenticated', details: { keyPrefix: apiKey.slice(0, 15) } });
    expect(body.error.message).toContain('revoked');
  });
});
