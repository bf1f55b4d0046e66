// Where signing in sends the admin: back to the page a session expiry interrupted, carried as /login?next=…. Only a
// path on the portal's own origin is taken, so a crafted link cannot hand a fresh session's first page to another site.
const NEXT = 'next';

/** The sign-in page, remembering `path` (path and query) to come back to. */
export function loginPathReturningTo(path: string): string {
  return path === '/' ? '/login' : `/login?${new URLSearchParams({ [NEXT]: path }).toString()}`;
}

/** The same-origin path that `search` (a /login?… query) names, or the library. */
export function returnPathFrom(search: string, origin: string): string {
  const next = new URLSearchParams(search).get(NEXT);
  // A path, not `//host` or `/\host` (both leave the origin); the URL parser has the last word.
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/';
  try {
    const target = new URL(next, origin);
    return target.origin === origin ? target.pathname + target.search + target.hash : '/';
  } catch {
    return '/';
  }
}
