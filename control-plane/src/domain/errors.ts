// Domain errors carry a user-facing message (what went wrong and what to do). Only api/ maps them to transport errors.
import type { AvailabilityRefusalReason, PlaybackRefusalReason, UnlockingOffer } from '@ott/contracts';

export type DomainErrorKind = 'not-found' | 'conflict' | 'invalid' | 'unauthenticated' | 'forbidden' | 'payment-required' | 'not-ready' | 'limit' | 'unavailable';

export class DomainError extends Error {
  constructor(
    readonly kind: DomainErrorKind,
    message: string,
    /** A stable code for a program to act on, sent with the error (`data.reason`). */
    readonly reason?: PlaybackRefusalReason,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

/**
 * The title may not be watched here or now (domain/playback/title-availability.ts): its message is for the viewer,
 * and `availableFrom` (a title not published yet) goes with it as `data.availableFrom`.
 */
export class TitleUnavailableError extends DomainError {
  constructor(
    reason: AvailabilityRefusalReason,
    message: string,
    readonly availableFrom?: Date,
  ) {
    super('forbidden', message, reason);
  }
}

/** A paid title the viewer is not entitled to: the offers that would unlock it go with the error (`data.offers`). */
export class PaymentRequiredError extends DomainError {
  constructor(
    message: string,
    readonly offers: readonly UnlockingOffer[],
  ) {
    super('payment-required', message, 'payment-required');
  }
}

export const notFound = (what: string) => new DomainError('not-found', `${what} was not found.`);
export const invalid = (message: string) => new DomainError('invalid', message);
export const conflict = (message: string) => new DomainError('conflict', message);
export const unauthenticated = (message = 'Sign in again: your session is missing or has expired.') => new DomainError('unauthenticated', message);
export const forbidden = (message: string) => new DomainError('forbidden', message);
export const notReady = (message: string) => new DomainError('not-ready', message);
export const limitExceeded = (message: string) => new DomainError('limit', message);

/**
 * A password guess that missed: a sign-in with wrong credentials, or a password change with a wrong current password.
 * The API slows down the client that makes these (api/throttle-password-guesses.ts), and counts nothing else.
 */
export class WrongPasswordError extends DomainError {}

/** Whichever of the three is wrong, and whether or not the workspace or account exists: the answer tells nothing. */
export const wrongAdminCredentials = () => new WrongPasswordError('unauthenticated', 'Wrong workspace, e-mail or password.');
/** Viewers do not type the workspace (the tenant's site names it), so it is not named; an unknown one answers this too. */
export const wrongViewerCredentials = () => new WrongPasswordError('unauthenticated', 'That email and password do not match.');
/**
 * A viewer's first-sign-in session (the one that asks for a new password) that is invalid or has expired; an unknown
 * workspace answers this too, so the step does not tell which workspaces exist.
 */
export const expiredNewPasswordSession = () => unauthenticated('The sign-in session has expired. Sign in again with your temporary password.');
/** A forgotten-password code that is not the viewer's current one: counted as a password guess. */
export const wrongResetCode = () => new WrongPasswordError('invalid', 'That code is not right. Check the latest email and try again.');
/** The code ended (its hour passed, it was used, or too many wrong codes were tried), or none was asked for. */
export const expiredResetCode = () => invalid('The code has expired — request a new one.');
/** A sign-up for an address that already has an account here; told only to whoever typed the code sent to it. */
export const viewerExists = () => conflict('You already have an account here. Sign in, or use "Forgot password?" if you do not remember it.');
/** Not a 401: the session is fine, and a 401 would sign the portal out. */
export const wrongCurrentPassword = () => new WrongPasswordError('invalid', 'The current password is not right.');
