// The portal's Webhooks page in Chromium against the platform's real processes: the owner adds an endpoint for a
// receiver on this machine, copies its secret (shown once), sends a test event that arrives signed, sees it in the
// delivery log, and disables and re-enables the endpoint with the notice in between.
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createTestDatabase, type TestDatabase } from '@ott/control-plane/test-support/test-database';
import type { BrowserContext, Page } from 'playwright-core';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { apiClient } from '../support/api-client.js';
import { launchChromium } from '../support/chromium.js';
import { startPlatformProcesses, type PlatformProcesses } from '../support/platform-processes.js';
import { ensurePortalBuilt } from './portal-build.js';

const PASSWORD = 'correct horse battery';
const SLUG = `hooks-${Date.now().toString(36)}`;
const EMAIL = `owner@${SLUG}.example`;

let database: TestDatabase;
let dataDir: string;
let platform: PlatformProcesses;
let context: BrowserContext;
let page: Page;
let receiver: Server;
let receiverUrl: string;
const received: { headers: Record<string, string>; body: string }[] = [];

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'ott-webhooks-portal-'));
  [database] = await Promise.all([createTestDatabase(), ensurePortalBuilt()]);
  receiver = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      received.push({ headers: request.headers as Record<string, string>, body });
      response.end('thanks');
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const address = receiver.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  receiverUrl = `http://127.0.0.1:${address.port}/ott-events`;
  platform = await startPlatformProcesses({ databaseUrl: database.url, dataDir, env: { OTT_OUTBOUND_ALLOWED_CIDRS: '127.0.0.1/32' } });
  await apiClient(platform.apiUrl).tenants.signup.mutate({ companyName: 'Hooks Films', slug: SLUG, email: EMAIL, password: PASSWORD });
  context = await launchChromium();
  page = await context.newPage();
}, 180_000);

afterAll(async () => {
  await context?.close();
  receiver?.closeAllConnections();
  receiver?.close();
  await platform?.stop();
  await database?.drop();
  await rm(dataDir, { recursive: true, force: true });
});

it('adds an endpoint, shows its secret once, delivers a signed test event into the log, and disables and re-enables it', async () => {
  await page.goto(`${platform.apiUrl}/login`);
  await page.getByLabel('Workspace name').fill(SLUG);
  await page.getByLabel('E-mail').fill(EMAIL);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('link', { name: 'Webhooks' }).click();
  await page.getByRole('heading', { name: 'Webhooks' }).waitFor();
  await page.getByText('No endpoints yet.').waitFor();

  await page.getByLabel('Endpoint URL').fill(receiverUrl);
  await page.getByLabel('Description (optional)').fill('Backend');
  await page.getByRole('checkbox', { name: 'video.ready' }).check();
  await page.getByRole('button', { name: 'Add endpoint' }).click();
  const secret = (await page.getByTestId('secret-value').textContent()) ?? '';
  expect(secret).toMatch(/^whsec_/);
  const panel = page.getByRole('article', { name: receiverUrl });
  await panel.getByText('Events: video.ready').waitFor();
  await page.getByRole('button', { name: 'I have saved it' }).click();
  await page.getByTestId('secret-value').waitFor({ state: 'detached' });
  expect(await page.content()).not.toContain(secret);

  await panel.getByRole('button', { name: 'Send test event' }).click();
  await panel.getByRole('row').filter({ hasText: 'webhook.test' }).getByText('Delivered').waitFor({ timeout: 20_000 });
  expect(received).toHaveLength(1);
  expect(new Webhook(secret).verify(received[0]?.body ?? '', received[0]?.headers ?? {})).toMatchObject({ type: 'webhook.test' });
  await expect(panel.getByRole('row').filter({ hasText: 'webhook.test' }).getByRole('cell', { name: '200', exact: true }).count()).resolves.toBe(1);

  await panel.getByRole('button', { name: 'Disable' }).click();
  await panel.getByRole('alert').getByText('Disabled by an admin.').waitFor();
  await expect(panel.getByRole('button', { name: 'Send test event' }).isDisabled()).resolves.toBe(true);
  await panel.getByRole('button', { name: 'Re-enable' }).click();
  await panel.getByRole('alert').waitFor({ state: 'detached' });
  await panel.getByText('Enabled', { exact: true }).waitFor();
});
