// Keeps the admin signed in: refreshes the access token a minute before it expires (and before any request
// that would carry an expiring one), shares the session between tabs, and ends it with a reason the login
// screen shows. Refresh tokens rotate and a reused one ends every session, so two tabs must never send the
// same one: refreshing happens under a cross-tab lock, and a tab that finds the stored token already rotated
// by another tab takes that one instead of refreshing again.
import type { AdminSessionWire } from '../api/api-types.js';
import { isUnauthorized, errorMessage } from '../api/api-error.js';
import { parseSession, sessionFromWire, type Session } from './session.js';

export const SESSION_KEY = 'ott.portal.session';
/** Refresh this long before the access token expires. */
const REFRESH_MARGIN_MS = 60_000;
/** A failed refresh (network) is tried again this soon. */
const RETRY_MS = 10_000;

export interface SessionState {
  session: Session | undefined;
  /** Why the last session ended, for the login screen. */
  notice: string | undefined;
}

export interface SessionStoreDeps {
  storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;
  refresh: (refreshToken: string) => Promise<AdminSessionWire>;
  logout: (refreshToken: string) => Promise<unknown>;
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
    this.state = { session: parseSession(deps.storage.getItem(SESSION_KEY)), notice: undefined };
    this.schedule();
  }

  getState = (): SessionState => this.state;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  signedIn(wire: AdminSessionWire, email: string): Session {
    const session = sessionFromWire(wire, email);
    this.deps.storage.setItem(SESSION_KEY, JSON.stringify(session));
    this.set({ session, notice: undefined });
    return session;
  }

  /** An access token good for at least the refresh margin, refreshing first when needed. */
  accessToken = async (): Promise<string | undefined> => {
    const session = this.state.session;
    if (!session) return undefined;
    if (session.accessTokenExpiresAt - this.deps.now() > REFRESH_MARGIN_MS) return session.accessToken;
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
    const session = this.state.session;
    this.end(undefined);
    // Revoking is a courtesy to the server; the local session is gone whatever it answers.
    if (session) await this.deps.logout(session.refreshToken).catch(() => undefined);
  }

  /** Ends the session here and in other tabs; `notice` tells the login screen why. */
  end(notice: string | undefined): void {
    this.deps.storage.removeItem(SESSION_KEY);
    this.set({ session: undefined, notice });
  }

  /** Another tab wrote the session (signed in, refreshed, signed out). */
  adoptStored(): void {
    const stored = parseSession(this.deps.storage.getItem(SESSION_KEY));
    if (stored?.refreshToken === this.state.session?.refreshToken && stored?.accessToken === this.state.session?.accessToken) return;
    this.set({ session: stored, notice: stored ? undefined : this.state.notice });
  }

  private async refreshLocked(): Promise<Session | undefined> {
    const mine = this.state.session;
    if (!mine) return undefined;
    const stored = parseSession(this.deps.storage.getItem(SESSION_KEY));
    if (!stored) {
      this.end('You signed out in another tab.');
      return undefined;
    }
    if (stored.refreshToken !== mine.refreshToken && stored.accessTokenExpiresAt - this.deps.now() > REFRESH_MARGIN_MS) {
      this.set({ session: stored, notice: undefined });
      return stored;
    }
    try {
      const wire = await this.deps.refresh(stored.refreshToken);
      return this.signedIn(wire, stored.email);
    } catch (error) {
      if (isUnauthorized(error)) {
        this.end(errorMessage(error));
        return undefined;
      }
      // Offline or the server restarting: keep the session and try again soon; requests meanwhile fail
      // with their own readable error.
      this.cancelTimer?.();
      this.cancelTimer = this.deps.setTimer(() => void this.refresh(), RETRY_MS);
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
