// The portal's static route: built files as they are, the SPA's index.html for its own paths, and never
// the page (or a file outside dist/) for API paths, missing assets or path tricks.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { portalContentSecurityPolicy } from '../../src/api/portal-content-policy.js';
import { servePortal } from '../../src/api/portal-route.js';

let scratch: string;
let server: Server;
let base: string;
let portalDir: string;
const policy = portalContentSecurityPolicy(['http://edge.example:8787']);

beforeAll(async () => {
  scratch = await mkdtemp(path.join(tmpdir(), 'ott-portal-route-'));
  portalDir = path.join(scratch, 'dist');
  await mkdir(path.join(portalDir, 'assets'), { recursive: true });
  await writeFile(path.join(portalDir, 'index.html'), '<!doctype html><title>portal</title>');
  await writeFile(path.join(portalDir, 'assets', 'index-abc123.js'), 'console.log("portal")');
  await writeFile(path.join(scratch, 'secret.txt'), 'not for the web');
  server = createServer((request, response) => {
    const pathname = new URL(request.url ?? '/', 'http://portal').pathname;
    const dir = request.headers['x-portal-dir'] === 'missing' ? path.join(scratch, 'nothing') : portalDir;
    void servePortal(dir, pathname, request, response, policy);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await rm(scratch, { recursive: true, force: true });
});

describe('servePortal', () => {
  it('answers the portal’s own paths with index.html, revalidated every time, under its content policy and not frameable', async () => {
    for (const route of ['/', '/videos/0b0e7f5e-4a43-4d3a-9d55-6c1d3a3f1a11', '/branding', '/login']) {
      const response = await fetch(`${base}${route}`);
      expect(response.status, route).toBe(200);
      expect(await response.text()).toContain('<title>portal</title>');
      expect(response.headers.get('cache-control')).toBe('no-cache');
      expect(response.headers.get('content-security-policy')).toBe(policy);
      expect(response.headers.get('x-frame-options')).toBe('DENY');
    }
  });

  it('serves hashed assets with their type, cached for good', async () => {
    const response = await fetch(`${base}/assets/index-abc123.js`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(await response.text()).toBe('console.log("portal")');
  });

  it('answers 404, not the page, for missing assets and API paths', async () => {
    for (const route of ['/assets/index-old.js', '/favicon.ico', '/trpc/videos.list', '/sdk/other.js', '/branding/logo.png', '/healthz/x', '/pools/p1']) {
      const response = await fetch(`${base}${route}`);
      expect(response.status, route).toBe(404);
      expect(await response.text()).not.toContain('portal</title>');
    }
  });

  it('never serves a file outside the build folder', async () => {
    for (const route of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/%2e%2e/%2e%2e/secret.txt', '/..%2fsecret.txt']) {
      const response = await fetch(`${base}${route}`);
      expect(await response.text(), route).not.toContain('not for the web');
    }
  });

  it('refuses writes, and says how to build when the portal is missing', async () => {
    expect((await fetch(`${base}/`, { method: 'POST' })).status).toBe(404);
    const missing = await fetch(`${base}/`, { headers: { 'x-portal-dir': 'missing' } });
    expect(missing.status).toBe(404);
    expect(await missing.text()).toMatch(/pnpm --filter @ott\/tenant-portal build/);
  });
});
