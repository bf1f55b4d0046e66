// The signed policy rides in the query string of every playlist and segment request, so playback works where
// cookies are blocked. URIs inside playlists the edge served already carry the grant they were fetched with;
// after a refresh those stale parameters are replaced, never duplicated (the edge refuses mixed grants).
const SIGNING_PARAMETERS = new Set(['Policy', 'Signature', 'Key-Pair-Id', 'Expires', 'Hash-Algorithm']);

/** `url` with any CloudFront signing parameters removed and `signingQuery` appended; the rest is kept as written. */
export function withSigningQuery(url: string, signingQuery: string): string {
  const hashAt = url.indexOf('#');
  const hash = hashAt === -1 ? '' : url.slice(hashAt);
  const withoutHash = hashAt === -1 ? url : url.slice(0, hashAt);
  const queryAt = withoutHash.indexOf('?');
  const base = queryAt === -1 ? withoutHash : withoutHash.slice(0, queryAt);
  const kept =
    queryAt === -1
      ? []
      : withoutHash
          .slice(queryAt + 1)
          .split('&')
          .filter((pair) => pair !== '' && !SIGNING_PARAMETERS.has(parameterName(pair)));
  const query = [...kept, ...(signingQuery === '' ? [] : [signingQuery.replace(/^\?/, '')])].join('&');
  return `${base}${query === '' ? '' : `?${query}`}${hash}`;
}

/** The signature in a URL's query, if any: lets callers (and tests) tell which grant a request used. */
export function signatureOf(url: string): string | undefined {
  const query = url.split('#')[0]?.split('?')[1] ?? '';
  const pair = query.split('&').find((candidate) => parameterName(candidate) === 'Signature');
  return pair === undefined ? undefined : decode(pair.slice(pair.indexOf('=') + 1));
}

function parameterName(pair: string): string {
  const equals = pair.indexOf('=');
  return decode(equals === -1 ? pair : pair.slice(0, equals));
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}
