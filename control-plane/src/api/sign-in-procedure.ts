// The door of every password sign-in (admins and viewers). Failures slow down the client that makes them — per
// client address, and per account and client — and never lock the account itself: a correct password from the
// owner's own client still works while an attacker elsewhere hammers the account.
//
// No account-wide limit: one that anyone can trip locks the owner out again, and one that holds back only clients
// that have already failed takes just a few guesses a day off each address of a botnet. Guessing from many
// addresses meets each address's own limits (an IPv6 client counts by its /64) and the password rules instead.
import { z } from 'zod';
import { DomainError } from '../domain/errors.js';
import type { RateLimit } from './rate-limiter.js';
import { email, slug } from './routers/fields.js';
import type { Backoff } from './shared-rate-limiter.js';
import { TooManyAttemptsError, publicProcedure, rateLimited } from './trpc.js';

export interface SignInLimits {
  /** Every attempt from one address, right or wrong: bounds a burst sent before any failure is counted. */
  attempts: RateLimit;
  /** Failures from one address whatever the account (password spraying); the window ends the wait. */
  failuresPerClient: RateLimit;
}

/** One account from one address: five free failures for typos, then 30 s, 1 min, 2 min… up to an hour; a quiet day forgets. */
const FAILURES_PER_ACCOUNT_AND_CLIENT: Backoff = { freeFailures: 5, firstWaitMs: 30_000, maxWaitMs: 3_600_000, forgetAfterMs: 86_400_000 };

export function signInProcedure(bucket: string, limits: SignInLimits) {
  return publicProcedure
    .use(rateLimited(bucket, limits.attempts))
    .input(z.object({ tenantSlug: slug, email, password: z.string().min(1).max(200) }))
    .use(async ({ ctx, input, next }) => {
      if (ctx.clientIp === undefined) return next();
      const limiter = ctx.sharedRateLimiter;
      // Keyed on what was typed, whether or not such an account exists: the throttle reveals nothing either.
      const client = `${bucket}-failures\n${ctx.clientIp}`;
      const accountAndClient = `${bucket}-account\n${input.tenantSlug}\n${input.email}\n${ctx.clientIp}`;
      const waitSeconds = await limiter.blockedFor([client, accountAndClient]);
      if (waitSeconds !== undefined) throw new TooManyAttemptsError(`Too many failed sign-ins from your network. Wait ${waitSeconds} s and try again.`, waitSeconds);
      const result = await next();
      if (result.ok) await limiter.forget(accountAndClient);
      else if (isWrongCredentials(result.error.cause)) await Promise.all([limiter.take(client, limits.failuresPerClient), limiter.fail(accountAndClient, FAILURES_PER_ACCOUNT_AND_CLIENT)]);
      return result;
    });
}

function isWrongCredentials(cause: unknown): boolean {
  return cause instanceof DomainError && cause.kind === 'unauthenticated';
}
