// viewerSales.buy over plain fetch, like playback.authorize: POST {api}/trpc/viewerSales.buy with the viewer's ID
// token as a bearer (never in a URL), answering `{ url }` of the checkout page on the tenant's Stripe account.
import { ViewerAuthError } from '../sign-in/viewer-auth-client.js';

export interface BuyRequest {
  tenantSlug: string;
  offerId: string;
  /** Where checkout sends the viewer back: the tenant's own pages only (its embed origins or viewer site). */
  successUrl: string;
  cancelUrl: string;
}

/** Refusals (an offer no longer on sale, a return URL off the tenant's site) throw a ViewerAuthError in the API's words. */
export async function startCheckout(api: string, fetchImpl: typeof fetch, idToken: string, request: BuyRequest): Promise<string> {
  let response: Response;
  try {
    response = await fetchImpl(`${api.replace(/\/+$/, '')}/trpc/viewerSales.buy`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${idToken}` },
      body: JSON.stringify(request),
      credentials: 'omit',
    });
  } catch {
    throw new ViewerAuthError('', true);
  }
  const body = (await response.json().catch(() => undefined)) as { result?: { data?: { url?: unknown } }; error?: { message?: unknown } } | undefined;
  const url = body?.result?.data?.url;
  if (response.ok && typeof url === 'string' && /^https?:\/\//.test(url)) return url;
  const message = typeof body?.error?.message === 'string' ? body.error.message : '';
  throw new ViewerAuthError(message, message === '');
}
