import type { IncomingMessage } from 'node:http';
import type { DomainDeps } from '../domain/deps.js';

export interface ApiContext {
  deps: DomainDeps;
  /** Bearer access token from the Authorization header, verified lazily by adminProcedure. */
  accessToken: string | undefined;
}

/** Used by tests through createCaller, and by the HTTP adapter below. */
export function createContextInner(deps: DomainDeps, accessToken?: string): ApiContext {
  return { deps, accessToken };
}

export function createHttpContext(deps: DomainDeps, request: IncomingMessage): ApiContext {
  const header = request.headers.authorization;
  const accessToken = header?.startsWith('Bearer ') ? header.slice('Bearer '.length).trim() : undefined;
  return createContextInner(deps, accessToken);
}
