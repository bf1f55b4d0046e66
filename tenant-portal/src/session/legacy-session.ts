// Earlier portals kept the whole session, refresh token included, in localStorage, where any script on the page
// could read it. A browser still holding one gets it removed at start and its session ended on the server: the
// admin signs in once more, and from then on the refresh token lives in the httpOnly cookie.
const LEGACY_KEY = 'ott.portal.session';

export function retireStoredRefreshToken(storage: Pick<Storage, 'getItem' | 'removeItem'>, revoke: (refreshToken: string) => Promise<unknown>): void {
  const stored = storage.getItem(LEGACY_KEY);
  if (stored === null) return;
  storage.removeItem(LEGACY_KEY);
  const refreshToken = refreshTokenIn(stored);
  if (refreshToken) void revoke(refreshToken).catch(() => undefined);
}

function refreshTokenIn(text: string): string | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && 'refreshToken' in value && typeof value.refreshToken === 'string' ? value.refreshToken : undefined;
  } catch {
    return undefined;
  }
}
