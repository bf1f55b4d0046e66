// The REST API's documents, public: GET /v1/openapi.json (the OpenAPI 3.1 document) and GET /v1/reference, a
// readable reference page that Redoc renders in the browser from that document. Redoc's standalone bundle is served
// from the installed package (no CDN, so the page works offline), under a Content-Security-Policy that allows
// scripts from this origin only.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { gzipSync } from 'node:zlib';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { HttpRoute } from '../http-route.js';
import type { RateLimit } from '../rate-limiter.js';
import { openApiDocument } from './openapi-document.js';
import type { RestRoute } from './rest-route.js';

/** Resolved when first asked for: the built API image carries this one file of the package (scripts/build-dist.mjs). */
const redocBundle = () => createRequire(import.meta.url).resolve('redoc/bundles/redoc.standalone.js');

// Redoc styles itself with injected <style> elements (styled-components) and runs its search in a blob: worker.
const REFERENCE_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  'worker-src blob:',
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const REFERENCE_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>OTT Cloud API reference</title>
<link rel="icon" href="data:,">
</head>
<body>
<div id="reference"></div>
<script src="/v1/reference/redoc.standalone.js"></script>
<script src="/v1/reference/start.js"></script>
</body>
</html>
`;

const START_SCRIPT = `Redoc.init('/v1/openapi.json', { hideDownloadButton: false, expandResponses: '200,201', requiredPropsFirst: true }, document.getElementById('reference'));\n`;

interface StaticFile {
  type: string;
  plain: Buffer;
  gzip: Buffer;
  headers?: Record<string, string>;
}

function staticFile(type: string, body: string | Buffer, headers?: Record<string, string>): StaticFile {
  const plain = typeof body === 'string' ? Buffer.from(body) : body;
  return { type, plain, gzip: gzipSync(plain), headers };
}

export function restDocsRoute(routes: readonly RestRoute[], options: { apiUrl: string; rateLimit: RateLimit }): HttpRoute {
  const files = new Map<string, () => Promise<StaticFile>>();
  const once = (make: () => Promise<StaticFile>) => {
    let made: Promise<StaticFile> | undefined;
    return () => (made ??= make());
  };
  files.set(
    '/v1/openapi.json',
    once(async () => staticFile('application/json', JSON.stringify(openApiDocument(routes, options)), { 'Access-Control-Allow-Origin': '*' })),
  );
  files.set(
    '/v1/reference',
    once(async () => staticFile('text/html; charset=utf-8', REFERENCE_HTML, { 'Content-Security-Policy': REFERENCE_POLICY })),
  );
  files.set(
    '/v1/reference/redoc.standalone.js',
    once(async () => staticFile('text/javascript; charset=utf-8', await readFile(redocBundle()))),
  );
  files.set(
    '/v1/reference/start.js',
    once(async () => staticFile('text/javascript; charset=utf-8', START_SCRIPT)),
  );
  return {
    matches: (pathname) => files.has(pathname),
    async handle(request, response, pathname) {
      if (request.method !== 'GET' && request.method !== 'HEAD') return void response.writeHead(405, { Allow: 'GET, HEAD' }).end();
      sendFile(request, response, await files.get(pathname)!());
    },
  };
}

function sendFile(request: IncomingMessage, response: ServerResponse, file: StaticFile): void {
  const gzip = /\bgzip\b/.test(String(request.headers['accept-encoding'] ?? ''));
  const body = gzip ? file.gzip : file.plain;
  response.writeHead(200, {
    'Content-Type': file.type,
    'Cache-Control': 'public, max-age=300',
    Vary: 'Accept-Encoding',
    ...file.headers,
    ...(gzip ? { 'Content-Encoding': 'gzip' } : {}),
    'Content-Length': String(body.length),
  });
  response.end(request.method === 'HEAD' ? undefined : body);
}
