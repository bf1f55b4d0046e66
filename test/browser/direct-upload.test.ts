// The direct-upload journey in real Chromium over real processes: the tenant's backend creates a direct upload with
// its API key over REST, a page on the tenant's own site (another origin than the API) sends a real video with
// /sdk/ott-upload.js — no key in the page — reporting progress, and the video becomes ready. A page on a third
// origin is refused by CORS and sends nothing.
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { makeClip } from '@ott/control-plane/test-support/media-fixtures';
import { createTestDatabase, type TestDatabase } from '@ott/control-plane/test-support/test-database';
import { waitFor } from '@ott/control-plane/test-support/wait-for';
import { buildUploadBundle } from '@ott/upload-client/build-browser-bundle';
import { signUpActiveTenant } from '../support/browser-tenant.js';
import { launchChromium } from '../support/chromium.js';
import { startPlatformProcesses, type PlatformProcesses } from '../support/platform-processes.js';

const SITE_HOST = 'uploads.tenant-site.test';
const THIRD_HOST = 'elsewhere.test';

let database: TestDatabase;
let dataDir: string;
let platform: PlatformProcesses;
let browser: BrowserContext;
let site: Server;
let port: number;
let key: string;
let clip: string;

beforeAll(async () => {
  database = await createTestDatabase();
  dataDir = await mkdtemp(path.join(tmpdir(), 'ott-direct-browser-'));
  const made = makeClip(path.join(dataDir, 'from-phone.mp4'), { seconds: 3, width: 640, height: 360, bitrate: '4M' });
  [platform] = await Promise.all([startPlatformProcesses({ databaseUrl: database.url, dataDir, env: { OTT_X264_PRESET: 'ultrafast' } }), buildUploadBundle()]);
  await platform.start('worker');
  const tenant = await signUpActiveTenant(platform.apiUrl, `direct-${Date.now().toString(36)}`);
  key = (await tenant.api.apiKeys.create.mutate({ name: 'shop backend', scopes: ['upload', 'read'] })).key;
  // The tenant's page: a file field and the upload script from the API. Served under two host names.
  site = createServer((request, response) => {
    if (request.url !== '/') return void response.writeHead(404).end();
    response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    response.end(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Send us your video</title></head>
<body><h1>Send us your video</h1><input type="file" id="file"><script src="${platform.apiUrl}/sdk/ott-upload.js"></script></body></html>`);
  });
  await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
  port = (site.address() as AddressInfo).port;
  browser = await launchChromium({ args: [`--host-resolver-rules=MAP ${SITE_HOST} 127.0.0.1, MAP ${THIRD_HOST} 127.0.0.1`] });
  clip = await made;
});

afterAll(async () => {
  await browser?.close();
  site?.closeAllConnections();
  await new Promise((resolve) => site?.close(resolve));
  await platform?.stop();
  await database?.drop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

async function createDirectUpload(corsOrigin: string): Promise<{ id: string; url: string }> {
  const response = await fetch(`${platform.apiUrl}/v1/direct-uploads`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify({ corsOrigin, title: 'From a customer', maxSizeBytes: 50_000_000 }),
  });
  expect(response.status).toBe(201);
  return (await response.json()) as { id: string; url: string };
}

type UploadOutcome = { ok: true; videoId: string; status: string; progress: number[] } | { ok: false; message: string; progress: number[] };

/** Picks the file in the page's field and calls OttUpload.upload as the tenant's page script would. */
async function uploadFromPage(host: string, directUploadUrl: string): Promise<{ page: Page; outcome: UploadOutcome }> {
  const page = await browser.newPage();
  await page.goto(`http://${host}:${port}/`);
  await page.setInputFiles('#file', clip);
  const outcome = await page.evaluate(async (url): Promise<UploadOutcome> => {
    type OttUpload = { upload(file: File, options: { directUploadUrl: string; onProgress: (progress: { fraction: number }) => void }): Promise<{ videoId: string; status: string }> };
    const progress: number[] = [];
    const file = (document.getElementById('file') as HTMLInputElement).files?.[0];
    if (!file) return { ok: false, message: 'no file picked', progress };
    try {
      const result = await (window as unknown as { OttUpload: OttUpload }).OttUpload.upload(file, { directUploadUrl: url, onProgress: ({ fraction }) => progress.push(fraction) });
      return { ok: true, ...result, progress };
    } catch (error) {
      return { ok: false, message: String(error), progress };
    }
  }, directUploadUrl);
  return { page, outcome };
}

it('sends a real video from a page on the tenant site, with progress, and the video becomes ready', async () => {
  const siteOrigin = `http://${SITE_HOST}:${port}`;
  const upload = await createDirectUpload(siteOrigin);
  const { page, outcome } = await uploadFromPage(SITE_HOST, upload.url);
  await page.close();
  if (!outcome.ok) throw new Error(`the upload failed in the page: ${outcome.message}`);
  expect(outcome.status).toBe('queued');
  expect(outcome.progress[0]).toBe(0);
  expect(outcome.progress.at(-1)).toBe(1);
  expect(outcome.progress.length).toBeGreaterThan(2);
  expect([...outcome.progress].sort((a, b) => a - b)).toEqual(outcome.progress);

  const video = await waitFor(
    async () => {
      const response = await fetch(`${platform.apiUrl}/v1/videos/${outcome.videoId}`, { headers: { authorization: `Bearer ${key}` } });
      const body = (await response.json()) as { status: string; title: string; failureReason: string | null };
      return body.status === 'ready' || body.status === 'failed' ? body : undefined;
    },
    { what: 'the uploaded video to be ready', timeoutMs: 120_000, intervalMs: 500 },
  );
  expect(video).toMatchObject({ status: 'ready', title: 'From a customer', failureReason: null });
});

it('refuses a page on a third origin through CORS: nothing is sent', async () => {
  const upload = await createDirectUpload(`http://${SITE_HOST}:${port}`);
  const { page, outcome } = await uploadFromPage(THIRD_HOST, upload.url);
  await page.close();
  expect(outcome.ok).toBe(false);
  if (!outcome.ok) expect(outcome.message).toMatch(/Failed to fetch/);
  const response = await fetch(`${platform.apiUrl}/v1/direct-uploads/${upload.id}`, { headers: { authorization: `Bearer ${key}` } });
  expect(await response.json()).toMatchObject({ status: 'waiting', videoId: null });
});
