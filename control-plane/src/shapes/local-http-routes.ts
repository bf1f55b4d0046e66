// The local shape's stand-ins for AWS endpoints, served by the API: multipart part uploads (what S3 presigned URLs
// reach) and each viewer pool's JWKS (what Cognito publishes).
import type { HttpRoute } from '../api/http-route.js';
import type { FsObjectStore } from '../adapters/local/fs-object-store.js';
import { handlePartUpload } from '../adapters/local/fs-part-upload-route.js';
import type { LocalIdentityProvider } from '../adapters/local/local-identity-provider.js';
import type { Clock } from '../ports.js';

const JWKS_PATH = /^\/pools\/([A-Za-z0-9_-]{1,64})\/\.well-known\/jwks\.json$/;

export function localHttpRoutes(store: FsObjectStore, identity: LocalIdentityProvider, clock: Clock): HttpRoute[] {
  return [
    { matches: (pathname) => pathname === '/store/parts', handle: (request, response) => handlePartUpload(store, request, response, clock.now()) },
    {
      matches: (pathname) => JWKS_PATH.test(pathname),
      async handle(_request, response, pathname) {
        const keys = await identity.jwks(JWKS_PATH.exec(pathname)?.[1] ?? '');
        response.writeHead(keys ? 200 : 404, { 'Content-Type': 'application/json', 'Cache-Control': 'public, max-age=300', 'Access-Control-Allow-Origin': '*' });
        response.end(JSON.stringify(keys ?? { message: 'Unknown pool' }));
      },
    },
  ];
}
