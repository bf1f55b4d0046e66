/**
 * The query parameter the player adds to checkout's success URL (`?ott-checkout=<videoId>`): back on that page, it
 * tells the player to confirm the purchase while Stripe's webhook lands, instead of showing the offers again.
 */
export const CHECKOUT_RETURN_PARAM = 'ott-checkout';
