// GET /sdk/<file>: the player SDK's script-tag bundle, so a tenant's embed snippet is one <script> from the
// API's origin. The name carries no version, so caches keep it briefly and revalidate by ETag; the gzip form
// is computed once per build.
import { stat, readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

/** Where `pnpm --filter @ott/player-sdk build` writes, relative to this file in the workspace. */
export const DEFAULT_SDK_DIR = fileURLToPath(new URL('../../../player-sdk/dist/', import.meta.url));

const FILES = new Set(['ott-player.js', 'ott-player.js.map']);
const cache = new Map<string, { etag: string; plain: Buffer; gzip: Buffer }>();

export async function serveSdkFile(sdkDir: string, name: string, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const notFound = (message: string) => void response.writeHead(404, { 'Content-Type': 'text/plain' }).end(message);
  if (!FILES.has(name)) return notFound('Not found');
  if (request.method !== 'GET' && request.method !== 'HEAD') return void response.writeHead(405, { Allow: 'GET, HEAD' }).end();
  const file = path.join(sdkDir, name);
  const info = await stat(file).catch(() => undefined);
  if (!info) return notFound('The player SDK is not built on this server: run `pnpm --filter @ott/player-sdk build`.');
  const etag = `"${info.size.toString(36)}-${Math.floor(info.mtimeMs).toString(36)}"`;
  let entry = cache.get(file);
  if (entry?.etag !== etag) {
    const plain = await readFile(file);
    entry = { etag, plain, gzip: gzipSync(plain, { level: 9 }) };
    cache.set(file, entry);
  }
  const headers: Record<string, string> = {
    'Content-Type': name.endsWith('.map') ? 'application/json' : 'text/javascript; charset=utf-8',
    'Cache-Control': 'public, max-age=300',
    ETag: etag,
    Vary: 'Accept-Encoding',
    'Access-Control-Allow-Origin': '*',
    'Cross-Origin-Resource-Policy': 'cross-origin',
  };
  if (request.headers['if-none-match'] === etag) return void response.writeHead(304, headers).end();
  const gzip = /\bgzip\b/.test(String(request.headers['accept-encoding'] ?? ''));
  const body = gzip ? entry.gzip : entry.plain;
  response.writeHead(200, { ...headers, ...(gzip ? { 'Content-Encoding': 'gzip' } : {}), 'Content-Length': String(body.length) });
  response.end(request.method === 'HEAD' ? undefined : body);
}
