// The portal's screens and their paths. The server answers every unknown path with index.html, so each of
// these can be reloaded or bookmarked.
export type Route =
  | { name: 'signup' }
  | { name: 'login' }
  | { name: 'forgot-password' }
  | { name: 'accept-invitation' }
  | { name: 'reset-password' }
  | { name: 'inbox' }
  | { name: 'welcome' }
  | { name: 'library' }
  | { name: 'video'; videoId: string }
  | { name: 'series' }
  | { name: 'series-detail'; seriesId: string }
  | { name: 'collections' }
  | { name: 'branding' }
  | { name: 'viewers' }
  | { name: 'sales' }
  | { name: 'signing-secrets' }
  | { name: 'developers' }
  | { name: 'webhooks' }
  | { name: 'admins' }
  | { name: 'usage' }
  | { name: 'analytics' }
  | { name: 'account' }
  | { name: 'not-found'; path: string };

const STATIC: Record<string, Route> = {
  '/': { name: 'library' },
  '/signup': { name: 'signup' },
  '/login': { name: 'login' },
  '/forgot-password': { name: 'forgot-password' },
  '/accept-invitation': { name: 'accept-invitation' },
  '/reset-password': { name: 'reset-password' },
  '/inbox': { name: 'inbox' },
  '/welcome': { name: 'welcome' },
  '/branding': { name: 'branding' },
  '/viewers': { name: 'viewers' },
  '/sales': { name: 'sales' },
  '/signing-secrets': { name: 'signing-secrets' },
  // The playback signing secrets' page was called "API keys" at /keys; old bookmarks still land on it.
  '/keys': { name: 'signing-secrets' },
  '/developers': { name: 'developers' },
  '/webhooks': { name: 'webhooks' },
  '/admins': { name: 'admins' },
  '/usage': { name: 'usage' },
  '/analytics': { name: 'analytics' },
  '/account': { name: 'account' },
  '/series': { name: 'series' },
  '/collections': { name: 'collections' },
};

export function routeOf(pathname: string): Route {
  const path = pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname;
  const fixed = STATIC[path];
  if (fixed) return fixed;
  const video = /^\/videos\/([0-9a-f-]{36})$/i.exec(path);
  if (video?.[1]) return { name: 'video', videoId: video[1] };
  const series = /^\/series\/([0-9a-f-]{36})$/i.exec(path);
  if (series?.[1]) return { name: 'series-detail', seriesId: series[1] };
  return { name: 'not-found', path };
}

export function pathOf(route: Route): string {
  switch (route.name) {
    case 'library':
      return '/';
    case 'video':
      return `/videos/${route.videoId}`;
    case 'series-detail':
      return `/series/${route.seriesId}`;
    case 'not-found':
      return route.path;
    default:
      return `/${route.name}`;
  }
}

/** Screens anyone may see; every other one needs a session. */
export function isPublicRoute(route: Route): boolean {
  return route.name === 'signup' || route.name === 'login' || route.name === 'forgot-password' || route.name === 'accept-invitation' || route.name === 'reset-password';
}
