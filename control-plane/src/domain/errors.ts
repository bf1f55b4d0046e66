// Domain errors carry a user-facing message (what went wrong and what to do). Only api/ maps them to transport errors.
export type DomainErrorKind = 'not-found' | 'conflict' | 'invalid' | 'unauthenticated' | 'forbidden' | 'not-ready' | 'limit' | 'unavailable';

export class DomainError extends Error {
  constructor(
    readonly kind: DomainErrorKind,
    message: string,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const notFound = (what: string) => new DomainError('not-found', `${what} was not found.`);
export const invalid = (message: string) => new DomainError('invalid', message);
export const conflict = (message: string) => new DomainError('conflict', message);
export const unauthenticated = (message = 'Sign in again: your session is missing or has expired.') => new DomainError('unauthenticated', message);
export const forbidden = (message: string) => new DomainError('forbidden', message);
export const notReady = (message: string) => new DomainError('not-ready', message);
export const limitExceeded = (message: string) => new DomainError('limit', message);
