import type { SignedAccessCredentials } from '@ott/signing';

type CredentialField = keyof SignedAccessCredentials;

const queryNames: Record<string, CredentialField> = {
  Policy: 'policy',
  Signature: 'signature',
  'Key-Pair-Id': 'keyPairId',
  Expires: 'expires',
  'Hash-Algorithm': 'hashAlgorithm',
};

const cookieNames: Record<string, CredentialField> = {
  'CloudFront-Policy': 'policy',
  'CloudFront-Signature': 'signature',
  'CloudFront-Key-Pair-Id': 'keyPairId',
  'CloudFront-Expires': 'expires',
  'CloudFront-Hash-Algorithm': 'hashAlgorithm',
};

export interface EdgeRequestCredentials {
  credentials: SignedAccessCredentials;
  /** The URL a policy must cover: base URL, raw path, and the query string minus the signing parameters. */
  resourceUrl: string;
  /** The signing parameters exactly as the request carried them in its query ('' when it used cookies). */
  signingQuery: string;
}

/**
 * Signing parameters come from the query string when it has any (third-party embeds), else from
 * the CloudFront-* cookies; the two are never mixed, so one grant cannot be patched with another.
 */
export function edgeRequestCredentials(publicBaseUrl: string, rawPath: string, rawQuery: string, cookieHeader: string | undefined): EdgeRequestCredentials {
  const fromQuery: SignedAccessCredentials = {};
  const ownQuery: string[] = [];
  const signingPairs: string[] = [];
  for (const pair of rawQuery.split('&')) {
    if (pair === '') continue;
    const equals = pair.indexOf('=');
    const field = queryNames[safeDecode(equals === -1 ? pair : pair.slice(0, equals))];
    if (field === undefined) ownQuery.push(pair);
    else {
      signingPairs.push(pair);
      fromQuery[field] ??= safeDecode(equals === -1 ? '' : pair.slice(equals + 1));
    }
  }
  const base = publicBaseUrl.replace(/\/+$/, '');
  const resourceUrl = `${base}${rawPath}${ownQuery.length > 0 ? `?${ownQuery.join('&')}` : ''}`;
  const fromQueryString = Object.keys(fromQuery).length > 0;
  const credentials = fromQueryString ? fromQuery : credentialsFromCookies(cookieHeader);
  return { credentials, resourceUrl, signingQuery: fromQueryString ? signingPairs.join('&') : '' };
}

function credentialsFromCookies(header: string | undefined): SignedAccessCredentials {
  const credentials: SignedAccessCredentials = {};
  for (const part of (header ?? '').split(';')) {
    const equals = part.indexOf('=');
    if (equals === -1) continue;
    const field = cookieNames[part.slice(0, equals).trim()];
    // The first wins: browsers list the cookie with the most specific path first.
    if (field !== undefined)
      credentials[field] ??= part
        .slice(equals + 1)
        .trim()
        .replace(/^"(.*)"$/, '$1');
  }
  return credentials;
}

/** A value that is not valid percent-encoding is kept as written; verification then refuses it. */
function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
