// The control plane's HTTP server: tRPC under /trpc, the REST API under /v1 (rest/rest-router.ts; its OpenAPI
// document and reference page: rest/rest-docs-route.ts), the player SDK under /sdk and its QoE beacons at /qoe,
// Stripe's webhooks at /webhooks/stripe (billing) and /webhooks/stripe-connect (tenants' sales), the routes the shape adds (Composition.routes: the local shape's stand-ins
// for AWS endpoints), tenant logos, the sharing pages (/watch, /embed, /oembed), /healthz, and the tenant portal at /
// (any other path). Each route that takes a
// body reads it with read-body.ts, within a limit sized for its job; the others never read one.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Cidr } from '@ott/signing';
import type { DomainDeps } from '../domain/deps.js';
import type { PlaybackRowSource } from '../domain/playback/playback-rows.js';
import type { Logger } from '../ports.js';
import { createHttpContext, type HttpContextOptions } from './context.js';
import { healthRoute } from './health-route.js';
import type { HttpRoute } from './http-route.js';
import { embedPageRoute } from './embed-page-route.js';
import { logoRoute } from './logo-route.js';
import { oembedRoute } from './oembed-route.js';
import { handleQoeBeacon } from './qoe-beacon-route.js';
import { RateLimiter } from './rate-limiter.js';
import { portalContentSecurityPolicy } from './portal-content-policy.js';
import { ClientGoneError, closeUnreadBodies } from './read-body.js';
import { SharedRateLimiter } from './shared-rate-limiter.js';
import { DEFAULT_PORTAL_DIR, servePortal } from './portal-route.js';
import { DEFAULT_SDK_DIR, serveSdkFile } from './sdk-route.js';
import { handleStripeWebhook } from './stripe-webhook-route.js';
import { handleStoreWebhook } from './store-webhook-route.js';
import { createTrpcRoute } from './trpc-route.js';
import { storefrontRoute } from './storefront/storefront-route.js';
import { watchPageRoute } from './watch-page-route.js';
import type { ViewerCountrySource } from './viewer-country.js';
import type { RateLimit } from './rate-limiter.js';
import { restDocsRoute } from './rest/rest-docs-route.js';
import type { RestRoute } from './rest/rest-route.js';
import { createRestRouter, DEFAULT_REST_RATE_LIMIT } from './rest/rest-router.js';
import { restRoutes } from './rest/rest-routes.js';

export interface ApiServerOptions {
  deps: DomainDeps;
  /** Where failures no caller is told about in detail go: unexpected errors of routes and procedures. */
  log: Logger;
  /** The routes the shape adds (Composition.routes); none by default. */
  routes?: readonly HttpRoute[];
  /** The player SDK's build output, served under /sdk/; defaults to the workspace's player-sdk/dist. */
  sdkDir?: string;
  /** The tenant portal's build output, served at / with a fallback to its index.html; defaults to tenant-portal/dist. */
  portalDir?: string;
  /** Playback rows in memory (Composition.playbackRows); playback.authorize reads the database without it. */
  playbackRows?: PlaybackRowSource;
  /** Proxies whose X-Forwarded-For names the client (OTT_TRUSTED_PROXIES): the load balancer. None by default. */
  trustedProxies?: readonly Cidr[];
  /** Where a viewer's country comes from (viewer-country.ts): a header trusted only from `trustedProxies`, a fixed country; unknown by default. */
  viewerCountry?: ViewerCountrySource;
  /** The header in which `trustedProxies` name the client's address (OTT_CLIENT_ADDRESS_HEADER); none: X-Forwarded-For. */
  clientAddressHeader?: string;
  /** The header in which `trustedProxies` name the requested host (OTT_FORWARDED_HOST_HEADER); none: Host. */
  forwardedHostHeader?: string;
  /** Where the portal's pages fetch from besides the API and the edge (Composition.portalOrigins). */
  portalOrigins?: readonly string[];
  /** The REST API's routes (/v1); every route of rest-routes.ts by default. */
  restRoutes?: readonly RestRoute[];
  /** Requests per API key (counted across processes); 600 a minute by default. */
  restRateLimit?: RateLimit;
}

export function createApiServer(options: ApiServerOptions): Server {
  const context: HttpContextOptions = {
    rateLimiter: new RateLimiter(),
    sharedRateLimiter: new SharedRateLimiter(options.deps.db, options.deps.clock),
    trustedProxies: options.trustedProxies ?? [],
    playbackRows: options.playbackRows,
    ...(options.viewerCountry ? { viewerCountry: options.viewerCountry } : {}),
    ...(options.clientAddressHeader ? { clientAddressHeader: options.clientAddressHeader } : {}),
  };
  const trpc = createTrpcRoute((request, response) => createHttpContext(options.deps, request, context, response), options.log);
  const delivery = [new URL(options.deps.urls.edge).origin, ...(options.portalOrigins ?? [])];
  const portalPolicy = portalContentSecurityPolicy(delivery);
  const sdkDir = options.sdkDir ?? DEFAULT_SDK_DIR;
  const rest = { routes: options.restRoutes ?? restRoutes, rateLimit: options.restRateLimit ?? DEFAULT_REST_RATE_LIMIT };
  const table: RouteTable = {
    trpc,
    portalDir: options.portalDir ?? DEFAULT_PORTAL_DIR,
    portalPolicy,
    routes: [
      { matches: (pathname) => pathname === '/qoe', handle: (request, response) => handleQoeBeacon(options.deps, context, request, response) },
      { matches: (pathname) => pathname === '/webhooks/stripe', handle: (request, response) => handleStripeWebhook(options.deps, request, response) },
      { matches: (pathname) => pathname === '/webhooks/stripe-connect', handle: (request, response) => handleStoreWebhook(options.deps, request, response) },
      { matches: (pathname) => pathname.startsWith('/sdk/'), handle: (request, response, pathname) => serveSdkFile(sdkDir, pathname.slice('/sdk/'.length), request, response) },
      restDocsRoute(rest.routes, { apiUrl: options.deps.urls.api, rateLimit: rest.rateLimit }),
      createRestRouter({
        deps: options.deps,
        log: options.log,
        routes: rest.routes,
        sharedRateLimiter: context.sharedRateLimiter,
        rateLimit: rest.rateLimit,
        trustedProxies: context.trustedProxies,
        clientAddressHeader: context.clientAddressHeader,
      }),
      ...(options.routes ?? []),
      logoRoute(options.deps.store),
      // Sharing: the public watch page, the iframe embed and oEmbed.
      watchPageRoute(options.deps, portalPolicy),
      embedPageRoute(options.deps, (frameAncestors) => portalContentSecurityPolicy(delivery, frameAncestors)),
      oembedRoute(options.deps),
      // The storefront: on a tenant's custom domain its player and scripts still talk to the API's origin.
      storefrontRoute(options.deps, portalContentSecurityPolicy([...delivery, new URL(options.deps.urls.api).origin]), {
        trustedProxies: context.trustedProxies,
        header: options.forwardedHostHeader,
      }),
      healthRoute(options.deps.db),
    ],
  };
  return createServer((request, response) => {
    // Every answer, whatever route gives it: browsers take each as the type it declares and never guess another.
    response.setHeader('X-Content-Type-Options', 'nosniff');
    closeUnreadBodies(request, response);
    route(table, request, response).catch((error: unknown) => {
      if (error instanceof ClientGoneError) return;
      options.log.error({ err: error, method: request.method, path: request.url?.split('?')[0] }, 'api route failed');
      if (!response.headersSent) response.writeHead(500, { 'Content-Type': 'text/plain' });
      response.end('Something went wrong on our side.');
    });
  });
}

interface RouteTable {
  trpc: ReturnType<typeof createTrpcRoute>;
  routes: readonly HttpRoute[];
  portalDir: string;
  portalPolicy: string;
}

async function route({ trpc, routes, portalDir, portalPolicy }: RouteTable, request: IncomingMessage, response: ServerResponse): Promise<void> {
  // Checked before parsing the URL: playback.authorize alone is most of the API's traffic.
  if (request.url?.startsWith('/trpc/')) return trpc(request, response);
  const pathname = new URL(request.url ?? '/', 'http://api').pathname;
  const answering = routes.find((candidate) => candidate.matches(pathname, request));
  if (answering) return answering.handle(request, response, pathname);
  return servePortal(portalDir, pathname, request, response, portalPolicy);
}
