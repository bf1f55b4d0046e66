// The portal's refresh token lives in an httpOnly, SameSite=Strict cookie sent only to auth.refresh and
// auth.logout, and used only for requests from the portal's own page (Origin): over real HTTP, as a browser and
// a cross-site attacker would send them. Bearer clients keep the token in the body.
import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiServer } from '../../src/api/http-server.js';
import { listen } from '../../src/bin/process-lifecycle.js';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.js';
import { PASSWORD, signUpActiveTenant } from '../support/tenants.js';
import { testLogger } from '../support/test-logger.js';

let platform: TestPlatform;
let tenant: { slug: string; email: string };

beforeAll(async () => {
  platform = await startTestPlatform();
  await platform.startWorker();
  tenant = await signUpActiveTenant(platform, 'cookies');
});
afterAll(() => platform?.close());

interface Answer {
  status: number;
  body: { result?: { data: Record<string, unknown> }; error?: { message: string } };
  cookies: string[];
}

async function call(procedure: string, input: unknown, headers: Record<string, string> = {}, api = platform.apiUrl): Promise<Answer> {
  const response = await fetch(`${api}/trpc/${procedure}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(input) });
  return { status: response.status, body: (await response.json()) as Answer['body'], cookies: response.headers.getSetCookie() };
}

/** The cookie a browser would send back: the value set for the refresh path. */
function refreshCookie(answer: Answer): string {
  const set = answer.cookies.find((cookie) => cookie.includes('Path=/trpc/auth.refresh;'));
  if (!set) throw new Error(`no refresh cookie in ${JSON.stringify(answer.cookies)}`);
  return set.split(';')[0] ?? '';
}

const fromPortal = (cookie?: string) => ({ origin: platform.apiUrl, ...(cookie ? { cookie } : {}) });
const signInWithCookie = () => call('auth.login', { tenantSlug: tenant.slug, email: tenant.email, password: PASSWORD, refreshTokenIn: 'cookie' }, fromPortal());

describe('the portal session cookie', () => {
  it('keeps the refresh token out of the answer, in two httpOnly SameSite=Strict cookies scoped to refresh and logout', async () => {
    const login = await signInWithCookie();
    expect(login.status).toBe(200);
    expect(login.body.result?.data).not.toHaveProperty('refreshToken');
    expect(login.body.result?.data).toMatchObject({ email: tenant.email, accessToken: expect.any(String) });
    expect(login.cookies).toHaveLength(2);
    const value = refreshCookie(login).split('=')[1];
    expect(login.cookies.map((cookie) => cookie.replace(/Max-Age=\d+/, 'Max-Age=…'))).toEqual([
      `ott_refresh=${value}; Path=/trpc/auth.refresh; Max-Age=…; HttpOnly; SameSite=Strict`,
      `ott_refresh=${value}; Path=/trpc/auth.logout; Max-Age=…; HttpOnly; SameSite=Strict`,
    ]);
    // As long as the refresh token lives: 30 days (less the moment the answer took).
    const maxAge = Number(/Max-Age=(\d+)/.exec(login.cookies[0] ?? '')?.[1]);
    expect(maxAge).toBeLessThanOrEqual(30 * 24 * 3600);
    expect(maxAge).toBeGreaterThan(30 * 24 * 3600 - 60);
  });

  it('rotates the cookie on refresh, restores the session from it alone, and treats the old value as reuse', async () => {
    const login = await signInWithCookie();
    const first = refreshCookie(login);
    const refreshed = await call('auth.refresh', {}, fromPortal(first));
    expect(refreshed.status).toBe(200);
    expect(refreshed.body.result?.data).toMatchObject({ tenantSlug: tenant.slug, email: tenant.email });
    expect(refreshed.body.result?.data).not.toHaveProperty('refreshToken');
    const second = refreshCookie(refreshed);
    expect(second).not.toBe(first);

    const reused = await call('auth.refresh', {}, fromPortal(first));
    expect(reused).toMatchObject({ status: 401, body: { error: { message: expect.stringContaining('used twice') } } });
    // The refused cookie is cleared, so the browser stops sending it.
    expect(reused.cookies).toEqual(['ott_refresh=; Path=/trpc/auth.refresh; Max-Age=0; HttpOnly; SameSite=Strict', 'ott_refresh=; Path=/trpc/auth.logout; Max-Age=0; HttpOnly; SameSite=Strict']);
  });

  it('refuses the cookie from another site, or with no Origin, without touching the session', async () => {
    const cookie = refreshCookie(await signInWithCookie());
    const attempts: Record<string, string>[] = [{ origin: 'http://attacker.example', cookie }, { origin: 'null', cookie }, { cookie }];
    for (const headers of attempts) {
      for (const procedure of ['auth.refresh', 'auth.logout']) {
        const answer = await call(procedure, {}, headers);
        expect(answer).toMatchObject({
          status: 403,
          body: { error: { message: `The session cookie is used only by the OTT Cloud portal at ${platform.apiUrl}. Other clients send the refresh token in the body.` } },
          cookies: [],
        });
      }
    }
    // Nothing above ended or rotated it: the portal's own page still refreshes with it.
    expect((await call('auth.refresh', {}, fromPortal(cookie))).status).toBe(200);
  });

  it('refuses a sign-in from another site before starting a session', async () => {
    const sessions = () =>
      platform.database.db
        .selectFrom('refresh_token_families')
        .innerJoin('tenants', 'tenants.id', 'refresh_token_families.tenant_id')
        .select('refresh_token_families.id')
        .where('tenants.slug', '=', tenant.slug)
        .execute();
    const before = await sessions();
    const answer = await call('auth.login', { tenantSlug: tenant.slug, email: tenant.email, password: PASSWORD, refreshTokenIn: 'cookie' }, { origin: 'http://attacker.example' });
    expect(answer).toMatchObject({ status: 403, cookies: [] });
    expect(await sessions()).toEqual(before);
  });

  it('refuses a sign-up that asks for the cookie from another site, or outside HTTP, before creating anything', async () => {
    const slug = `cross-site-${randomBytes(3).toString('hex')}`;
    const signup = { companyName: 'Cross Site Films', slug, email: `owner@${slug}.example`, password: PASSWORD, refreshTokenIn: 'cookie' as const };
    expect(await call('tenants.signup', signup, { origin: 'https://evil.example' })).toMatchObject({
      status: 403,
      body: { error: { message: `The session cookie is used only by the OTT Cloud portal at ${platform.apiUrl}. Other clients send the refresh token in the body.` } },
      cookies: [],
    });
    await expect(platform.caller().tenants.signup(signup)).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    const db = platform.database.db;
    expect(await db.selectFrom('tenants').select('id').where('slug', '=', slug).execute()).toEqual([]);
    expect(await db.selectFrom('admins').select('id').where('email', '=', signup.email).execute()).toEqual([]);
    // The workspace name is still free: the portal's own page signs it up.
    expect((await call('tenants.signup', signup, fromPortal())).status).toBe(200);
  });

  it('refuses a password change from another site before changing anything', async () => {
    const { slug, email, session } = await signUpActiveTenant(platform, 'cross-site-change');
    const change = { currentPassword: PASSWORD, newPassword: 'a password chosen elsewhere', refreshTokenIn: 'cookie' };
    expect(await call('auth.changePassword', change, { origin: 'https://evil.example', authorization: `Bearer ${session.accessToken}` })).toMatchObject({ status: 403, cookies: [] });
    // The password is as it was, and so is every session (a change would have ended them).
    expect((await platform.caller(session.accessToken).tenants.me()).slug).toBe(slug);
    expect((await platform.caller().auth.login({ tenantSlug: slug, email, password: PASSWORD })).tenantSlug).toBe(slug);
    await expect(platform.caller().auth.login({ tenantSlug: slug, email, password: change.newPassword })).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
  });

  it('signs out with the cookie: the family ends and both cookies are cleared', async () => {
    const cookie = refreshCookie(await signInWithCookie());
    const logout = await call('auth.logout', {}, fromPortal(cookie));
    expect(logout).toMatchObject({ status: 200, body: { result: { data: { signedOut: true } } } });
    expect(logout.cookies.every((set) => set.startsWith('ott_refresh=; ') && set.includes('Max-Age=0'))).toBe(true);
    expect(await call('auth.refresh', {}, fromPortal(cookie))).toMatchObject({ status: 401, body: { error: { message: 'This session was signed out. Sign in again.' } } });
  });

  it('answers a restore without a cookie with 401, so the portal shows its sign-in page', async () => {
    expect(await call('auth.refresh', {}, fromPortal())).toMatchObject({ status: 401, cookies: [] });
  });

  it('keeps bearer clients as they were: the token in the body, no cookie', async () => {
    const login = await call('auth.login', { tenantSlug: tenant.slug, email: tenant.email, password: PASSWORD });
    expect(login).toMatchObject({ status: 200, cookies: [], body: { result: { data: { refreshToken: expect.any(String) } } } });
    const refreshed = await call('auth.refresh', { refreshToken: login.body.result?.data.refreshToken });
    expect(refreshed).toMatchObject({ status: 200, cookies: [], body: { result: { data: { refreshToken: expect.any(String) } } } });
    expect((await call('auth.logout', { refreshToken: refreshed.body.result?.data.refreshToken })).status).toBe(200);
  });

  it('marks the cookie Secure when the API is served over https', async () => {
    // The same API as published at an https address (behind a TLS proxy): the portal's origin is that address.
    const server: Server = createApiServer({ deps: { ...platform.app.deps, urls: { ...platform.app.deps.urls, api: 'https://portal.ott.example' } }, log: testLogger });
    const port = await listen(server, 0, '127.0.0.1');
    try {
      const answer = await call(
        'auth.login',
        { tenantSlug: tenant.slug, email: tenant.email, password: PASSWORD, refreshTokenIn: 'cookie' },
        { origin: 'https://portal.ott.example' },
        `http://127.0.0.1:${port}`,
      );
      expect(answer.cookies).toHaveLength(2);
      for (const cookie of answer.cookies) expect(cookie).toMatch(/; HttpOnly; SameSite=Strict; Secure$/);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
