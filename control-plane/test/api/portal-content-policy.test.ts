// The API's answers over real HTTP: every one says nosniff, and the portal's page carries a Content-Security-Policy
// that lets scripts come only from the API itself and data go only to the API and the delivery origins. That the
// built portal works under it, and an injected script does not run, is shown in Chromium (test/browser/portal.test.ts).
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { awsPortalOrigins } from '../../src/adapters/aws/aws-portal-origins.js';
import { createApiServer } from '../../src/api/http-server.js';
import { listen } from '../../src/bin/process-lifecycle.js';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.js';
import { testLogger } from '../support/test-logger.js';

let platform: TestPlatform;
let portalDir: string;
let server: Server;
let api: string;

beforeAll(async () => {
  platform = await startTestPlatform();
  portalDir = await mkdtemp(path.join(tmpdir(), 'ott-portal-policy-'));
  await writeFile(path.join(portalDir, 'index.html'), '<!doctype html><title>portal</title>');
  server = createApiServer({ deps: platform.app.deps, log: testLogger, routes: platform.app.routes, portalDir });
  api = `http://127.0.0.1:${await listen(server, 0, '127.0.0.1')}`;
});
afterAll(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
  await platform?.close();
  await rm(portalDir, { recursive: true, force: true });
});

/** The policy's directives by name. */
function directives(policy: string | null): Record<string, string> {
  return Object.fromEntries(
    (policy ?? '')
      .split(';')
      .map((directive) => directive.trim().split(/\s+/))
      .map(([name = '', ...sources]) => [name, sources.join(' ')]),
  );
}

describe('API answers', () => {
  it('say nosniff on every route, errors and refusals included', async () => {
    const json = { 'content-type': 'application/json' };
    const requests: [string, RequestInit?][] = [
      ['/trpc/billing.plans'],
      ['/trpc/videos.list'],
      ['/trpc/auth.login', { method: 'OPTIONS' }],
      ['/trpc/auth.refresh', { method: 'POST', body: '{' }],
      ['/trpc/playback.authorize', { method: 'POST', headers: json, body: JSON.stringify({ videoId: '00000000-0000-0000-0000-000000000000' }) }],
      [`/trpc/${Array(11).fill('billing.plans').join(',')}?batch=1`],
      ['/healthz'],
      ['/sdk/ott-player.js'],
      ['/sdk/no-such-file.js'],
      ['/pools/no-such-pool/.well-known/jwks.json'],
      ['/branding/00000000-0000-0000-0000-000000000000/logo-0000000000000000.png'],
      ['/webhooks/stripe', { method: 'POST', body: '{}' }],
      ['/qoe'],
      ['/qoe', { method: 'POST', body: '{}' }],
      ['/qoe', { method: 'POST', body: 'x'.repeat(10_000) }],
      ['/store/parts', { method: 'PUT', body: 'x' }],
      ['/'],
      ['/login'],
      ['/assets/missing.js'],
    ];
    for (const [route, init] of requests) {
      const response = await fetch(`${api}${route}`, init);
      await response.arrayBuffer();
      expect(response.headers.get('x-content-type-options'), `${init?.method ?? 'GET'} ${route} (${response.status})`).toBe('nosniff');
    }
  });

  it('give the portal page a policy: scripts from the API alone, data to the API and the edge, no framing, no base or form tricks', async () => {
    const response = await fetch(`${api}/videos/some-id`);
    expect(response.status).toBe(200);
    const policy = directives(response.headers.get('content-security-policy'));
    const edge = new URL(platform.edgeUrl).origin;
    expect(policy).toEqual({
      'default-src': "'none'",
      'script-src': "'self'",
      'worker-src': "'self' blob:",
      'connect-src': `'self' ${edge}`,
      'media-src': `'self' ${edge} blob:`,
      'img-src': `'self' ${edge} data:`,
      'style-src': "'self' 'unsafe-inline'",
      'style-src-attr': "'none'",
      'font-src': "'self'",
      'object-src': "'none'",
      'base-uri': "'none'",
      'form-action': "'self'",
      'frame-ancestors': "'none'",
    });
  });

  it('let the portal of the aws shape reach CloudFront and the cells’ S3 buckets, and nothing broader', () => {
    const cells = [{ region: 'eu-west-1' }, { region: 'us-east-1' }, { region: 'eu-west-1' }];
    expect(awsPortalOrigins({ infra: { cells } })).toEqual(['https://*.cloudfront.net', 'https://*.s3.eu-west-1.amazonaws.com', 'https://*.s3.us-east-1.amazonaws.com']);
    expect(awsPortalOrigins({ infra: { cells: [] }, endpoints: { s3: 'http://127.0.0.1:4569/' } })).toEqual(['https://*.cloudfront.net', 'http://127.0.0.1:4569']);
  });
});
