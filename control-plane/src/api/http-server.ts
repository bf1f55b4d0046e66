// The control plane's HTTP server: tRPC under /trpc, the player SDK under /sdk and its QoE beacons at /qoe,
// Stripe's webhooks at /webhooks/stripe, the tenant portal at / (any other path), plus the local shape's stand-ins
// for AWS endpoints (multipart part uploads like S3 presigned URLs, JWKS per viewer pool like Cognito). Each route
// that takes a body reads it with read-body.ts, within a limit sized for its job; the others never read one.
import { createReadStream } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { sql } from 'kysely';
import type { Cidr } from '@ott/signing';
import type { FsObjectStore } from '../adapters/local/fs-object-store.js';
import { handlePartUpload } from '../adapters/local/fs-part-upload-route.js';
import type { LocalIdentityProvider } from '../adapters/local/local-identity-provider.js';
import type { DomainDeps } from '../domain/deps.js';
import type { PlaybackRowSource } from '../domain/playback/playback-rows.js';
import { createHttpContext, type HttpContextOptions } from './context.js';
import { handleQoeBeacon } from './qoe-beacon-route.js';
import { RateLimiter } from './rate-limiter.js';
import { portalContentSecurityPolicy } from './portal-content-policy.js';
import { ClientGoneError, closeUnreadBodies } from './read-body.js';
import { SharedRateLimiter } from './shared-rate-limiter.js';
import { DEFAULT_PORTAL_DIR, servePortal } from './portal-route.js';
import { DEFAULT_SDK_DIR, serveSdkFile } from './sdk-route.js';
import { handleStripeWebhook } from './stripe-webhook-route.js';
import { createTrpcRoute } from './trpc-route.js';

export interface ApiServerOptions {
  deps: DomainDeps;
  /** Present in the local shape only. */
  localStore?: FsObjectStore;
  localIdentity?: LocalIdentityProvider;
  /** The player SDK's build output, served under /sdk/; defaults to the workspace's player-sdk/dist. */
  sdkDir?: string;
  /** The tenant portal's build output, served at / with a fallback to its index.html; defaults to tenant-portal/dist. */
  portalDir?: string;
  /** Playback rows in memory (Composition.playbackRows); playback.authorize reads the database without it. */
  playbackRows?: PlaybackRowSource;
  /** Proxies whose X-Forwarded-For names the client (OTT_TRUSTED_PROXIES): the load balancer. None by default. */
  trustedProxies?: readonly Cidr[];
  /** Where the portal's pages fetch from besides the API and the edge (Composition.portalOrigins). */
  portalOrigins?: readonly string[];
}

const JWKS_PATH = /^\/pools\/([A-Za-z0-9_-]{1,64})\/\.well-known\/jwks\.json$/;
/** Tenant logos: public (they appear on tenants' own sites), immutable (content-hashed names). */
const LOGO_PATH = /^\/(branding\/[0-9a-f-]{36}\/logo-[0-9a-f]{16}\.(?:png|jpg|webp))$/;
const LOGO_TYPES: Record<string, string> = { png: 'image/png', jpg: 'image/jpeg', webp: 'image/webp' };

export function createApiServer(options: ApiServerOptions): Server {
  const context: HttpContextOptions = {
    rateLimiter: new RateLimiter(),
    sharedRateLimiter: new SharedRateLimiter(options.deps.db, options.deps.clock),
    trustedProxies: options.trustedProxies ?? [],
    playbackRows: options.playbackRows,
  };
  const trpc = createTrpcRoute((request, response) => createHttpContext(options.deps, request, context, response));
  const portalPolicy = portalContentSecurityPolicy([new URL(options.deps.urls.edge).origin, ...(options.portalOrigins ?? [])]);
  return createServer((request, response) => {
    // Every answer, whatever route gives it: browsers take each as the type it declares and never guess another.
    response.setHeader('X-Content-Type-Options', 'nosniff');
    closeUnreadBodies(request, response);
    route(options, { trpc, context, portalPolicy }, request, response).catch((error: unknown) => {
      if (error instanceof ClientGoneError) return;
      console.error('api route failed:', error);
      if (!response.headersSent) response.writeHead(500, { 'Content-Type': 'text/plain' });
      response.end('Something went wrong on our side.');
    });
  });
}

interface Handlers {
  trpc: ReturnType<typeof createTrpcRoute>;
  context: HttpContextOptions;
  portalPolicy: string;
}

async function route(options: ApiServerOptions, { trpc, context, portalPolicy }: Handlers, request: IncomingMessage, response: ServerResponse): Promise<void> {
  // Checked before parsing the URL: playback.authorize alone is most of the API's traffic.
  if (request.url?.startsWith('/trpc/')) return trpc(request, response);
  const pathname = new URL(request.url ?? '/', 'http://api').pathname;
  if (pathname === '/qoe') return handleQoeBeacon(options.deps, context, request, response);
  if (pathname === '/webhooks/stripe') return handleStripeWebhook(options.deps, request, response);
  if (pathname.startsWith('/sdk/')) return serveSdkFile(options.sdkDir ?? DEFAULT_SDK_DIR, pathname.slice('/sdk/'.length), request, response);
  if (pathname === '/store/parts' && options.localStore) return handlePartUpload(options.localStore, request, response, options.deps.clock.now());
  const jwks = JWKS_PATH.exec(pathname);
  if (jwks?.[1] && options.localIdentity) {
    const keys = await options.localIdentity.jwks(jwks[1]);
    response.writeHead(keys ? 200 : 404, { 'Content-Type': 'application/json', 'Cache-Control': 'public, max-age=300', 'Access-Control-Allow-Origin': '*' });
    response.end(JSON.stringify(keys ?? { message: 'Unknown pool' }));
    return;
  }
  const logo = LOGO_PATH.exec(pathname);
  if (logo?.[1] && request.method === 'GET') {
    const file = await options.deps.store.localFile(logo[1]).catch(() => undefined);
    if (!file) return void response.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not found');
    response.writeHead(200, {
      'Content-Type': LOGO_TYPES[logo[1].split('.').pop() ?? ''] ?? 'application/octet-stream',
      'Cache-Control': 'public, max-age=31536000, immutable',
      'Access-Control-Allow-Origin': '*',
      'Cross-Origin-Resource-Policy': 'cross-origin',
    });
    createReadStream(file).pipe(response);
    return;
  }
  if (pathname === '/healthz') {
    const healthy = await sql`select 1`.execute(options.deps.db).then(
      () => true,
      () => false,
    );
    response.writeHead(healthy ? 200 : 503, { 'Content-Type': 'application/json' }).end(JSON.stringify({ ok: healthy }));
    return;
  }
  return servePortal(options.portalDir ?? DEFAULT_PORTAL_DIR, pathname, request, response, portalPolicy);
}
