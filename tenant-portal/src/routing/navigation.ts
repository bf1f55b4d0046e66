// History-API navigation: one tiny store over window.location, so links work without a router library.
import { useSyncExternalStore } from 'react';

const listeners = new Set<() => void>();

function notify(): void {
  for (const listener of listeners) listener();
}

window.addEventListener('popstate', notify);

/** `keepScroll`: the same page with other choices (a filter, a range), read on where the reader was. */
export function navigate(path: string, options: { replace?: boolean; keepScroll?: boolean } = {}): void {
  if (path === window.location.pathname + window.location.search) return;
  if (options.replace) window.history.replaceState(null, '', path);
  else window.history.pushState(null, '', path);
  if (!options.keepScroll) window.scrollTo(0, 0);
  notify();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function usePathname(): string {
  return useSyncExternalStore(subscribe, () => window.location.pathname);
}

/** The address's query string (`?range=30d`), for pages that keep their choices in it. */
export function useLocationSearch(): string {
  return useSyncExternalStore(subscribe, () => window.location.search);
}
