import { checkEmbedOrigin } from '@ott/contracts';

/**
 * The origins typed one per line, by the same rule the API applies (`HTTPS://Example.com:443` → `https://example.com`),
 * with what is wrong with each entry that is not an origin. When the list is not empty the CDN refuses every other
 * site, the portal's own previews included, so the portal's origin is kept in it.
 */
export function parseAllowedOrigins(text: string, portalOrigin: string): { origins: string[]; problems: string[] } {
  const origins = new Set<string>();
  const problems: string[] = [];
  for (const line of text.split(/[\s,]+/)) {
    if (!line) continue;
    const checked = checkEmbedOrigin(line);
    if ('origin' in checked) origins.add(checked.origin);
    else problems.push(checked.problem);
  }
  if (origins.size > 0) origins.add(portalOrigin);
  return { origins: [...origins], problems };
}
