// Every door where a password is guessed — admin and viewer sign-in, and the current password a password change asks
// for (someone holding a stolen access token must not test passwords without limit) — slows down the client that
// misses: per client address, and per account and client. It never locks the account itself: a correct password
// from the owner's own client still works while an attacker elsewhere hammers the account.
//
// No account-wide limit: one that anyone can trip locks the owner out again, and one that holds back only clients
// that have already failed takes just a few guesses a day off each address of a botnet. Guessing from many
// addresses meets each address's own limits (an IPv6 client counts by its /64) and the password rules instead.
import { WrongPasswordError } from '../domain/errors.js';
import type { ApiContext } from './context.js';
import type { RateLimit } from './rate-limiter.js';
import type { Backoff } from './shared-rate-limiter.js';
import { TooManyAttemptsError } from './trpc.js';

export interface PasswordGuessLimits {
  /** Every attempt from one address, right or wrong: bounds a burst sent before any failure is counted. */
  attempts: RateLimit;
  /** Misses from one address whatever the account (password spraying); the window ends the wait. */
  failuresPerClient: RateLimit;
}

export interface PasswordGuess {
  /** The door, naming its counters: 'login', 'viewer-sign-in', 'change-password'. */
  door: string;
  /** The account guessed at: as typed for a sign-in (whether or not it exists, so the throttle reveals nothing either). */
  account: string;
  /** What the client made too many of, for the wait message: 'failed sign-ins'. */
  misses: string;
}

/** One account from one address: five free failures for typos, then 30 s, 1 min, 2 min… up to an hour; a quiet day forgets. */
const FAILURES_PER_ACCOUNT_AND_CLIENT: Backoff = { freeFailures: 5, firstWaitMs: 30_000, maxWaitMs: 3_600_000, forgetAfterMs: 86_400_000 };

/** A tRPC middleware's `next()` answer, as far as the throttle reads it. */
type Answer = { ok: true } | { ok: false; error: { cause?: unknown } };

/**
 * The attempts limit (`limits.attempts`, counted before the input is read) is the door's `rateLimited` middleware;
 * this runs the guess itself (`next`) unless the client must wait, and counts it when it missed (a WrongPasswordError).
 */
export async function throttlePasswordGuess<A extends Answer>(ctx: ApiContext, guess: PasswordGuess, limits: PasswordGuessLimits, next: () => Promise<A>): Promise<A> {
  if (ctx.clientIp === undefined) return next();
  const limiter = ctx.sharedRateLimiter;
  const client = `${guess.door}-failures\n${ctx.clientIp}`;
  const accountAndClient = `${guess.door}-account\n${guess.account}\n${ctx.clientIp}`;
  const waitSeconds = await limiter.blockedFor([client, accountAndClient]);
  if (waitSeconds !== undefined) throw new TooManyAttemptsError(`Too many ${guess.misses} from your network. Wait ${waitSeconds} s and try again.`, waitSeconds);
  const answer = await next();
  if (answer.ok) await limiter.forget(accountAndClient);
  else if (answer.error.cause instanceof WrongPasswordError) await Promise.all([limiter.take(client, limits.failuresPerClient), limiter.fail(accountAndClient, FAILURES_PER_ACCOUNT_AND_CLIENT)]);
  return answer;
}
