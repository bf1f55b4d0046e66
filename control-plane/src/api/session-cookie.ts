// The portal keeps its refresh token in an httpOnly, SameSite=Strict cookie that no page script can read, so an
// injected script cannot carry a 30-day session away; bearer clients (the CLI, scripts) keep it in request and
// answer bodies. A browser attaches a cookie to requests the page never meant to make, so every use of this one
// also needs the request to come from the portal's own page: its Origin must be the API's public origin (the API
// serves the portal, so the portal needs no credentialed CORS).
import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import type { AdminSession } from '../domain/admins/admin-sessions.js';
import { DomainError } from '../domain/errors.js';
import type { ApiContext } from './context.js';

const NAME = 'ott_refresh';
/** A cookie path matches only itself or what follows a '/', and tRPC's are `/trpc/<procedure>`: one cookie each. */
const PATHS = ['/trpc/auth.refresh', '/trpc/auth.logout'];

/** Where a new session's refresh token goes: the answer's body (bearer clients) or the portal's cookie. */
export const refreshTokenIn = z.enum(['body', 'cookie']).default('body');

/** A session as answered: without the refresh token when the cookie carries it. */
export type SessionAnswer = Omit<AdminSession, 'refreshToken'> & { refreshToken?: string };

/**
 * Starts a session (`start`: a sign-up, sign-in or password change) and answers it `where` asked. The cookie's checks
 * come first: a request that may not have the cookie (another site's page, no HTTP request) is refused before
 * anything is done, not merely left without the cookie after the account was created or the password changed.
 */
export async function answerNewSession(ctx: ApiContext, where: z.infer<typeof refreshTokenIn>, start: () => Promise<AdminSession>): Promise<SessionAnswer> {
  if (where === 'body') return start();
  const cookie = portalCookie(ctx);
  return cookie.keep(await start());
}

export interface PortalCookie {
  /** The refresh token the browser sent, if any. */
  token: string | undefined;
  /** Puts the session's refresh token in the cookie and answers the rest. */
  keep(session: AdminSession): SessionAnswer;
  clear(): void;
}

/** The session cookie of a request from the portal's own page; refuses any other caller. */
export function portalCookie(ctx: ApiContext): PortalCookie {
  if (!ctx.http) throw new TRPCError({ code: 'BAD_REQUEST', message: 'A session cookie needs an HTTP request: send the refresh token in the body instead.' });
  const { request, response } = ctx.http;
  const portal = new URL(ctx.deps.urls.api);
  if (request.headers.origin !== portal.origin) {
    throw new TRPCError({ code: 'FORBIDDEN', message: `The session cookie is used only by the OTT Cloud portal at ${portal.origin}. Other clients send the refresh token in the body.` });
  }
  const secure = portal.protocol === 'https:' ? '; Secure' : '';
  const write = (value: string, maxAgeSeconds: number) => {
    for (const path of PATHS) response.appendHeader('Set-Cookie', `${NAME}=${value}; Path=${path}; Max-Age=${maxAgeSeconds}; HttpOnly; SameSite=Strict${secure}`);
  };
  return {
    token: readCookie(request.headers.cookie, NAME),
    keep(session) {
      const { refreshToken, ...answer } = session;
      write(refreshToken, Math.max(0, Math.ceil((session.refreshTokenExpiresAt.getTime() - ctx.deps.clock.now().getTime()) / 1000)));
      return answer;
    },
    clear: () => write('', 0),
  };
}

/** Runs `use` with the cookie's refresh token; a token the server refuses can never work again, so its cookie goes. */
export async function withCookieToken<T>(cookie: PortalCookie, use: (refreshToken: string) => Promise<T>): Promise<T> {
  if (!cookie.token) throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Sign in again: your session is missing or has expired.' });
  try {
    return await use(cookie.token);
  } catch (error) {
    if (error instanceof DomainError && error.kind === 'unauthenticated') cookie.clear();
    throw error;
  }
}

function readCookie(header: string | undefined, name: string): string | undefined {
  for (const pair of header?.split(';') ?? []) {
    const [key, ...value] = pair.trim().split('=');
    if (key === name && value.length > 0) return value.join('=') || undefined;
  }
  return undefined;
}
