// The door of every password sign-in (admins and viewers): a public procedure taking workspace, e-mail and password,
// with the limits every password guess meets (throttle-password-guesses.ts).
import { z } from 'zod';
import { email, slug } from './routers/fields.js';
import { throttlePasswordGuess, type PasswordGuessLimits } from './throttle-password-guesses.js';
import { publicProcedure, rateLimited } from './trpc.js';

export function signInProcedure(door: string, limits: PasswordGuessLimits) {
  return publicProcedure
    .use(rateLimited(door, limits.attempts))
    .input(z.object({ tenantSlug: slug, email, password: z.string().min(1).max(200) }))
    .use(({ ctx, input, next }) => throttlePasswordGuess(ctx, { door, account: `${input.tenantSlug}\n${input.email}`, misses: 'failed sign-ins' }, limits, next));
}
