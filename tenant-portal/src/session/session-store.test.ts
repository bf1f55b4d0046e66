import { TRPCClientError } from '@trpc/client';
import { describe, expect, it, vi } from 'vitest';
import type { AdminSessionWire } from '../api/api-types.js';
import { retireStoredRefreshToken } from './legacy-session.js';
import { SIGNED_IN_KEY, SessionStore, type SessionStoreDeps } from './session-store.js';

const MINUTE = 60_000;
const REUSED = 'This session was ended (its refresh token was used twice). Sign in again.';

function memoryStorage() {
  const items = new Map<string, string>();
  return { items, getItem: (key: string) => items.get(key) ?? null, setItem: (key: string, value: string) => void items.set(key, value), removeItem: (key: string) => void items.delete(key) };
}

/** A token whose payload carries the role, as the server's access tokens do. */
function accessToken(role: 'owner' | 'admin', n: number): string {
  return `h.${btoa(JSON.stringify({ role, n })).replace(/=+$/, '')}.s`;
}

/** A session as the server answers the portal: the refresh token went into the cookie, not here. */
function wire(n: number, expiresAt: number): AdminSessionWire {
  return {
    accessToken: accessToken('owner', n),
    accessTokenExpiresAt: new Date(expiresAt).toISOString(),
    refreshTokenExpiresAt: new Date(expiresAt + 30 * 24 * 60 * MINUTE).toISOString(),
    tenantId: 't1',
    tenantSlug: 'acme',
    email: 'me@acme.example',
  };
}

function unauthorized(message: string) {
  return TRPCClientError.from({ error: { message, code: -32001, data: { code: 'UNAUTHORIZED', httpStatus: 401 } } });
}

/**
 * The browser's one cookie and the server behind it: each refresh sends the cookie as it is when the request
 * leaves, rotates it, and a value presented a second time is reuse, which ends the session.
 */
function cookieServer(now: () => number) {
  let current = 1;
  const rotated = new Set<number>();
  const sent: number[] = [];
  const refresh = vi.fn(async () => {
    const presented = current;
    sent.push(presented);
    await new Promise((resolve) => setTimeout(resolve, 1));
    if (rotated.has(presented)) throw unauthorized(REUSED);
    rotated.add(presented);
    current = presented + 1;
    return wire(current, now() + 15 * MINUTE);
  });
  /** A thief refreshes with a copy of the browser's cookie: the browser's value is now a rotated one. */
  const steal = () => void rotated.add(current);
  return { refresh, sent, steal };
}

/** Web Locks between tabs: one holder at a time, in the order asked. */
function sharedLock(): SessionStoreDeps['withLock'] {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(_name: string, task: () => Promise<T>) => {
    const run = tail.then(task, task);
    tail = run.catch(() => undefined);
    return run;
  };
}

function setup(overrides: Partial<SessionStoreDeps> = {}) {
  let now = 1_000_000;
  const timers: { run: () => void; at: number }[] = [];
  const storage = memoryStorage();
  const server = cookieServer(() => now);
  const deps: SessionStoreDeps = {
    storage,
    refresh: server.refresh,
    logout: vi.fn(async () => undefined),
    now: () => now,
    withLock: sharedLock(),
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
    await new Promise((resolve) => setTimeout(resolve, 5));
  };
  return { deps, storage, server, advance, now: () => now };
}

/** The server out of reach (as tRPC reports a failed fetch) until `back()`. */
function offline(deps: SessionStoreDeps) {
  let reachable = false;
  const refresh = deps.refresh;
  deps.refresh = vi.fn(async () => {
    if (!reachable) throw TRPCClientError.from(new TypeError('Failed to fetch'));
    return refresh();
  });
  return { back: () => void (reachable = true) };
}

describe('SessionStore', () => {
  it('keeps tokens in memory only, and refreshes through the cookie a minute before expiry', async () => {
    const { deps, storage, advance, now } = setup();
    const store = new SessionStore(deps);
    store.signedIn(wire(1, now() + 15 * MINUTE));
    expect(store.getState().session).toMatchObject({ role: 'owner', email: 'me@acme.example', tenantSlug: 'acme' });
    // Storage says only that this browser is signed in, and since when.
    expect([...storage.items]).toEqual([[SIGNED_IN_KEY, String(now())]]);
    await advance(13 * MINUTE);
    expect(deps.refresh).not.toHaveBeenCalled();
    await advance(1 * MINUTE + 1);
    expect(deps.refresh).toHaveBeenCalledWith();
    expect(store.getState().session?.accessToken).toBe(accessToken('owner', 2));
    expect([...storage.items.values()].join()).not.toContain('h.');
  });

  it('refreshes once for many requests that find the token about to expire', async () => {
    const { deps, now } = setup();
    const store = new SessionStore(deps);
    store.signedIn(wire(1, now() + 30_000));
    const tokens = await Promise.all([store.accessToken(), store.accessToken(), store.accessToken()]);
    expect(deps.refresh).toHaveBeenCalledTimes(1);
    expect(new Set(tokens)).toEqual(new Set([accessToken('owner', 2)]));
  });

  it('restores the session after a reload from the cookie alone, and requests wait for it', async () => {
    const { deps, storage } = setup();
    storage.setItem(SIGNED_IN_KEY, '1');
    const store = new SessionStore(deps);
    expect(store.getState()).toEqual({ session: undefined, notice: undefined, restoring: true, expired: false });
    expect(await store.accessToken()).toBe(accessToken('owner', 2));
    expect(deps.refresh).toHaveBeenCalledTimes(1);
    expect(store.getState()).toMatchObject({ restoring: false, session: { email: 'me@acme.example' } });
  });

  it('asks the server nothing on a first visit', async () => {
    const { deps } = setup();
    const store = new SessionStore(deps);
    expect(store.getState()).toEqual({ session: undefined, notice: undefined, restoring: false, expired: false });
    expect(await store.accessToken()).toBeUndefined();
    expect(deps.refresh).not.toHaveBeenCalled();
  });

  it('never sends one cookie twice when tabs refresh at the same moment', async () => {
    const { deps, server, now } = setup();
    const tabs = [new SessionStore(deps), new SessionStore(deps), new SessionStore(deps)];
    tabs[0]?.signedIn(wire(1, now() + 10_000));
    for (const tab of tabs.slice(1)) tab.otherTabChanged();
    await Promise.all(tabs.map((tab) => tab.refresh()));
    // Each refresh sent the cookie the one before it set: no value twice, so no tab tripped reuse.
    expect(new Set(server.sent).size).toBe(server.sent.length);
    for (const tab of tabs) expect(tab.getState()).toMatchObject({ session: { tenantSlug: 'acme' }, notice: undefined });
  });

  it('ends the session with the server’s reason when the cookie’s token was reused, and tells the other tabs', async () => {
    const { deps, storage, server, now } = setup();
    const store = new SessionStore(deps);
    const other = new SessionStore(deps);
    store.signedIn(wire(1, now() + 10_000));
    other.otherTabChanged();
    await other.refresh();
    server.steal();
    expect(await store.accessToken()).toBeUndefined();
    expect(store.getState()).toEqual({ session: undefined, notice: REUSED, restoring: false, expired: true });
    expect(storage.getItem(SIGNED_IN_KEY)).toBeNull();
    other.otherTabChanged();
    expect(other.getState()).toMatchObject({ session: undefined, notice: 'Your session ended in another tab.' });
  });

  it('keeps the session when the refresh fails for a network reason, and tries again', async () => {
    const { deps, advance, now } = setup();
    const network = offline(deps);
    const store = new SessionStore(deps);
    store.signedIn(wire(1, now() + 10_000));
    await expect(store.refresh()).rejects.toThrow('Failed to fetch');
    expect(store.getState().session?.accessToken).toBe(accessToken('owner', 1));
    network.back();
    await advance(10_000);
    expect(store.getState().session?.accessToken).toBe(accessToken('owner', 2));
  });

  it('keeps restoring while the server cannot be reached, saying so, and gets there', async () => {
    const { deps, storage, advance } = setup();
    const network = offline(deps);
    storage.setItem(SIGNED_IN_KEY, '1');
    const store = new SessionStore(deps);
    await advance(0);
    expect(store.getState()).toMatchObject({ restoring: true, session: undefined, notice: expect.stringContaining('Cannot reach OTT Cloud') });
    network.back();
    await advance(10_000);
    expect(store.getState()).toMatchObject({ restoring: false, notice: undefined, session: { tenantSlug: 'acme' } });
  });

  it('signs out here and in the other tabs even when the server cannot be told', async () => {
    const { deps, storage, now } = setup({ logout: vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))) });
    const store = new SessionStore(deps);
    const other = new SessionStore(deps);
    store.signedIn(wire(1, now() + 15 * MINUTE));
    other.otherTabChanged();
    await store.refresh();
    await store.signOut();
    expect(deps.logout).toHaveBeenCalledWith();
    expect(store.getState()).toEqual({ session: undefined, notice: undefined, restoring: false, expired: false });
    expect(storage.getItem(SIGNED_IN_KEY)).toBeNull();
    other.otherTabChanged();
    expect(other.getState().session).toBeUndefined();
    // A tab that was waiting to refresh when the other signed out does not send the ended session's cookie.
    const calls = vi.mocked(deps.refresh).mock.calls.length;
    await other.refresh();
    expect(vi.mocked(deps.refresh).mock.calls.length).toBe(calls);
  });
});

describe('retireStoredRefreshToken', () => {
  it('removes the session earlier portals kept in localStorage and ends it on the server', () => {
    const storage = memoryStorage();
    storage.setItem('ott.portal.session', JSON.stringify({ accessToken: 'a', refreshToken: 'old-refresh-token', email: 'me@acme.example' }));
    const revoke = vi.fn(async () => undefined);
    retireStoredRefreshToken(storage, revoke);
    expect(storage.items.size).toBe(0);
    expect(revoke).toHaveBeenCalledWith('old-refresh-token');
    retireStoredRefreshToken(storage, revoke);
    expect(revoke).toHaveBeenCalledTimes(1);
  });
});
