// How the player knows the viewer is back from a paid checkout: the success URL is the embedding page with
// `ott-checkout={videoId}` added to its query (the cancel URL is the page as it was), so a viewer who cancelled sees
// the offers again at once, and one who paid is told the purchase is being confirmed while the webhook lands. In the
// iframe embed the marker is on the framing page; the embed page passes it on to its own address (embed-page-route.ts).
import { CHECKOUT_RETURN_PARAM as PARAM } from '@ott/contracts';

/** The page to come back to after paying for `videoId`. */
export function successUrlFor(returnUrl: string, videoId: string): string {
  const url = new URL(returnUrl);
  url.searchParams.set(PARAM, videoId);
  return url.href;
}

/**
 * Whether this page is the return from paying for `videoId`; the marker is taken off the address (so a reload or a
 * shared link does not claim a purchase again).
 */
export function takeCheckoutReturn(page: Window | null, videoId: string): boolean {
  if (!page) return false;
  let url: URL;
  try {
    url = new URL(page.location.href);
  } catch {
    return false;
  }
  if (url.searchParams.get(PARAM) !== videoId) return false;
  url.searchParams.delete(PARAM);
  try {
    page.history.replaceState(page.history.state, '', url.href);
  } catch {
    // A sandboxed document may not rewrite its address: the marker stays, harmlessly.
  }
  return true;
}

/** Confirmation attempts after returning from checkout: the entitlement comes from Stripe's webhook, seconds later. */
export const CONFIRM_DELAYS_MS: readonly number[] = [1_000, 2_000, 3_000, 5_000, 8_000];

/**
 * Opens checkout. A page of its own (or a same-origin frame) moves its top window there, so the viewer comes back to
 * the page after paying. A cross-origin frame may only navigate the top window when the embedding page allows it
 * (`sandbox` without `allow-top-navigation`, or a browser's framebusting rule, refuses): then checkout opens in a new
 * tab, whose return lands on the success URL there.
 */
export function openCheckout(page: Window, url: string): 'top' | 'new-tab' {
  try {
    // `href` is the one part of a cross-origin window's location a frame may set.
    (page.top ?? page).location.href = url;
    return 'top';
  } catch {
    page.open(url, '_blank', 'noopener');
    return 'new-tab';
  }
}
