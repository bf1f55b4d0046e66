// The local shape's pages for what Stripe hosts: Connect onboarding, Checkout (Stripe's test cards: 4242 4242 4242 4242
// pays, 4000 0000 0000 0002 is declined) and the customer portal (cancel at period end, change card). What each step did arrives
// as the StoreEvents Stripe would send, applied by the same domain code as Stripe's webhooks. Ids in the paths are
// unguessable, as Stripe's hosted links are; the forms are tiny, and their bodies limited accordingly.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { formatMinorUnits } from '@ott/contracts';
import type { DomainDeps } from '../domain/deps.js';
import { applyStoreEvent } from '../domain/sales/store-webhooks.js';
import type { LocalPaymentPages, StoreEvent } from '../ports.js';
import type { HttpRoute } from './http-route.js';
import { BodyTooLarge, readBody } from './read-body.js';
import { escapeHtml, sendHtml } from './sharing-page.js';

const PREFIX = '/local-payments/';
const MAX_FORM_BYTES = 4096;
/** `formTargets`: origins besides this one the page's form may end on (form-action also governs the redirect after it). */
const policyOf = (formTargets: readonly string[] = []) => `default-src 'none'; style-src 'unsafe-inline'; form-action ${["'self'", ...formTargets].join(' ')}`;

export function localPaymentsRoute(deps: DomainDeps, pages: LocalPaymentPages): HttpRoute {
  const apply = async (events: readonly StoreEvent[]) => {
    for (const event of events) await applyStoreEvent(deps, event);
  };
  return {
    matches: (pathname) => pathname.startsWith(PREFIX),
    async handle(request, response, pathname) {
      const [step, first, second] = pathname.slice(PREFIX.length).split('/').map(decodeURIComponent);
      const back = sameOriginOrNull(new URL(request.url ?? '/', deps.urls.api).searchParams.get('return'), deps.urls.api);
      if (step === 'onboard' && first && request.method === 'GET') {
        await apply(await pages.onboard(first));
        return redirectOrPage(response, back, 'Your local payments account is ready', 'It takes payments now (local shape: no real money moves).');
      }
      if (step === 'checkout' && first) return checkout(request, response, first, pages, apply);
      if (step === 'portal' && first && second) return portal(request, response, { accountId: first, customerId: second }, back, pages, apply);
      return page(response, 404, 'Not found', '<p>There is no such local payments page.</p>');
    },
  };
}

async function checkout(request: IncomingMessage, response: ServerResponse, sessionId: string, pages: LocalPaymentPages, apply: (events: readonly StoreEvent[]) => Promise<void>): Promise<void> {
  const session = await pages.checkoutSession(sessionId);
  if (!session) return page(response, 404, 'Checkout not found', '<p>This checkout does not exist. Go back to the site and try again.</p>');
  const price = `${formatMinorUnits(session.amount, session.currency)}${session.interval ? ` a ${session.interval}` : ''}`;
  const form = (problem?: string) =>
    `<p><strong>${escapeHtml(session.productName)}</strong>: ${escapeHtml(price)}${session.trialDays ? ` after a ${session.trialDays}-day free trial` : ''}</p>` +
    `<p>Paying as ${escapeHtml(session.customerEmail)}.</p>` +
    (problem ? `<p role="alert">${escapeHtml(problem)}</p>` : '') +
    `<form method="post"><label>Card number <input name="card" inputmode="numeric" autocomplete="off" required></label> <button type="submit">Pay</button></form>` +
    `<p><small>Local test payments: 4242 4242 4242 4242 pays; 4000 0000 0000 0002 is declined.</small></p>` +
    `<p><a href="${escapeHtml(session.cancelUrl)}">Cancel</a></p>`;
  if (session.status === 'complete') return redirect(response, session.successUrl);
  // Paying redirects to the success URL: a tenant's own site, when the viewer bought in an embed there.
  const checkoutPage = (status: number, body: string) => page(response, status, 'Checkout', body, [new URL(session.successUrl).origin]);
  if (request.method !== 'POST') return checkoutPage(200, form());
  const body = await readBody(request, MAX_FORM_BYTES);
  if (body instanceof BodyTooLarge) return checkoutPage(413, form(body.message));
  const card = new URLSearchParams(body.toString('utf8')).get('card') ?? '';
  const result = await pages.pay(sessionId, card);
  switch (result.outcome) {
    case 'paid':
      await apply(result.events);
      return redirect(response, session.successUrl);
    case 'already-paid':
      return redirect(response, session.successUrl);
    case 'declined':
      return checkoutPage(402, form('Your card was declined. Try another card.'));
    case 'not-a-test-card':
      return checkoutPage(400, form('Use a test card: 4242 4242 4242 4242 pays, 4000 0000 0000 0002 is declined.'));
  }
}

/** The customer portal: cancel at the end of the period, or change the card the next renewal charges. */
async function portal(
  request: IncomingMessage,
  response: ServerResponse,
  customer: { accountId: string; customerId: string },
  back: string | null,
  pages: LocalPaymentPages,
  apply: (events: readonly StoreEvent[]) => Promise<void>,
): Promise<void> {
  const forms = (notice?: string) =>
    (notice ? `<p role="status">${escapeHtml(notice)}</p>` : '') +
    `<form method="post"><input type="hidden" name="action" value="cancel"><button type="submit">Cancel at the end of the period</button></form>` +
    `<form method="post"><input type="hidden" name="action" value="card"><label>New card number <input name="card" inputmode="numeric" autocomplete="off" required></label> <button type="submit">Change card</button></form>` +
    `<p><small>Local test cards: 4242 4242 4242 4242 pays; 4000 0000 0000 0341 is saved but declined at the next renewal.</small></p>` +
    backLink(back);
  if (request.method !== 'POST') return page(response, 200, 'Your subscriptions', forms());
  const body = await readBody(request, MAX_FORM_BYTES);
  if (body instanceof BodyTooLarge) return page(response, 413, 'Your subscriptions', forms(body.message));
  const form = new URLSearchParams(body.toString('utf8'));
  if (form.get('action') === 'card') {
    const saved = await pages.changeCard(customer.accountId, customer.customerId, form.get('card') ?? '');
    if (saved === 'saved') return page(response, 200, 'Your subscriptions', forms('Card changed: the next renewal charges it.'));
    return page(
      response,
      saved === 'declined' ? 402 : 400,
      'Your subscriptions',
      forms(saved === 'declined' ? 'Your card was declined. Try another card.' : 'Use a test card: 4242 4242 4242 4242, or 4000 0000 0000 0341.'),
    );
  }
  await apply(await pages.cancelAtPeriodEnd(customer.accountId, customer.customerId));
  return page(response, 200, 'Subscription cancelled', '<p>It stays active to the end of the period you paid for, then ends.</p>' + backLink(back));
}

function sameOriginOrNull(url: string | null, apiUrl: string): string | null {
  if (!url) return null;
  try {
    return new URL(url).origin === new URL(apiUrl).origin ? url : null;
  } catch {
    return null;
  }
}

function backLink(url: string | null): string {
  return url ? `<p><a href="${escapeHtml(url)}">Back</a></p>` : '';
}

function redirectOrPage(response: ServerResponse, url: string | null, title: string, text: string): void {
  if (url) return redirect(response, url);
  page(response, 200, title, `<p>${escapeHtml(text)}</p>`);
}

function redirect(response: ServerResponse, url: string): void {
  response.writeHead(303, { Location: url, 'Cache-Control': 'no-store' }).end();
}

function page(response: ServerResponse, status: number, title: string, body: string, formTargets?: readonly string[]): void {
  sendHtml(
    response,
    status,
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${escapeHtml(title)}</title></head><body><h1>${escapeHtml(title)}</h1>${body}</body></html>`,
    policyOf(formTargets),
  );
}
