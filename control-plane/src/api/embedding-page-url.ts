// Where checkout should bring a viewer back to when they buy in the iframe embed: the tenant's page that framed it,
// not the bare embed page (which would then fill the window). The browser names that page in the embed's Referer (the
// frame's document.referrer): the full address when the iframe's referrerpolicy sends it (the snippets the portal and
// oEmbed give ask for it), else the site's origin, which is still the tenant's site. Only a page on one of the tenant's
// allowed embed origins is taken (checkout returns nowhere else: viewer-purchases.ts).
import { CHECKOUT_RETURN_PARAM } from '@ott/contracts';

export interface EmbeddingPage {
  /** The page, without the player's checkout-return marker. */
  url: string;
  /** The video the page's address says the viewer just paid for (the marker's value), if it says so. */
  checkoutReturnOf: string | undefined;
}

export function embeddingPage(referer: string | undefined, allowedOrigins: readonly string[]): EmbeddingPage | undefined {
  if (!referer || referer.length > 2048) return undefined;
  let url: URL;
  try {
    url = new URL(referer);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
  if (!allowedOrigins.some((allowed) => allowed.toLowerCase() === url.origin)) return undefined;
  const checkoutReturnOf = url.searchParams.get(CHECKOUT_RETURN_PARAM)?.toLowerCase() ?? undefined;
  url.searchParams.delete(CHECKOUT_RETURN_PARAM);
  url.hash = '';
  return { url: url.href, checkoutReturnOf };
}
