// Where checkout should bring a viewer back to when they buy in the iframe embed: the tenant's page that framed it,
// not the bare embed page (which would then fill the window). The browser names that page in the embed's Referer (the
// frame's document.referrer): the full address when the iframe's referrerpolicy sends it (the snippets the portal and
// oEmbed give ask for it), else the site's origin, which is still the tenant's site. Only a page on one of the tenant's
// allowed embed origins is taken (checkout returns nowhere else: viewer-purchases.ts), without the player's
// checkout-return marker a return from checkout left in it.
const CHECKOUT_MARKER = 'ott-checkout';

export function embeddingPageUrl(referer: string | undefined, allowedOrigins: readonly string[]): string | undefined {
  if (!referer || referer.length > 2048) return undefined;
  let url: URL;
  try {
    url = new URL(referer);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
  if (!allowedOrigins.some((allowed) => allowed.toLowerCase() === url.origin)) return undefined;
  url.searchParams.delete(CHECKOUT_MARKER);
  url.hash = '';
  return url.href;
}
