import type { IncomingMessage } from 'node:http';
import type { DomainDeps } from '../domain/deps.js';
import { RateLimiter } from './rate-limiter.js';

export interface ApiContext {
  deps: DomainDeps;
  /** Bearer access token from the Authorization header, verified lazily by adminProcedure. */
  accessToken: string | undefined;
  /** The caller's address for rate limits; undefined for in-process callers (tests, scripts). */
  clientIp: string | undefined;
  rateLimiter: RateLimiter;
}

const inProcessLimiter = new RateLimiter();

/** Used by tests through createCaller, and by the HTTP adapter below. */
export function createContextInner(deps: DomainDeps, accessToken?: string, http?: { clientIp: string; rateLimiter: RateLimiter }): ApiContext {
  return { deps, accessToken, clientIp: http?.clientIp, rateLimiter: http?.rateLimiter ?? inProcessLimiter };
}

export function createHttpContext(deps: DomainDeps, request: IncomingMessage, rateLimiter: RateLimiter): ApiContext {
  const header = request.headers.authorization;
  const accessToken = header?.startsWith('Bearer ') ? header.slice('Bearer '.length).trim() : undefined;
  return createContextInner(deps, accessToken, { clientIp: request.socket.remoteAddress ?? 'unknown', rateLimiter });
}
