import type { IncomingMessage, ServerResponse } from 'node:http';
import type { DomainDeps } from '../domain/deps.js';
import type { PlaybackRowSource } from '../domain/playback/playback-rows.js';
import { RateLimiter } from './rate-limiter.js';

export interface ApiContext {
  deps: DomainDeps;
  /** Bearer access token from the Authorization header, verified lazily by adminProcedure. */
  accessToken: string | undefined;
  /** The caller's address for rate limits; undefined for in-process callers (tests, scripts). */
  clientIp: string | undefined;
  rateLimiter: RateLimiter;
  /** The API process's cache of playback rows; playback.authorize reads the database when undefined. */
  playbackRows: PlaybackRowSource | undefined;
  /** The HTTP request and its answer, for the portal's session cookie; undefined for in-process callers. */
  http: HttpExchange | undefined;
}

export interface HttpExchange {
  request: IncomingMessage;
  response: ServerResponse;
}

export interface ContextOptions {
  clientIp?: string;
  rateLimiter?: RateLimiter;
  playbackRows?: PlaybackRowSource;
  http?: HttpExchange;
}

const inProcessLimiter = new RateLimiter();

/** Used by tests through createCaller, and by the HTTP adapter below. */
export function createContextInner(deps: DomainDeps, accessToken?: string, options: ContextOptions = {}): ApiContext {
  return { deps, accessToken, clientIp: options.clientIp, rateLimiter: options.rateLimiter ?? inProcessLimiter, playbackRows: options.playbackRows, http: options.http };
}

export function createHttpContext(deps: DomainDeps, request: IncomingMessage, options: { rateLimiter: RateLimiter; playbackRows?: PlaybackRowSource; http?: HttpExchange }): ApiContext {
  const header = request.headers.authorization;
  const accessToken = header?.startsWith('Bearer ') ? header.slice('Bearer '.length).trim() : undefined;
  return createContextInner(deps, accessToken, { clientIp: request.socket.remoteAddress ?? 'unknown', ...options });
}
