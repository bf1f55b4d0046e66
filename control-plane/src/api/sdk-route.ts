// GET /sdk/<file>: the player SDK's script-tag bundle, so a tenant's embed snippet is one <script> from the
// API's origin, and the direct-upload client's (ott-upload.js, packages/upload-client). The name carries no version, so caches keep it briefly and revalidate by ETag; the gzip form
// is computed once per build.
import { stat, readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

/** Where `pnpm --filter @ott/player-sdk build` writes, relative to this file in the workspace. */
export const DEFAULT_SDK_DIR = fileURLToPath(new URL('../../../player-sdk/dist/', import.meta.url));

/** Where `pnpm --filter @ott/upload-client build` writes the direct-upload bundle. */
export const DEFAULT_UPLOAD_SDK_DIR = fileURLToPath(new URL('../../../packages/upload-client/dist/', import.meta.url));

const PLAYER_FILES = new Set(['ott-player.js', 'ott-player.js.map']);
const UPLOAD_FILES = new Set(['ott-upload.js', 'ott-upload.js.map']);
const cache = new Map<string, { etag: string; plain: Buffer; gzip: Buffer }>();

export async function serveSdkFile(sdkDir: string, name: string, request: IncomingMessage, response: ServerResponse, uploadSdkDir = DEFAULT_UPLOAD_SDK_DIR): Promise<void> {
  const notFound = (message: string) => void response.writeHead(404, { 'Content-Type': 'text/plain' }).end(message);
  const bundle = PLAYER_FILES.has(name) ? { dir: sdkDir, package: '@ott/player-sdk' } : UPLOAD_FILES.has(name) ? { dir: uploadSdkDir, package: '@ott/upload-client' } : undefined;
  if (!bundle) return notFound('Not found');
  if (request.method !== 'GET' && request.method !== 'HEAD') return void response.writeHead(405, { Allow: 'GET, HEAD' }).end();
  const file = path.join(bundle.dir, name);
  const info = await stat(file).catch(() => undefined);
  if (!info) return notFound(`This script is not built on this server: run \`pnpm --filter ${bundle.package} build\`.`);
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
