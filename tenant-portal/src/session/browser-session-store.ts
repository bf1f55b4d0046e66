// The session store wired to the browser: the API's session calls (the refresh cookie goes along by itself),
// Web Locks, timers, and the `storage` event that tells this tab what the others did.
import type { ApiClient } from '../api/trpc-client.js';
import { retireStoredRefreshToken } from './legacy-session.js';
import { SIGNED_IN_KEY, SessionStore } from './session-store.js';

/** `sessionApi` must send each call on its own: the cookie's path is the procedure's own URL, not a batch's. */
export function createBrowserSessionStore(sessionApi: ApiClient): SessionStore {
  retireStoredRefreshToken(window.localStorage, (refreshToken) => sessionApi.auth.logout.mutate({ refreshToken }));
  const store = new SessionStore({
    storage: window.localStorage,
    refresh: () => sessionApi.auth.refresh.mutate({}),
    logout: () => sessionApi.auth.logout.mutate({}),
    now: () => Date.now(),
    // Without Web Locks (old browsers) the refresh is only single-flight within this tab.
    withLock: async (name, task) => (navigator.locks ? navigator.locks.request(name, async () => await task()) : task()),
    setTimer: (run, ms) => {
      // Timers are clamped to 2^31 ms; a far deadline is simply checked again later.
      const timer = window.setTimeout(run, Math.min(ms, 2 ** 31 - 1));
      return () => window.clearTimeout(timer);
    },
  });
  window.addEventListener('storage', (event) => {
    if (event.key === SIGNED_IN_KEY || event.key === null) store.otherTabChanged();
  });
  return store;
}
