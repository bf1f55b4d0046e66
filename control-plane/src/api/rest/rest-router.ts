// The REST API (/v1): one HttpRoute that takes every /v1 request through the same steps: match the route (404 JSON
// for an unknown path, 405 with Allow for a wrong method), CORS (public routes only, through the route's own hook),
// the API key and its scope, the key's rate limit, the inputs read and checked against the route's schemas, the
// Idempotency-Key, the handler in the key's tenant scope (row-level security), and the answer checked against the
// route's response schema (which also drops any field the schema does not list) and sent as JSON.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { API_KEY_SCOPE_DESCRIPTIONS, type ApiKeyScope } from '@ott/contracts';
import { withTenantScope } from '../../db/tenant-scope.js';
import { authenticateApiKey } from '../../domain/api-keys/authenticate-api-key.js';
import type { DomainDeps } from '../../domain/deps.js';
import type { Logger } from '../../ports.js';
import type { Cidr } from '@ott/signing';
import { clientAddress } from '../client-address.js';
import type { HttpRoute } from '../http-route.js';
import { ClientGoneError } from '../read-body.js';
import type { RateLimit } from '../rate-limiter.js';
import type { SharedRateLimiter } from '../shared-rate-limiter.js';
import { abandonIdempotent, checkIdempotencyKey, finishIdempotent, requestFingerprint, startIdempotent, type IdempotentRequest } from './idempotency.js';
import { INTERNAL_ERROR, RestError, toRestError } from './rest-errors.js';
import { readInputs, type RestInputs } from './rest-input.js';
import type { RestCaller, RestRoute } from './rest-route.js';
import { RouteMatcher } from './route-matcher.js';

/** Each key's allowance, counted across every API process (the reference states it). */
export const DEFAULT_REST_RATE_LIMIT: RateLimit = { limit: 600, windowMs: 60_000 };

export interface RestRouterOptions {
  deps: DomainDeps;
  log: Logger;
  routes: readonly RestRoute[];
  sharedRateLimiter: SharedRateLimiter;
  rateLimit?: RateLimit;
  /** Public routes (no key: a direct upload's id authorises) are counted per client address instead. */
  publicRateLimit?: RateLimit;
  /** Proxies whose X-Forwarded-For names the client (OTT_TRUSTED_PROXIES), for the per-address count. */
  trustedProxies?: readonly Cidr[];
  /** The header those proxies name the client's address in (OTT_CLIENT_ADDRESS_HEADER). */
  clientAddressHeader?: string | undefined;
}

/** Per client address on public routes: a page polls its upload's status and asks for part URLs, never this often. */
export const DEFAULT_PUBLIC_RATE_LIMIT: RateLimit = { limit: 300, windowMs: 60_000 };

interface Answer {
  status: number;
  body: unknown;
  headers: Record<string, string>;
  /** Sent as it is, instead of `body` as JSON (a route's CSV). */
  text?: { contentType: string; content: string };
}

export function createRestRouter(options: RestRouterOptions): HttpRoute {
  const matcher = new RouteMatcher(options.routes);
  const rateLimit = options.rateLimit ?? DEFAULT_REST_RATE_LIMIT;
  return {
    matches: (pathname) => pathname === '/v1' || pathname.startsWith('/v1/'),
    async handle(request, response, pathname) {
      let cors: Record<string, string> = {};
      try {
        const method = request.method ?? 'GET';
        const match = matcher.match(method === 'OPTIONS' ? (request.headers['access-control-request-method'] ?? '') : method, pathname);
        if (!match) throw new RestError(404, 'not_found', `There is no ${pathname} in this API. The reference at /v1/reference lists every endpoint.`);
        if ('allowed' in match) {
          if (method === 'OPTIONS') return send(response, { status: 204, body: undefined, headers: {} });
          throw new RestError(405, 'invalid_request', `${pathname} does not take ${method}; it takes ${match.allowed.join(', ')}.`, { allowed: match.allowed }, { Allow: match.allowed.join(', ') });
        }
        const { route, params } = match;
        if ('public' in route.access && route.cors) cors = await route.cors({ origin: request.headers.origin, params, deps: options.deps });
        if (method === 'OPTIONS') return send(response, { status: 204, body: undefined, headers: cors });
        const caller = 'scope' in route.access ? await authenticate(options, request, route.access.scope) : undefined;
        if (caller) await limitRate(options.sharedRateLimiter, caller, rateLimit);
        else await limitAddress(options, request);
        const inputs = await readInputs(route, request, params, new URL(request.url ?? '/', 'http://api').searchParams);
        const run = (deps: DomainDeps) => runRoute(route, inputs, { caller, deps, request, pathname });
        const answer = caller ? await withTenantScope(options.deps.db, caller.tenantId, (db) => run({ ...options.deps, db })) : await run(options.deps);
        send(response, { ...answer, headers: { ...cors, ...answer.headers } });
      } catch (error) {
        if (error instanceof ClientGoneError) return;
        const failure = toRestError(error);
        if (!failure) options.log.error({ err: error, method: request.method, path: pathname }, 'REST route failed');
        const answer = failure ?? INTERNAL_ERROR;
        send(response, { status: answer.status, body: answer.body(), headers: { ...cors, ...answer.headers } });
      }
    },
  };
}

const SIGN_UP_FOR_A_KEY = 'create one in the portal (Developers → API keys)';

async function authenticate(options: RestRouterOptions, request: IncomingMessage, scope: ApiKeyScope): Promise<RestCaller> {
  const challenge = { 'WWW-Authenticate': 'Bearer' };
  const presented = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '')?.[1];
  if (!presented) throw new RestError(401, 'unauthenticated', `Send your API key as \`Authorization: Bearer ott_sk_…\`; ${SIGN_UP_FOR_A_KEY} if you have none.`, undefined, challenge);
  const result = await authenticateApiKey(options.deps, presented);
  if (result.ok) {
    const { caller } = result;
    if (!caller.scopes.includes(scope)) {
      throw new RestError(
        403,
        'missing_scope',
        `The API key ${caller.keyPrefix} lacks the "${scope}" scope this endpoint needs (${API_KEY_SCOPE_DESCRIPTIONS[scope]}). Create a key with that scope in the portal (Developers → API keys).`,
        { scope, keyPrefix: caller.keyPrefix },
      );
    }
    return caller;
  }
  switch (result.reason) {
    case 'malformed':
      throw new RestError(
        401,
        'unauthenticated',
        `That is not an API key: keys look like ott_sk_xxxxxxxx_ followed by 43 characters. Send the whole key as \`Authorization: Bearer ott_sk_…\`.`,
        undefined,
        challenge,
      );
    case 'unknown':
      throw new RestError(
        401,
        'unauthenticated',
        `The API key ${result.keyPrefix} is not valid: no such key, or its secret part is wrong. Check that you copied the whole key, or ${SIGN_UP_FOR_A_KEY}.`,
        { keyPrefix: result.keyPrefix },
        challenge,
      );
    case 'revoked':
      throw new RestError(
        401,
        'unauthenticated',
        `The API key ${result.keyPrefix} was revoked on ${result.revokedAt.toISOString()}; create a new key in the portal (Developers → API keys).`,
        { keyPrefix: result.keyPrefix, revokedAt: result.revokedAt.toISOString() },
        challenge,
      );
  }
}

async function limitRate(limiter: SharedRateLimiter, caller: RestCaller, rule: RateLimit): Promise<void> {
  const waitSeconds = await limiter.take(`rest-api-key\n${caller.keyId}`, rule);
  if (waitSeconds === undefined) return;
  throw new RestError(
    429,
    'rate_limited',
    `The API key ${caller.keyPrefix} made more than ${rule.limit} requests in ${rule.windowMs / 1000} s. Wait ${waitSeconds} s and retry.`,
    { keyPrefix: caller.keyPrefix, retryAfterSeconds: waitSeconds },
    { 'Retry-After': String(waitSeconds) },
  );
}

async function limitAddress(options: RestRouterOptions, request: IncomingMessage): Promise<void> {
  const rule = options.publicRateLimit ?? DEFAULT_PUBLIC_RATE_LIMIT;
  const waitSeconds = await options.sharedRateLimiter.take(`rest-public\n${clientAddress(request, options.trustedProxies ?? [], options.clientAddressHeader)}`, rule);
  if (waitSeconds === undefined) return;
  throw new RestError(
    429,
    'rate_limited',
    `Too many requests from this address (more than ${rule.limit} in ${rule.windowMs / 1000} s). Wait ${waitSeconds} s and retry.`,
    { retryAfterSeconds: waitSeconds },
    { 'Retry-After': String(waitSeconds) },
  );
}

interface RouteCall {
  caller: RestCaller | undefined;
  deps: DomainDeps;
  request: IncomingMessage;
  pathname: string;
}

async function runRoute(route: RestRoute, inputs: RestInputs, call: RouteCall): Promise<Answer> {
  const invoke = async (): Promise<Answer> => {
    const result = await route.handle({ params: inputs.params, query: inputs.query, body: inputs.body, caller: call.caller, deps: call.deps, http: call.request });
    const status = route.successStatus ?? 200;
    // Parsed before serialising: Dates are still Dates for the schema, and whatever it does not list stays out.
    const answer = route.response.parse(result);
    if (route.csv && (inputs.query as { format?: string } | undefined)?.format === 'csv') {
      const headers = { 'Content-Disposition': `attachment; filename="${route.operationId}.csv"` };
      return { status, body: undefined, headers, text: { contentType: 'text/csv; charset=utf-8', content: route.csv(answer) } };
    }
    return { status, body: status === 204 ? undefined : (JSON.parse(JSON.stringify(answer)) as unknown), headers: {} };
  };
  const header = call.request.headers['idempotency-key'];
  if (!route.idempotent || !call.caller || typeof header !== 'string') return invoke();
  const idempotent: IdempotentRequest = {
    tenantId: call.caller.tenantId,
    apiKeyId: call.caller.keyId,
    key: checkIdempotencyKey(header),
    fingerprint: requestFingerprint(route.method, call.pathname, inputs.rawBody),
  };
  const start = await startIdempotent(call.deps.db, call.deps.clock, idempotent);
  if (start.kind === 'replay') return { status: start.status, body: start.response, headers: { 'Idempotent-Replayed': 'true' } };
  try {
    const answer = await invoke();
    await finishIdempotent(call.deps.db, idempotent, answer.status, answer.body);
    return answer;
  } catch (error) {
    await abandonIdempotent(call.deps.db, idempotent).catch(() => {});
    throw error;
  }
}

function send(response: ServerResponse, answer: Answer): void {
  if (response.headersSent) return void response.end();
  const headers: Record<string, string> = { 'Cache-Control': 'no-store', ...answer.headers };
  if (answer.text) return void response.writeHead(answer.status, { ...headers, 'Content-Type': answer.text.contentType }).end(answer.text.content);
  if (answer.status === 204 || answer.body === undefined) return void response.writeHead(answer.status, headers).end();
  response.writeHead(answer.status, { ...headers, 'Content-Type': 'application/json; charset=utf-8' }).end(JSON.stringify(answer.body));
}
