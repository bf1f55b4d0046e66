// The session store wired to the browser: localStorage, Web Locks, timers, and the `storage` event that
// tells this tab what the others did.
import type { ApiClient } from '../api/trpc-client.js';
import { SESSION_KEY, SessionStore } from './session-store.js';

export function createBrowserSessionStore(publicApi: ApiClient): SessionStore {
  const store = new SessionStore({
    storage: window.localStorage,
    refresh: (refreshToken) => publicApi.auth.refresh.mutate({ refreshToken }),
    logout: (refreshToken) => publicApi.auth.logout.mutate({ refreshToken }),
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
    if (event.key === SESSION_KEY || event.key === null) store.adoptStored();
  });
  return store;
}
