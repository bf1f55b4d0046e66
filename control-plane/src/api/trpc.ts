// The base procedures. Domain errors become tRPC errors here and only here; unexpected errors become a
// generic 500 message (never a stack trace or an internal detail) and are logged server-side.
import { createHash, timingSafeEqual } from 'node:crypto';
import { TRPCError, initTRPC } from '@trpc/server';
import { ZodError, z } from 'zod';
import { verifyAccessToken, type AdminPrincipal } from '../domain/admins/admin-sessions.js';
import { withTenantScope } from '../db/tenant-scope.js';
import type { DomainDeps } from '../domain/deps.js';
import { DomainError, PaymentRequiredError, TitleUnavailableError } from '../domain/errors.js';
import { signedInViewer } from '../domain/viewers/signed-in-viewer.js';
import { DOMAIN_ERROR_CODES } from './domain-error-codes.js';
import type { ApiContext } from './context.js';
import type { RateLimit } from './rate-limiter.js';
import { slug } from './routers/fields.js';

const t = initTRPC.context<ApiContext>().create({
  errorFormatter({ shape, error }) {
    const { stack: _stack, ...data } = shape.data;
    const issues = error.cause instanceof ZodError ? error.cause.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })) : undefined;
    const message = issues ? `Invalid input: ${issues.map((issue) => `${issue.path || 'input'}: ${issue.message}`).join('; ')}` : shape.message;
    const retryAfterSeconds = error instanceof TooManyAttemptsError ? error.retryAfterSeconds : undefined;
    const reason = error.cause instanceof DomainError ? error.cause.reason : undefined;
    const availableFrom = error.cause instanceof TitleUnavailableError ? error.cause.availableFrom?.toISOString() : undefined;
    const offers = error.cause instanceof PaymentRequiredError ? error.cause.offers : undefined;
    return {
      ...shape,
      message,
      data: {
        ...data,
        ...(issues ? { issues } : {}),
        ...(retryAfterSeconds ? { retryAfterSeconds } : {}),
        ...(reason ? { reason } : {}),
        ...(availableFrom ? { availableFrom } : {}),
        ...(offers ? { offers } : {}),
      },
    };
  },
});

export function toTrpcError(error: unknown): unknown {
  if (error instanceof DomainError) return new TRPCError({ code: DOMAIN_ERROR_CODES[error.kind].trpc, message: error.message, cause: error });
  if (error instanceof TRPCError) return error;
  if (isDatabaseUnavailable(error)) {
    return new TRPCError({ code: 'SERVICE_UNAVAILABLE', message: 'The service is briefly unavailable. Retry in a few seconds.' });
  }
  // The cause is for the log (the tRPC route's onError); the error formatter never sends it to the client.
  return new TRPCError({ code: 'INTERNAL_SERVER_ERROR', message: 'Something went wrong on our side. Retry; if it keeps failing, contact support.', cause: error });
}

/** PostgreSQL down, restarting or unreachable: the caller should retry, and nothing is wrong with the request. */
const UNAVAILABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', '57P01', '57P02', '57P03']);

export function isDatabaseUnavailable(error: unknown): boolean {
  const code = (error as { code?: unknown } | undefined)?.code;
  if (typeof code === 'string' && (UNAVAILABLE_CODES.has(code) || code.startsWith('08'))) return true;
  return error instanceof Error && /Connection terminated|timeout exceeded when trying to connect|connection error|database system is (shutting down|starting up)/i.test(error.message);
}

const mapErrors = t.middleware(async ({ next }) => {
  const result = await next();
  // Anything a procedure throws that is not a TRPCError arrives wrapped as INTERNAL_SERVER_ERROR.
  if (!result.ok && result.error.code === 'INTERNAL_SERVER_ERROR') throw toTrpcError(result.error.cause ?? result.error);
  return result;
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;
export const publicProcedure = t.procedure.use(mapErrors);

/** A 429 that says how long to wait: in its message, in `data.retryAfterSeconds`, and over HTTP in Retry-After. */
export class TooManyAttemptsError extends TRPCError {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super({ code: 'TOO_MANY_REQUESTS', message });
  }
}

/** The Retry-After header for an HTTP answer that carries a TooManyAttemptsError (the longest wait in a batch). */
export function retryAfterHeader(errors: readonly TRPCError[]): { headers: Record<string, string> } {
  const seconds = Math.max(0, ...errors.map((error) => (error instanceof TooManyAttemptsError ? error.retryAfterSeconds : 0)));
  return { headers: seconds > 0 ? { 'Retry-After': String(seconds) } : {} };
}

interface AttemptCounter {
  take(key: string, rule: RateLimit): number | undefined | Promise<number | undefined>;
}

function limitPerClient(bucket: string, rule: RateLimit, counterOf: (ctx: ApiContext) => AttemptCounter) {
  return t.middleware(async ({ ctx, next }) => {
    if (ctx.clientIp !== undefined) {
      const waitSeconds = await counterOf(ctx).take(`${bucket}\n${ctx.clientIp}`, rule);
      if (waitSeconds !== undefined) throw new TooManyAttemptsError(`Too many attempts from your network. Wait ${waitSeconds} s and try again.`, waitSeconds);
    }
    return next();
  });
}

/** Limits attempts per client address (HTTP callers only), counted across every API process: sign-up, refresh, sign-in. */
export function rateLimited(bucket: string, rule: RateLimit) {
  return limitPerClient(bucket, rule, (ctx) => ctx.sharedRateLimiter);
}

/**
 * The same, counted in this process's memory: for high-volume requests (player beacons) where a database write per
 * request costs more than a limit that holds per process is worth.
 */
export function rateLimitedInProcess(bucket: string, rule: RateLimit) {
  return limitPerClient(bucket, rule, (ctx) => ctx.rateLimiter);
}

/** The admin whose access token the request carries. */
export async function signedInAdmin(ctx: ApiContext): Promise<AdminPrincipal> {
  if (!ctx.accessToken) throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Sign in first: this needs an admin session.' });
  return verifyAccessToken(ctx.deps, ctx.accessToken);
}

/**
 * Runs `run` (the procedure, given the context it continues with) in `admin`'s tenant: everything it reads or writes
 * goes through a connection that row-level security limits to this tenant, so a query that forgets
 * `where tenant_id = …` still cannot see another tenant. That connection is held until `run` ends: whatever needs
 * connections of its own from the same pool (the shared rate limits) runs before, or waits for a connection that
 * every request holding one may be waiting for too.
 */
export function inTenantScope<T>(ctx: ApiContext, admin: AdminPrincipal, run: (scoped: { admin: AdminPrincipal; deps: DomainDeps }) => Promise<T>): Promise<T> {
  return withTenantScope(ctx.deps.db, admin.tenantId, (db) => run({ admin, deps: { ...ctx.deps, db } }));
}

/** Any signed-in admin of a tenant; every query below it is scoped to `ctx.admin.tenantId`. */
export const adminProcedure = publicProcedure.use(async ({ ctx, next }) => inTenantScope(ctx, await signedInAdmin(ctx), (scoped) => next({ ctx: scoped })));

/**
 * A signed-in viewer of the tenant the input's `tenantSlug` names, by the ID token sent as the bearer token (from that
 * tenant's pool: another site's token is refused); every query below it is scoped to that tenant.
 */
export const viewerProcedure = publicProcedure.input(z.object({ tenantSlug: slug })).use(async ({ ctx, input, next }) => {
  const viewer = await signedInViewer(ctx.deps, input.tenantSlug, ctx.accessToken);
  return withTenantScope(ctx.deps.db, viewer.tenantId, (db) => next({ ctx: { viewer, deps: { ...ctx.deps, db } } }));
});

/** Only the tenant's owner. */
export const ownerProcedure = adminProcedure.use(({ ctx, next }) => {
  if (ctx.admin.role !== 'owner') throw new TRPCError({ code: 'FORBIDDEN', message: 'Only the workspace owner can do this.' });
  return next();
});

/**
 * The platform operator (cost view across tenants), authenticated by the OTT_OPERATOR_TOKEN secret sent as the
 * bearer token. Refused outright while the secret is unset, and compared in constant time; an admin's token is
 * never an operator's.
 */
export const operatorProcedure = publicProcedure.use(({ ctx, next }) => {
  const expected = ctx.deps.operatorToken;
  if (!expected) throw new TRPCError({ code: 'FORBIDDEN', message: 'Operator access is not configured on this installation (set OTT_OPERATOR_TOKEN).' });
  const digest = (value: string) => createHash('sha256').update(value).digest();
  if (!ctx.accessToken || !timingSafeEqual(digest(ctx.accessToken), digest(expected))) {
    throw new TRPCError({ code: 'UNAUTHORIZED', message: 'This needs the operator token as the bearer token.' });
  }
  return next();
});
