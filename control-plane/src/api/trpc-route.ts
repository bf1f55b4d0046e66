// /trpc/*: the tRPC API over HTTP. Bodies are read here, within their limit (read-body.ts), and handed to tRPC's
// adapter as `req.body`, so that the adapter never reads a request stream itself: it holds whatever arrives (one
// 200 MiB POST took the process from 297 MB to 1.04 GB, for good). playback.authorize, most of the traffic, takes
// a direct route around the adapter (playback-authorize-route.ts).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { TRPCError } from '@trpc/server';
import { createHTTPHandler, type CreateHTTPHandlerOptions } from '@trpc/server/adapters/standalone';
import { appRouter, type AppRouter } from './app-router.js';
import type { ApiContext } from './context.js';
import { AUTHORIZE_MAX_BODY_BYTES, PLAYBACK_AUTHORIZE_PATH, handlePlaybackAuthorize, isPlainAuthorizeCall } from './playback-authorize-route.js';
import { BodyTooLarge, readBody } from './read-body.js';
import { retryAfterHeader } from './trpc.js';

/** The largest input is a logo: 512 KB of image is 683 KiB of base64 JSON, and a batch holding it and a few small calls still fits. */
export const TRPC_MAX_BODY_BYTES = 1024 * 1024;

export function createTrpcRoute(createContext: (request: IncomingMessage, response: ServerResponse) => ApiContext): (request: IncomingMessage, response: ServerResponse) => Promise<void> {
  const adapterOptions = {
    router: appRouter,
    basePath: '/trpc/',
    createContext: ({ req, res }) => createContext(req, res),
    responseMeta: ({ errors }) => retryAfterHeader(errors),
    onError: ({ error }) => {
      if (error.code === 'INTERNAL_SERVER_ERROR') console.error('api error:', error.cause ?? error);
    },
  } satisfies CreateHTTPHandlerOptions<AppRouter>;
  const adapter = createHTTPHandler(adapterOptions);
  // A body over its limit is answered by the adapter as well, failing every call before any procedure runs: the 413
  // has tRPC's own error shape (one error per call of a batch) and goes through the router's error formatter.
  const refuse = createHTTPHandler({
    ...adapterOptions,
    middleware: (request, _response, next) => next(new TRPCError({ code: 'PAYLOAD_TOO_LARGE', message: new BodyTooLarge(bodyLimit(request)).message })),
  });

  return async (request, response) => {
    // Bearer tokens, never cookies: any origin may call the API (the portal, tenants' sites running the player).
    response.setHeader('Access-Control-Allow-Origin', '*');
    if (request.method === 'OPTIONS') {
      response.writeHead(204, { 'Access-Control-Allow-Methods': 'GET, POST', 'Access-Control-Allow-Headers': 'Authorization, Content-Type, trpc-accept', 'Access-Control-Max-Age': '600' }).end();
      return;
    }
    // Queries carry their input in the URL, whose size Node's header limit bounds.
    if (request.method === 'GET' || request.method === 'HEAD') return adapter(request, response);
    const body = await readBody(request, bodyLimit(request));
    const bodied = request as IncomingMessage & { body?: string };
    if (body instanceof BodyTooLarge) {
      bodied.body = '';
      return refuse(request, response);
    }
    bodied.body = body.toString();
    if (isPlainAuthorizeCall(request)) return handlePlaybackAuthorize(request, response, createContext(request, response), bodied.body, adapter);
    return adapter(request, response);
  };
}

function bodyLimit(request: IncomingMessage): number {
  return request.url === PLAYBACK_AUTHORIZE_PATH ? AUTHORIZE_MAX_BODY_BYTES : TRPC_MAX_BODY_BYTES;
}
