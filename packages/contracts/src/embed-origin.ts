// The one rule for a tenant's allowed embed origins, used by the API and by the portal's form. The list becomes
// the CDN's CORS allow-list, compared with the browser's Origin header, which is always scheme://host[:port]:
// anything else in an entry (a path, a wildcard, another scheme, whose origin is "null" like a sandboxed frame's)
// would match nothing or match an attacker's page.

export type EmbedOriginCheck = { origin: string } | { problem: string };

const EXAMPLE = 'https://www.example.com';

/** The entry as an origin, lower-case host and default port dropped (`HTTPS://Example.COM:443/` → `https://example.com`). */
export function checkEmbedOrigin(entry: string): EmbedOriginCheck {
  const text = entry.trim();
  const quoted = `"${text}"`;
  if (text.includes('*')) return { problem: `${quoted} has a wildcard: list each site on its own line, such as ${EXAMPLE}.` };
  // `localhost:3000` has no scheme: a colon before a port is not one.
  const scheme = /^([a-z][a-z0-9+.-]*):(?!\d)/i.exec(text)?.[1]?.toLowerCase();
  if (scheme !== undefined && scheme !== 'http' && scheme !== 'https') return { problem: `${quoted} is not a web origin: only http:// and https:// sites can embed your videos.` };
  const parts = /^https?:\/\/([^/?#\\]+)(.*)$/i.exec(text);
  const invalid = { problem: `${quoted} is not a valid web address. Write it as ${EXAMPLE} (with a port if it has one: http://localhost:3000).` };
  if (!parts) return scheme === undefined ? { problem: `${quoted} needs http:// or https:// in front, such as ${EXAMPLE}.` } : invalid;
  const [, authority = '', rest = ''] = parts;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return invalid;
  }
  if (authority.includes('@')) return { problem: `${quoted} has a user name or password in it: give the site only, such as ${url.origin}.` };
  // A single trailing slash is how browsers display an origin; anything after the host is not part of one.
  if (rest !== '' && rest !== '/') return { problem: `${quoted} has a path, query or fragment: an origin is the site only, such as ${url.origin}.` };
  return { origin: url.origin };
}
