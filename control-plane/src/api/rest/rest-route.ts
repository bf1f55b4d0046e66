// One route of the REST API (/v1): its method and path, who may call it, the zod schemas of what it takes and
// answers, and its handler. The router (rest-router.ts) parses and checks every input against these schemas before
// the handler runs, and the OpenAPI document (/v1/openapi.json) is generated from the same schemas: one truth.
import type { IncomingMessage } from 'node:http';
import type { ApiKeyScope } from '@ott/contracts';
import type { z } from 'zod';
import type { DomainDeps } from '../../domain/deps.js';

export type RestMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * Who may call a route: a server API key holding `scope` (the handler runs in that key's tenant), or anyone, for the
 * few routes that authorise by a token of their own (a direct upload's id) and answer browsers on other origins.
 */
export type RestAccess = { scope: ApiKeyScope } | { public: 'direct-upload' };

/** The API key a request was made with (undefined on public routes). */
export interface RestCaller {
  tenantId: string;
  keyId: string;
  /** `ott_sk_xxxxxxxx`: safe to log and to show. */
  keyPrefix: string;
  scopes: readonly ApiKeyScope[];
}

export interface RestRequest<Params, Query, Body> {
  params: Params;
  query: Query;
  body: Body;
  caller: RestCaller | undefined;
  /** Scoped to the caller's tenant (row-level security) on key routes; the plain deps on public ones. */
  deps: DomainDeps;
  http: IncomingMessage;
}

export interface RestCorsRequest {
  origin: string | undefined;
  /** The path's parameters, unchecked (the preflight has no body or query to check). */
  params: Record<string, string>;
  deps: DomainDeps;
}

type Parsed<Schema> = Schema extends z.ZodType ? z.output<Schema> : undefined;

export interface RestRoute<
  Params extends z.ZodType | undefined = z.ZodType | undefined,
  Query extends z.ZodType | undefined = z.ZodType | undefined,
  Body extends z.ZodType | undefined = z.ZodType | undefined,
  Response extends z.ZodType = z.ZodType,
> {
  method: RestMethod;
  /** An OpenAPI path template: `/v1/videos/{videoId}`; each `{name}` is a key of `params`. */
  path: string;
  /** Unique, camelCase: the OpenAPI operationId and the node SDK's method name. */
  operationId: string;
  /** The reference's section: Videos, Uploads, Direct uploads, Playback, Viewers, Usage, Webhooks. */
  tag: string;
  summary: string;
  description?: string;
  access: RestAccess;
  /** Strict objects (z.strictObject): an unknown field is a 400 naming it. */
  params?: Params;
  query?: Query;
  body?: Body;
  response: Response;
  /** 200 unless said; 201 for creates, 202 for accepted work, 204 for no content. */
  successStatus?: 200 | 201 | 202 | 204;
  /** A create: an `Idempotency-Key` header replays the first answer for 24 hours instead of creating twice. */
  idempotent?: boolean;
  /** The body's limit in bytes (64 KiB unless said); over it, 413. */
  maxBodyBytes?: number;
  /**
   * Public routes only (key routes answer no CORS: a browser must never hold a key). The CORS headers for a request
   * from `origin` (the route checks the origin by its own rules, e.g. the one a direct upload was made for); asked
   * for the preflight (OPTIONS, answered 204 with them) and for the request itself (added to its answer, errors too).
   * Answer {} to allow no origin.
   */
  cors?(request: RestCorsRequest): Promise<Record<string, string>>;
  /**
   * The answer as CSV (text/csv), given when the query says `format=csv` (the route's query schema declares it): the
   * same figures as the JSON, for spreadsheets.
   */
  csv?(answer: z.output<Response>): string;
  handle(request: RestRequest<Parsed<Params>, Parsed<Query>, Parsed<Body>>): Promise<z.input<Response>>;
}

/** Declares a route with its types inferred from its schemas. */
export function restRoute<
  Params extends z.ZodType | undefined = undefined,
  Query extends z.ZodType | undefined = undefined,
  Body extends z.ZodType | undefined = undefined,
  Response extends z.ZodType = z.ZodType,
>(route: RestRoute<Params, Query, Body, Response>): RestRoute {
  return route as unknown as RestRoute;
}

/** The tenant of a key route's caller (the router has authenticated it before the handler runs). */
export function tenantOf(request: { caller: RestCaller | undefined }): string {
  if (!request.caller) throw new Error('A route that needs an API key ran without one: declare access: { scope } on it.');
  return request.caller.tenantId;
}
