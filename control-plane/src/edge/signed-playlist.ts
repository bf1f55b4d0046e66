// A playlist fetched with the signature in its query string is served with that same query added to every
// relative URI in it (variant playlists, init segments, media segments). Players that load child URLs as
// written (Safari's native HLS, VLC, ffmpeg) then carry the grant down the whole tree without cookies.
const URI_ATTRIBUTE = /URI="([^"]*)"/g;
const HAS_SCHEME = /^[a-z][a-z0-9+.-]*:/i;

export function propagateSigningQuery(playlist: string, signingQuery: string): string {
  const sign = (uri: string) => (uri === '' || HAS_SCHEME.test(uri) || uri.startsWith('//') ? uri : `${uri}${uri.includes('?') ? '&' : '?'}${signingQuery}`);
  return playlist
    .split('\n')
    .map((line) => {
      const trimmed = line.trim();
      if (trimmed === '') return line;
      if (trimmed.startsWith('#')) return line.replace(URI_ATTRIBUTE, (_match, uri: string) => `URI="${sign(uri)}"`);
      return sign(trimmed);
    })
    .join('\n');
}
