// The REST API's reference page (/v1/reference) in real Chromium: Redoc, served by the API itself (no CDN), renders
// the OpenAPI document under the page's Content-Security-Policy and shows the operations a developer looks for.
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from '@ott/control-plane/test-support/test-platform';
import { launchChromium } from '../support/chromium.js';

let platform: TestPlatform;
let browser: BrowserContext;

beforeAll(async () => {
  platform = await startTestPlatform();
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await platform?.close();
});

it('renders the reference from the OpenAPI document, offline and within its CSP', async () => {
  const page = await browser.newPage();
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(error.message));
  const outside: string[] = [];
  // Redoc's own footer links a logo on its CDN: the page's CSP keeps it from loading, so nothing is fetched from outside.
  page.on('response', (answer) => {
    if (answer.status() >= 400) problems.push(`${answer.status()} ${answer.url()}`);
    if (!answer.url().startsWith(platform.apiUrl) && !answer.url().startsWith('blob:') && !answer.url().startsWith('data:')) outside.push(answer.url());
  });
  const response = await page.goto(`${platform.apiUrl}/v1/reference`);
  expect(response?.status()).toBe(200);
  expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
  // Each operation is a heading of the page's body (the menu lists them too, folded).
  await page.getByRole('heading', { name: 'Create a video and its upload' }).waitFor({ timeout: 30_000 });
  await expect(page.getByRole('heading', { name: 'Sign a playback token for one video' }).isVisible()).resolves.toBe(true);
  await expect(page.getByRole('heading', { name: /OTT Cloud API/ }).isVisible()).resolves.toBe(true);
  expect(outside).toEqual([]);
  expect(problems.filter((problem) => !problem.includes('cdn.redoc.ly'))).toEqual([]);
});
