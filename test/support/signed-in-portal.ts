// One test file's platform (real processes on a scratch database and folder), Chromium, and a tenant admin signed in to
// the portal: set up before the file's tests, torn down after them.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createTestDatabase, type TestDatabase } from '@ott/control-plane/test-support/test-database';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { ensurePortalBuilt } from '../browser/portal-build.js';
import { signInToPortal, signUpActiveTenant, type BrowserTenant } from './browser-tenant.js';
import { launchChromium } from './chromium.js';
import { startPlatformProcesses, type PlatformProcesses } from './platform-processes.js';

export interface SignedInPortal {
  tenant: BrowserTenant;
  page: Page;
  browser: BrowserContext;
  platform: PlatformProcesses;
  database: TestDatabase;
}

export function signedInPortal(tenantSlug: string): SignedInPortal {
  const portal = {} as SignedInPortal;
  let dataDir: string | undefined;
  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), `ott-${tenantSlug}-`));
    [portal.database] = await Promise.all([createTestDatabase(), ensurePortalBuilt()]);
    portal.platform = await startPlatformProcesses({ databaseUrl: portal.database.url, dataDir });
    [portal.browser, portal.tenant] = await Promise.all([launchChromium(), signUpActiveTenant(portal.platform.apiUrl, tenantSlug)]);
    portal.page = await portal.browser.newPage();
    await signInToPortal(portal.page, portal.platform.apiUrl, portal.tenant);
  }, 180_000);
  afterAll(async () => {
    await portal.browser?.close();
    await portal.platform?.stop();
    // The database and the folder are independent once the processes have stopped.
    await Promise.all([portal.database?.drop(), dataDir ? rm(dataDir, { recursive: true, force: true }) : undefined]);
  });
  return portal;
}
