// @vitest-environment happy-dom
// The paywall around a fake control plane: the `payment-required` refusal parsed with its offers, the offers' prices
// and terms in English and French, the buy call (bearer token, the page as return address) and the navigation to the
// checkout URL, and the return from checkout, where the player asks again until the purchase is confirmed.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AuthorizeError, authorizePlayback } from '../src/authorize/authorize-client.js';
import { en } from '../src/i18n/en.js';
import { fr } from '../src/i18n/fr.js';
import { offerText } from '../src/paywall/offer-text.js';
import { createPlayer, ErrorCodes, Events, type Offer, type OttPlayer } from '../src/index.js';
import { grantData } from './support/grant-data.js';

const VIDEO_ID = '5b0c8f5e-3f7a-4a8e-9a51-0d6f8c3b2a11';
const ID_TOKEN = 'header.viewer-claims.signature';
const CHECKOUT_URL = 'https://checkout.stripe.example/c/pay/cs_test_1';
const RENTAL: Offer = {
  id: 'offer-rent',
  kind: 'rental',
  name: 'Rent the film',
  amount: 499,
  currency: 'usd',
  interval: null,
  trialDays: 0,
  rental: { startDays: 30, watchHours: 48 },
  maxHeight: null,
};
const YEARLY: Offer = { id: 'offer-year', kind: 'subscription', name: 'Club', amount: 9900, currency: 'eur', interval: 'year', trialDays: 7, rental: null, maxHeight: 2160 };
const PURCHASE: Offer = { id: 'offer-own', kind: 'purchase', name: 'Own it', amount: 1500, currency: 'jpy', interval: null, trialDays: 0, rental: null, maxHeight: null };
const REFUSAL = 'This title is for paying viewers: choose one of the offers to watch it.';
const SCREEN = { tenantSlug: 'acme', title: 'Launch film', branding: { accentColor: '#ff3366', logoUrl: null, showPlatformLogo: false }, posterUrl: null, signUpOpen: false };

const paymentRequired = (offers: unknown[]) => Response.json({ error: { message: REFUSAL, data: { code: 'PAYMENT_REQUIRED', httpStatus: 402, reason: 'payment-required', offers } } }, { status: 402 });

/** playback.authorize refuses `refusals` times with the offers, then grants; viewerSales.buy answers the checkout URL. */
function controlPlane(refusals = Number.POSITIVE_INFINITY) {
  const calls: { procedure: string; input: Record<string, unknown>; authorization: string | null }[] = [];
  let refused = 0;
  const fetch = vi.fn<typeof globalThis.fetch>(async (url, init) => {
    const address = new URL(String(url));
    const procedure = address.pathname.replace('/trpc/', '');
    const input = (init?.body ? JSON.parse(String(init.body)) : JSON.parse(address.searchParams.get('input') ?? '{}')) as Record<string, unknown>;
    calls.push({ procedure, input, authorization: new Headers(init?.headers).get('authorization') });
    if (procedure === 'playback.authorize') return refused++ < refusals ? paymentRequired([RENTAL, YEARLY]) : Response.json({ result: { data: grantData() } });
    if (procedure === 'viewerAuth.signInScreen') return Response.json({ result: { data: SCREEN } });
    if (procedure === 'viewerSales.buy') return Response.json({ result: { data: { url: CHECKOUT_URL } } });
    return Response.json({ error: { message: 'No such procedure', data: { code: 'NOT_FOUND', httpStatus: 404 } } }, { status: 404 });
  });
  return { fetch, calls };
}

async function settle(): Promise<void> {
  for (let i = 0; i < 10; i += 1) await new Promise((resolve) => setTimeout(resolve, 0));
}

const paywall = (player: OttPlayer) => player.element.shadowRoot?.querySelector<HTMLElement>('.paywall');
const messageText = (player: OttPlayer) => player.element.shadowRoot?.querySelector('.message-text')?.textContent;

function mount(api: ReturnType<typeof controlPlane>, options: { lang?: string; paywall?: 'none' } = {}): OttPlayer {
  const host = document.body.appendChild(document.createElement('div'));
  return createPlayer(host, { videoId: VIDEO_ID, api: 'https://api.example', credential: ID_TOKEN, fetch: api.fetch, qoe: false, engine: 'native', ...options });
}

afterEach(() => {
  document.body.replaceChildren();
  vi.restoreAllMocks();
});

describe('a payment-required refusal', () => {
  it('carries the offers that would unlock the title, leaving out one the player cannot read, and says why in the viewer’s language', async () => {
    const refuse = async () => paymentRequired([RENTAL, { id: 'broken', kind: 'rental', amount: '4.99', currency: 'usd' }]);
    const english = await authorizePlayback({ messages: en, api: 'https://api.example', videoId: VIDEO_ID, credential: ID_TOKEN, fetch: refuse }).catch((error: unknown) => error);
    expect(english).toBeInstanceOf(AuthorizeError);
    expect(english).toMatchObject({ code: ErrorCodes.PAYMENT_REQUIRED, message: REFUSAL, httpStatus: 402, offers: [RENTAL] });
    const french = await authorizePlayback({ messages: fr, api: 'https://api.example', videoId: VIDEO_ID, credential: ID_TOKEN, fetch: refuse }).catch((error: unknown) => error);
    expect(french).toMatchObject({ code: ErrorCodes.PAYMENT_REQUIRED, message: fr.errorPaymentRequired, offers: [RENTAL] });
  });
});

describe('offer text', () => {
  it('gives the price in the viewer’s number format from minor units, and what each kind of offer gives', () => {
    expect(offerText(RENTAL, en)).toEqual({ price: '$4.99', terms: ['48 hours to finish once you start, 30 days to start'], action: 'Rent' });
    // French separates the amount from its currency with a no-break space.
    expect(offerText(RENTAL, fr)).toEqual({ price: '4,99\u00a0$US', terms: ['48 heures pour finir une fois commencé, 30 jours pour commencer'], action: 'Louer' });
    expect(offerText(YEARLY, en)).toEqual({ price: '€99.00 per year', terms: ['7-day free trial', 'Cancel any time.', 'Up to 2160p'], action: 'Subscribe' });
    expect(offerText(YEARLY, fr).price.replace(/\s/g, ' ')).toBe('99,00 € par an');
    expect(offerText(PURCHASE, en)).toEqual({ price: '¥1,500', terms: ['Yours to keep.'], action: 'Buy' });
    expect(offerText({ ...YEARLY, interval: 'month', trialDays: 0, maxHeight: null }, fr).terms).toEqual(['Résiliable à tout moment.']);
  });
});

describe('the paywall inside the player', () => {
  it('shows the offers in French; Louer asks viewerSales.buy as the viewer, returning to this page, and goes to checkout', async () => {
    history.replaceState(null, '', 'http://localhost:3000/films/launch?ref=home');
    const api = controlPlane();
    const top = { location: { href: '' } };
    vi.spyOn(window, 'top', 'get').mockReturnValue(top as unknown as Window);
    const player = mount(api, { lang: 'fr' });
    const seen = vi.fn();
    player.on(Events.PAYWALL, seen);
    const started = vi.fn();
    player.on(Events.CHECKOUT_STARTED, started);
    await settle();
    const view = paywall(player);
    expect(view?.hidden).toBe(false);
    expect(view?.querySelector('h2')?.textContent).toBe('Regarder « Launch film »');
    expect(view?.textContent).toContain(fr.errorPaymentRequired);
    const rows = [...(view?.querySelectorAll<HTMLElement>('.paywall-offer') ?? [])];
    expect(rows.map((row) => row.querySelector('button')?.textContent)).toEqual(['Louer', 'S’abonner']);
    expect(rows[0]?.textContent).toContain('4,99\u00a0$US');
    expect(rows[1]?.textContent).toContain('7 jours d’essai gratuit');
    expect(seen).toHaveBeenCalledWith({ offers: [RENTAL, YEARLY], message: fr.errorPaymentRequired });
    expect(player.offers).toEqual([RENTAL, YEARLY]);
    expect(player.error?.code).toBe(ErrorCodes.PAYMENT_REQUIRED);

    rows[0]?.querySelector('button')?.click();
    await settle();
    const buy = api.calls.find((call) => call.procedure === 'viewerSales.buy');
    expect(buy).toEqual({
      procedure: 'viewerSales.buy',
      input: {
        tenantSlug: 'acme',
        offerId: 'offer-rent',
        successUrl: `http://localhost:3000/films/launch?ref=home&ott-checkout=${VIDEO_ID}`,
        cancelUrl: 'http://localhost:3000/films/launch?ref=home',
      },
      authorization: `Bearer ${ID_TOKEN}`,
    });
    expect(top.location.href).toBe(CHECKOUT_URL);
    expect(started).toHaveBeenCalledWith({ offerId: 'offer-rent', url: CHECKOUT_URL, opened: 'top' });
  });

  it('opens checkout in a new tab when the frame may not navigate the page, and returns where the tenant said', async () => {
    history.replaceState(null, '', 'http://localhost:3000/embed');
    const api = controlPlane();
    vi.spyOn(window, 'top', 'get').mockReturnValue({
      location: {
        set href(_url: string) {
          throw new DOMException('The frame is sandboxed', 'SecurityError');
        },
      },
    } as unknown as Window);
    const open = vi.spyOn(window, 'open').mockReturnValue(null);
    const host = document.body.appendChild(document.createElement('ott-player-test'));
    const player = createPlayer(host, {
      videoId: VIDEO_ID,
      api: 'https://api.example',
      credential: ID_TOKEN,
      fetch: api.fetch,
      qoe: false,
      engine: 'native',
      paywall: 'none',
      checkoutReturnUrl: '/films/launch',
    });
    await settle();
    expect(paywall(player)).toBeFalsy();
    expect(messageText(player)).toBe(REFUSAL);
    expect(await player.buy('offer-year')).toBe(CHECKOUT_URL);
    expect(api.calls.find((call) => call.procedure === 'viewerSales.buy')?.input).toMatchObject({ cancelUrl: 'http://localhost:3000/films/launch' });
    expect(open).toHaveBeenCalledWith(CHECKOUT_URL, '_blank', 'noopener');
  });

  it('back from checkout, says it is confirming the purchase and asks again until the entitlement is there, then plays', async () => {
    history.replaceState(null, '', `http://localhost:3000/films/launch?ott-checkout=${VIDEO_ID}`);
    const api = controlPlane(2);
    const player = mount(api, { lang: 'en' });
    const authorized = vi.fn();
    player.on(Events.AUTHORIZED, authorized);
    const seen = vi.fn();
    player.on(Events.PAYWALL, seen);
    await settle();
    // The marker is gone, so a reload does not claim the purchase again.
    expect(location.href).toBe('http://localhost:3000/films/launch');
    expect(messageText(player)).toBe('Confirming your purchase…');
    expect(paywall(player)?.hidden).toBe(true);
    await vi.waitFor(() => expect(authorized).toHaveBeenCalled(), { timeout: 5_000, interval: 50 });
    expect(api.calls.filter((call) => call.procedure === 'playback.authorize')).toHaveLength(3);
    expect(seen).not.toHaveBeenCalled();
    expect(player.error).toBeUndefined();
    expect(messageText(player)).toBe('');
  });

  it('back from checkout with no purchase confirmed after about 19 s, shows the offers again and says so', async () => {
    history.replaceState(null, '', `http://localhost:3000/films/launch?ott-checkout=${VIDEO_ID}`);
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const api = controlPlane();
      const player = mount(api, { lang: 'en' });
      await vi.advanceTimersByTimeAsync(18_000);
      expect(messageText(player)).toBe('Confirming your purchase…');
      expect(paywall(player)?.hidden).toBe(true);
      await vi.advanceTimersByTimeAsync(2_000);
      expect(paywall(player)?.hidden).toBe(false);
      expect(paywall(player)?.textContent).toContain('Your purchase is not confirmed yet. If you paid, reload in a minute.');
      // The first answer and one after each of the five waits.
      expect(api.calls.filter((call) => call.procedure === 'playback.authorize')).toHaveLength(6);
    } finally {
      vi.useRealTimers();
    }
  });

  it('on a page that is no return from checkout, the first refusal shows the offers at once', async () => {
    history.replaceState(null, '', 'http://localhost:3000/films/launch');
    const api = controlPlane(1);
    const player = mount(api, { lang: 'en' });
    await settle();
    expect(paywall(player)?.hidden).toBe(false);
    expect(api.calls.filter((call) => call.procedure === 'playback.authorize')).toHaveLength(1);
  });
});
