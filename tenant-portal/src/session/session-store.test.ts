import { TRPCClientError } from '@trpc/client';
import { describe, expect, it, vi } from 'vitest';
import type { AdminSessionWire } from '../api/api-types.js';
import { SESSION_KEY, SessionStore, type SessionStoreDeps } from './session-store.js';

const MINUTE = 60_000;

function memoryStorage() {
  const items = new Map<string, string>();
  return { getItem: (key: string) => items.get(key) ?? null, setItem: (key: string, value: string) => void items.set(key, value), removeItem: (key: string) => void items.delete(key) };
}

/** A token whose payload carries the role, as the server's access tokens do. */
function accessToken(role: 'owner' | 'admin', n: number): string {
  return `h.${btoa(JSON.stringify({ role, n })).replace(/=+$/, '')}.s`;
}

function wire(n: number, expiresAt: number): AdminSessionWire {
  return { accessToken: accessToken('owner', n), accessTokenExpiresAt: new Date(expiresAt).toISOString(), refreshToken: `refresh-${n}`, tenantId: 't1', tenantSlug: 'acme' };
}

function unauthorized(message: string) {
  return TRPCClientError.from({ error: { message, code: -32001, data: { code: 'UNAUTHORIZED', httpStatus: 401 } } });
}

function setup(overrides: Partial<SessionStoreDeps> = {}) {
  let now = 1_000_000;
  const timers: { run: () => void; at: number }[] = [];
  const storage = memoryStorage();
  const deps: SessionStoreDeps = {
    storage,
    refresh: vi.fn(async (token: string) => wire(Number(token.split('-')[1]) + 1, now + 15 * MINUTE)),
    logout: vi.fn(async () => undefined),
    now: () => now,
    withLock: (_name, task) => task(),
    setTimer: (run, ms) => {
      const timer = { run, at: now + ms };
      timers.push(timer);
      return () => timers.splice(timers.indexOf(timer), 1);
    },
    ...overrides,
  };
  const advance = async (ms: number) => {
    now += ms;
    for (const timer of timers.filter((candidate) => candidate.at <= now)) {
      timers.splice(timers.indexOf(timer), 1);
      timer.run();
    }
    await new Promise((resolve) => setTimeout(resolve, 0));
  };
  return { deps, storage, advance, now: () => now };
}

describe('SessionStore', () => {
  it('keeps the session in storage, reads the role from the token, and refreshes a minute before expiry', async () => {
    const { deps, storage, advance, now } = setup();
    const store = new SessionStore(deps);
    store.signedIn(wire(1, now() + 15 * MINUTE), 'me@acme.example');
    expect(store.getState().session?.role).toBe('owner');
    expect(JSON.parse(storage.getItem(SESSION_KEY) ?? '{}')).toMatchObject({ refreshToken: 'refresh-1', email: 'me@acme.example' });
    await advance(13 * MINUTE);
    expect(deps.refresh).not.toHaveBeenCalled();
    await advance(1 * MINUTE + 1);
    expect(deps.refresh).toHaveBeenCalledWith('refresh-1');
    expect(store.getState().session?.refreshToken).toBe('refresh-2');
    expect(JSON.parse(storage.getItem(SESSION_KEY) ?? '{}').refreshToken).toBe('refresh-2');
  });

  it('refreshes once for many requests that find the token about to expire', async () => {
    const { deps, now } = setup();
    const store = new SessionStore(deps);
    store.signedIn(wire(1, now() + 30_000), 'me@acme.example');
    const tokens = await Promise.all([store.accessToken(), store.accessToken(), store.accessToken()]);
    expect(deps.refresh).toHaveBeenCalledTimes(1);
    expect(new Set(tokens)).toEqual(new Set([accessToken('owner', 2)]));
  });

  it('takes the token another tab already rotated instead of reusing the old one', async () => {
    const { deps, storage, now } = setup();
    const store = new SessionStore(deps);
    store.signedIn(wire(1, now() + 30_000), 'me@acme.example');
    // The other tab refreshed first and wrote its new session.
    storage.setItem(SESSION_KEY, JSON.stringify({ ...store.getState().session, refreshToken: 'refresh-7', accessToken: accessToken('owner', 7), accessTokenExpiresAt: now() + 15 * MINUTE }));
    expect(await store.accessToken()).toBe(accessToken('owner', 7));
    expect(deps.refresh).not.toHaveBeenCalled();
  });

  it('ends the session with the server’s reason when the refresh token was reused', async () => {
    const reason = 'This session was ended (its refresh token was used twice). Sign in again.';
    const { deps, storage, now } = setup({ refresh: vi.fn(async () => Promise.reject(unauthorized(reason))) });
    const store = new SessionStore(deps);
    store.signedIn(wire(1, now() + 10_000), 'me@acme.example');
    expect(await store.accessToken()).toBeUndefined();
    expect(store.getState()).toEqual({ session: undefined, notice: reason });
    expect(storage.getItem(SESSION_KEY)).toBeNull();
  });

  it('keeps the session when the refresh fails for a network reason, and tries again', async () => {
    let fail = true;
    const { deps, advance, now } = setup({
      refresh: vi.fn(async (token: string) => {
        if (fail) throw new TypeError('Failed to fetch');
        return wire(Number(token.split('-')[1]) + 1, now() + 15 * MINUTE);
      }),
    });
    const store = new SessionStore(deps);
    store.signedIn(wire(1, now() + 10_000), 'me@acme.example');
    await expect(store.refresh()).rejects.toThrow('Failed to fetch');
    expect(store.getState().session?.refreshToken).toBe('refresh-1');
    fail = false;
    await advance(10_000);
    expect(store.getState().session?.refreshToken).toBe('refresh-2');
  });

  it('signs out here even when the server cannot be told', async () => {
    const { deps, now } = setup({ logout: vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))) });
    const store = new SessionStore(deps);
    store.signedIn(wire(1, now() + 15 * MINUTE), 'me@acme.example');
    await store.signOut();
    expect(deps.logout).toHaveBeenCalledWith('refresh-1');
    expect(store.getState().session).toBeUndefined();
  });
});
