// GET /<anything else>: the tenant portal (tenant-portal/dist), a single-page app. Built files are served as
// they are; any other path that is not an API route gets index.html so that the portal's own addresses
// (/videos/<id>, /branding, …) can be reloaded and bookmarked.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where `pnpm --filter @ott/tenant-portal build` writes, relative to this file in the workspace. */
export const DEFAULT_PORTAL_DIR = fileURLToPath(new URL('../../../tenant-portal/dist/', import.meta.url));

/** API and asset routes: a miss under them is a 404, never the portal's page. */
const NOT_PORTAL = /^\/(?:trpc|store|pools|branding|sdk|qoe|healthz)(?:\/|$)/;
const BRANDING_PAGE = '/branding';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

/** `contentSecurityPolicy` goes with the page itself (portal-content-policy.ts). */
export async function servePortal(portalDir: string, pathname: string, request: IncomingMessage, response: ServerResponse, contentSecurityPolicy: string): Promise<void> {
  const notFound = (message = 'Not found') => void response.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end(message);
  if (request.method !== 'GET' && request.method !== 'HEAD') return notFound();
  if (NOT_PORTAL.test(pathname) && pathname !== BRANDING_PAGE) return notFound();
  let relative: string;
  try {
    relative = path.normalize(decodeURIComponent(pathname)).replace(/^([/\\])+/, '');
  } catch {
    return notFound();
  }
  const root = path.resolve(portalDir);
  const candidate = path.resolve(root, relative);
  const inside = candidate.startsWith(root + path.sep);
  const file = inside && (await stat(candidate).catch(() => undefined))?.isFile() ? candidate : undefined;
  // A missing hashed asset is a stale page asking for an old build: a 404, not the page itself.
  if (!file && (relative.startsWith('assets/') || path.extname(relative) !== '')) return notFound();
  const served = file ?? path.join(root, 'index.html');
  const info = await stat(served).catch(() => undefined);
  if (!info) return notFound('The tenant portal is not built on this server: run `pnpm --filter @ott/tenant-portal build`.');
  const html = served.endsWith('.html');
  response.writeHead(200, {
    'Content-Type': TYPES[path.extname(served)] ?? 'application/octet-stream',
    'Content-Length': String(info.size),
    // Hashed file names never change; the page itself is checked every time so a new build shows at once.
    'Cache-Control': relative.startsWith('assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
    'X-Content-Type-Options': 'nosniff',
    ...(html ? { 'X-Frame-Options': 'DENY', 'Content-Security-Policy': contentSecurityPolicy, 'Referrer-Policy': 'same-origin' } : {}),
  });
  if (request.method === 'HEAD') return void response.end();
  createReadStream(served).pipe(response);
}
