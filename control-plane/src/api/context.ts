import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CountryCode } from '@ott/contracts';
import type { Cidr } from '@ott/signing';
import type { DomainDeps } from '../domain/deps.js';
import type { PlaybackRowSource } from '../domain/playback/playback-rows.js';
import { clientAddress } from './client-address.js';
import { RateLimiter } from './rate-limiter.js';
import { SharedRateLimiter } from './shared-rate-limiter.js';
import { viewerCountry, type ViewerCountrySource } from './viewer-country.js';

export interface ApiContext {
  deps: DomainDeps;
  /** Bearer access token from the Authorization header, verified lazily by adminProcedure. */
  accessToken: string | undefined;
  /** The caller's address for rate limits (client-address.ts); undefined for in-process callers (tests, scripts). */
  clientIp: string | undefined;
  /** Counters in this process's memory, for high-volume limits (QoE beacons). */
  rateLimiter: RateLimiter;
  /** Counters every API process shares, for the doors an attacker hammers (sign-in, sign-up, refresh). */
  sharedRateLimiter: SharedRateLimiter;
  /** The API process's cache of playback rows; playback.authorize reads the database when undefined. */
  playbackRows: PlaybackRowSource | undefined;
  /** The HTTP request and its answer, for the portal's session cookie; undefined for in-process callers. */
  http: HttpExchange | undefined;
  /** Where the caller is (viewer-country.ts), for titles with a country rule; undefined when not known. */
  viewerCountry: CountryCode | undefined;
  /** The request's User-Agent and Referer, for analytics (device, browser, embedding site); undefined in-process. */
  userAgent: string | undefined;
  referrer: string | undefined;
}

export interface HttpExchange {
  request: IncomingMessage;
  response: ServerResponse;
}

export interface ContextOptions {
  clientIp?: string;
  rateLimiter?: RateLimiter;
  sharedRateLimiter?: SharedRateLimiter;
  playbackRows?: PlaybackRowSource;
  http?: HttpExchange;
  viewerCountry?: CountryCode;
  userAgent?: string;
  referrer?: string;
}

/** What the HTTP server keeps for its lifetime and hands to every request's context. */
export interface HttpContextOptions {
  rateLimiter: RateLimiter;
  sharedRateLimiter: SharedRateLimiter;
  /** Proxies whose X-Forwarded-For names the client (OTT_TRUSTED_PROXIES). */
  trustedProxies: readonly Cidr[];
  playbackRows?: PlaybackRowSource;
  /** Where the viewer's country comes from (OTT_VIEWER_COUNTRY_HEADER, read from trusted proxies only; OTT_DEFAULT_VIEWER_COUNTRY). */
  viewerCountry?: ViewerCountrySource;
}

const inProcessLimiter = new RateLimiter();

/** Used by tests through createCaller, and by the HTTP adapter below. */
export function createContextInner(deps: DomainDeps, accessToken?: string, options: ContextOptions = {}): ApiContext {
  return {
    deps,
    accessToken,
    clientIp: options.clientIp,
    rateLimiter: options.rateLimiter ?? inProcessLimiter,
    sharedRateLimiter: options.sharedRateLimiter ?? new SharedRateLimiter(deps.db, deps.clock),
    playbackRows: options.playbackRows,
    http: options.http,
    viewerCountry: options.viewerCountry,
    userAgent: options.userAgent,
    referrer: options.referrer,
  };
}

/** `response` is given where a procedure may answer with a cookie (the tRPC routes). */
export function createHttpContext(deps: DomainDeps, request: IncomingMessage, options: HttpContextOptions, response?: ServerResponse): ApiContext {
  const header = request.headers.authorization;
  const accessToken = header?.startsWith('Bearer ') ? header.slice('Bearer '.length).trim() : undefined;
  const { trustedProxies, viewerCountry: countrySource, ...limitsAndRows } = options;
  const country = viewerCountry(request, trustedProxies, countrySource ?? {});
  return createContextInner(deps, accessToken, {
    clientIp: clientAddress(request, trustedProxies),
    ...limitsAndRows,
    ...(response ? { http: { request, response } } : {}),
    ...(country ? { viewerCountry: country } : {}),
    ...(request.headers['user-agent'] ? { userAgent: request.headers['user-agent'] } : {}),
    ...(request.headers.referer ? { referrer: request.headers.referer } : {}),
  });
}
