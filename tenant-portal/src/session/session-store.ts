// Keeps the admin signed in with the access token in memory only; the refresh token is an httpOnly cookie this
// code never sees. A reload or a new tab restores the session by refreshing through the cookie. The access token
// is refreshed a minute before it expires (and before any request that would carry an expiring one), and a
// session that ends says why on the login screen.
// All tabs share the one cookie. Refreshing rotates it, and a rotated token presented again ends the session
// (reuse), so two tabs must never refresh at once: refreshing runs under a cross-tab lock (Web Locks), and the
// browser has stored the new cookie before the lock is released, so the next tab sends that one. Tabs learn of a
// sign-in or sign-out elsewhere from a localStorage entry that holds no secret: only when the last sign-in was.
import type { AdminSessionWire } from '../api/api-types.js';
import { isUnauthorized, errorMessage } from '../api/api-error.js';
import { sessionFromWire, type Session } from './session.js';

/** Present while this browser is signed in: its value (the sign-in time) changes at each sign-in. */
export const SIGNED_IN_KEY = 'ott.portal.signed-in';
/** Refresh this long before the access token expires. */
const REFRESH_MARGIN_MS = 60_000;
/** A failed refresh (network) is tried again this soon. */
const RETRY_MS = 10_000;

export interface SessionState {
  session: Session | undefined;
  /** Why the last session ended, for the login screen; while restoring, why it is taking long. */
  notice: string | undefined;
  /** A reload or a new tab asking the server for the session the cookie holds. */
  restoring: boolean;
  /** The last session ended without a sign-out (it expired or the server ended it): signing in returns to its page. */
  expired: boolean;
}

export interface SessionStoreDeps {
  storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;
  /** auth.refresh with the browser's cookie: rotates it and answers a fresh access token. */
  refresh: () => Promise<AdminSessionWire>;
  /** auth.logout with the browser's cookie: ends this browser's session and clears the cookie. */
  logout: () => Promise<unknown>;
  now: () => number;
  /** navigator.locks where the browser has it. */
  withLock: <T>(name: string, task: () => Promise<T>) => Promise<T>;
  setTimer: (run: () => void, ms: number) => () => void;
}

export class SessionStore {
  private state: SessionState;
  private readonly listeners = new Set<() => void>();
  private refreshing: Promise<Session | undefined> | undefined;
  private cancelTimer: (() => void) | undefined;

  constructor(private readonly deps: SessionStoreDeps) {
    const restoring = this.signedInHere();
    this.state = { session: undefined, notice: undefined, restoring, expired: false };
    if (restoring) void this.refresh().catch(() => undefined);
  }

  getState = (): SessionState => this.state;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** A sign-in, sign-up or password change answered a session (its refresh token went into the cookie). */
  signedIn(wire: AdminSessionWire): Session {
    const session = sessionFromWire(wire);
    this.deps.storage.setItem(SIGNED_IN_KEY, String(this.deps.now()));
    this.set({ session, notice: undefined, restoring: false, expired: false });
    return session;
  }

  /** An access token good for at least the refresh margin, refreshing (or still restoring) first when needed. */
  accessToken = async (): Promise<string | undefined> => {
    const session = this.state.session;
    if (session && session.accessTokenExpiresAt - this.deps.now() > REFRESH_MARGIN_MS) return session.accessToken;
    if (!session && !this.state.restoring) return undefined;
    return (await this.refresh())?.accessToken;
  };

  /** Single-flight within the tab, locked across tabs. */
  refresh(): Promise<Session | undefined> {
    this.refreshing ??= this.deps
      .withLock('ott.portal.refresh', () => this.refreshLocked())
      .finally(() => {
        this.refreshing = undefined;
      });
    return this.refreshing;
  }

  async signOut(): Promise<void> {
    this.deps.storage.removeItem(SIGNED_IN_KEY);
    this.set({ session: undefined, notice: undefined, restoring: false, expired: false });
    // Ending the session on the server is a courtesy to it; here it is gone whatever it answers.
    await this.deps.logout().catch(() => undefined);
  }

  /** The server ended the session (expired, revoked): ends it here and in the other tabs; `notice` tells the login screen why. */
  end(notice: string): void {
    this.deps.storage.removeItem(SIGNED_IN_KEY);
    this.set({ session: undefined, notice, restoring: false, expired: true });
  }

  /** Another tab signed in (perhaps as someone else: take the cookie's session) or ended the session. */
  otherTabChanged(): void {
    if (this.signedInHere()) {
      void this.refresh().catch(() => undefined);
    } else {
      this.endedElsewhere();
    }
  }

  private endedElsewhere(): void {
    if (this.state.session || this.state.restoring) this.set({ session: undefined, notice: 'Your session ended in another tab.', restoring: false, expired: false });
  }

  private signedInHere(): boolean {
    return this.deps.storage.getItem(SIGNED_IN_KEY) !== null;
  }

  private async refreshLocked(): Promise<Session | undefined> {
    // Another tab may have ended the session while this one waited for the lock.
    if (!this.signedInHere()) {
      this.endedElsewhere();
      return undefined;
    }
    try {
      const session = sessionFromWire(await this.deps.refresh());
      this.set({ session, notice: undefined, restoring: false, expired: false });
      return session;
    } catch (error) {
      if (isUnauthorized(error)) {
        this.end(errorMessage(error));
        return undefined;
      }
      // Offline or the server restarting: keep the session (or keep restoring it) and try again soon; requests
      // meanwhile fail with their own readable error.
      if (this.state.restoring) this.set({ ...this.state, notice: errorMessage(error) });
      this.cancelTimer?.();
      this.cancelTimer = this.deps.setTimer(() => void this.refresh().catch(() => undefined), RETRY_MS);
      throw error;
    }
  }

  private set(state: SessionState): void {
    this.state = state;
    this.schedule();
    for (const listener of this.listeners) listener();
  }

  private schedule(): void {
    this.cancelTimer?.();
    this.cancelTimer = undefined;
    const session = this.state.session;
    if (!session) return;
    const due = Math.max(0, session.accessTokenExpiresAt - REFRESH_MARGIN_MS - this.deps.now());
    this.cancelTimer = this.deps.setTimer(() => void this.refresh().catch(() => undefined), due);
  }
}
