// The six-digit codes the platform e-mails (a viewer's password reset, a viewer's sign-up): each works for an hour and
// for at most five tries, so a guesser has a 1 in 200,000 chance; stored hashed as a password is.
import { randomInt } from 'node:crypto';
import { hashPassword, verifyPassword } from './passwords.js';

const CODE_SECONDS = 3600;
const CODE_TRIES = 5;

export interface EmailedCode {
  code: string;
  hash: string;
  expiresAt: Date;
}

export async function newEmailedCode(now: Date): Promise<EmailedCode> {
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  return { code, hash: await hashPassword(code), expiresAt: new Date(now.getTime() + CODE_SECONDS * 1000) };
}

/** What a stored code says of a typed one: `expired` also covers no code, a used one and one tried too often. */
export async function checkEmailedCode(stored: { hash: string | null; expiresAt: Date | null; attempts: number } | undefined, typed: string, now: Date): Promise<'matches' | 'wrong' | 'expired'> {
  const current = stored?.hash && stored.expiresAt && stored.expiresAt > now && stored.attempts < CODE_TRIES ? stored.hash : undefined;
  // Hashed whatever the state, as a sign-in is: the time does not tell who has an account or a code.
  const matches = await verifyPassword(typed.trim(), current);
  if (!current) return 'expired';
  return matches ? 'matches' : 'wrong';
}
