// /trpc/*: the tRPC API over HTTP. Bodies are read here, within their limit (read-body.ts), and handed to tRPC's
// adapter as `req.body`, so that the adapter never reads a request stream itself: it holds whatever arrives (one
// 200 MiB POST took the process from 297 MB to 1.04 GB, for good). playback.authorize, most of the traffic, takes
// a direct route around the adapter (playback-authorize-route.ts).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { TRPC_MAX_BATCH_CALLS } from '@ott/contracts';
import { TRPCError } from '@trpc/server';
import { createHTTPHandler, type CreateHTTPHandlerOptions } from '@trpc/server/adapters/standalone';
import type { Logger } from '../ports.js';
import { appRouter, type AppRouter } from './app-router.js';
import type { ApiContext } from './context.js';
import { CAPTIONS_MAX_BODY_BYTES, CAPTION_WRITE_PROCEDURES } from './routers/captions.js';
import { AUTHORIZE_MAX_BODY_BYTES, PLAYBACK_AUTHORIZE_PATH, handlePlaybackAuthorize, isPlainAuthorizeCall } from './playback-authorize-route.js';
import { BodyTooLarge, readBody } from './read-body.js';
import { retryAfterHeader } from './trpc.js';

/** The largest input is a logo: 512 KB of image is 683 KiB of base64 JSON, and a batch holding it and a few small calls still fits. */
export const TRPC_MAX_BODY_BYTES = 1024 * 1024;

export function createTrpcRoute(createContext: (request: IncomingMessage, response: ServerResponse) => ApiContext, log: Logger): (request: IncomingMessage, response: ServerResponse) => Promise<void> {
  const adapterOptions = {
    router: appRouter,
    basePath: '/trpc/',
    createContext: ({ req, res }) => createContext(req, res),
    responseMeta: ({ errors }) => retryAfterHeader(errors),
    onError: ({ error, path }) => {
      if (error.code === 'INTERNAL_SERVER_ERROR') log.error({ err: error.cause ?? error, procedure: path }, 'api procedure failed');
    },
  } satisfies CreateHTTPHandlerOptions<AppRouter>;
  const adapter = createHTTPHandler(adapterOptions);
  // Refusals are answered by the adapter as well, failing every call before any procedure runs: the 400 or 413 has
  // tRPC's own error shape (one error per call of a batch) and goes through the router's error formatter.
  const refusals = new WeakMap<IncomingMessage, TRPCError>();
  const refuseHandler = createHTTPHandler({ ...adapterOptions, middleware: (request, _response, next) => next(refusals.get(request)) });
  const refuse = (request: IncomingMessage, response: ServerResponse, error: TRPCError) => {
    refusals.set(request, error);
    // An empty body stands for the one left unread, so the adapter never reads the request stream.
    if (request.method !== 'GET' && request.method !== 'HEAD') (request as IncomingMessage & { body?: string }).body = '';
    return refuseHandler(request, response);
  };

  return async (request, response) => {
    // Bearer tokens, never cookies: any origin may call the API (the portal, tenants' sites running the player).
    response.setHeader('Access-Control-Allow-Origin', '*');
    if (request.method === 'OPTIONS') {
      response.writeHead(204, { 'Access-Control-Allow-Methods': 'GET, POST', 'Access-Control-Allow-Headers': 'Authorization, Content-Type, trpc-accept', 'Access-Control-Max-Age': '600' }).end();
      return;
    }
    // Counted from the URL, before any body is read: queries are batched as well as mutations.
    if (batchCalls(request) > TRPC_MAX_BATCH_CALLS) {
      return refuse(request, response, new TRPCError({ code: 'BAD_REQUEST', message: `A batch holds at most ${TRPC_MAX_BATCH_CALLS} calls; send the rest in another request.` }));
    }
    // Queries carry their input in the URL, whose size Node's header limit bounds.
    if (request.method === 'GET' || request.method === 'HEAD') return adapter(request, response);
    const body = await readBody(request, bodyLimit(request));
    if (body instanceof BodyTooLarge) return refuse(request, response, new TRPCError({ code: 'PAYLOAD_TOO_LARGE', message: body.message }));
    const bodied = request as IncomingMessage & { body?: string };
    bodied.body = body.toString();
    if (isPlainAuthorizeCall(request)) return handlePlaybackAuthorize(request, response, createContext(request, response), bodied.body, adapter);
    return adapter(request, response);
  };
}

function bodyLimit(request: IncomingMessage): number {
  if (request.url === PLAYBACK_AUTHORIZE_PATH) return AUTHORIZE_MAX_BODY_BYTES;
  return carriesCaptions(request) ? CAPTIONS_MAX_BODY_BYTES : TRPC_MAX_BODY_BYTES;
}

/** A call (or a batch with a call) that sends a caption file or a track's cues. */
function carriesCaptions(request: IncomingMessage): boolean {
  const url = request.url ?? '';
  const query = url.indexOf('?');
  const paths = (query < 0 ? url : url.slice(0, query)).replace(/^\/trpc\//, '').split(/,|%2c/i);
  return paths.some((path) => (CAPTION_WRITE_PROCEDURES as readonly string[]).includes(path));
}

/** The calls a request carries: tRPC splits a batch's path at commas, after decoding it (so `%2C` counts too). */
function batchCalls(request: IncomingMessage): number {
  const url = request.url ?? '';
  const query = url.indexOf('?');
  if (query < 0 || new URLSearchParams(url.slice(query)).get('batch') !== '1') return 1;
  return 1 + (url.slice(0, query).match(/,|%2c/gi)?.length ?? 0);
}
