// Tenant logos: public (they appear on tenants' own sites), immutable (content-hashed names).
import { createReadStream } from 'node:fs';
import type { ObjectStore } from '../ports.js';
import type { HttpRoute } from './http-route.js';

const LOGO_PATH = /^\/(branding\/[0-9a-f-]{36}\/logo-[0-9a-f]{16}\.(?:png|jpg|webp))$/;
const LOGO_TYPES: Record<string, string> = { png: 'image/png', jpg: 'image/jpeg', webp: 'image/webp' };

export function logoRoute(store: ObjectStore): HttpRoute {
  return {
    matches: (pathname, request) => request.method === 'GET' && LOGO_PATH.test(pathname),
    async handle(_request, response, pathname) {
      const key = LOGO_PATH.exec(pathname)?.[1] ?? '';
      const file = await store.localFile(key).catch(() => undefined);
      if (!file) return void response.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not found');
      response.writeHead(200, {
        'Content-Type': LOGO_TYPES[key.split('.').pop() ?? ''] ?? 'application/octet-stream',
        'Cache-Control': 'public, max-age=31536000, immutable',
        'Access-Control-Allow-Origin': '*',
        'Cross-Origin-Resource-Policy': 'cross-origin',
      });
      createReadStream(file).pipe(response);
    },
  };
}
