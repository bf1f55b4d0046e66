/**
 * The origins typed one per line, normalised (`https://Example.com/page` → `https://example.com`). When the
 * list is not empty the CDN refuses every other site, the portal's own previews included, so the portal's
 * origin is kept in it.
 */
export function parseAllowedOrigins(text: string, portalOrigin: string): { origins: string[]; invalid: string[] } {
  const origins = new Set<string>();
  const invalid: string[] = [];
  for (const line of text.split(/[\s,]+/)) {
    const candidate = line.trim();
    if (!candidate) continue;
    try {
      const url = new URL(candidate);
      if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error('not http');
      origins.add(url.origin);
    } catch {
      invalid.push(candidate);
    }
  }
  if (origins.size > 0) origins.add(portalOrigin);
  return { origins: [...origins], invalid };
}
