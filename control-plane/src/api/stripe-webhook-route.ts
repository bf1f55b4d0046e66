// POST /webhooks/stripe: Stripe's webhook deliveries. The signature covers the exact bytes Stripe sent, so the
// body is read raw (never parsed and re-serialised) and handed to the billing gateway to verify. 2xx tells Stripe
// the event is handled (a duplicate or an event we do not use included); 400 a forged or misconfigured delivery;
// 5xx makes Stripe retry later.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { receiveBillingWebhook } from '../domain/billing/billing-webhooks.js';
import type { DomainDeps } from '../domain/deps.js';
import { DomainError } from '../domain/errors.js';
import { BodyTooLarge, readBody } from './read-body.js';

/** Stripe's events are a few kilobytes; an invoice with many lines stays far below this. */
const MAX_BODY_BYTES = 1024 * 1024;

export async function handleStripeWebhook(deps: DomainDeps, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const json = (status: number, body: unknown) => void response.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));
  if (request.method !== 'POST') return void response.writeHead(405, { Allow: 'POST', 'Content-Type': 'text/plain' }).end('Use POST.');
  if (deps.billing.provider !== 'stripe') return json(404, { error: 'Stripe is not configured on this installation (STRIPE_SECRET_KEY is unset).' });
  const body = await readBody(request, MAX_BODY_BYTES);
  if (body instanceof BodyTooLarge) return json(413, { error: body.message });
  const signature = request.headers['stripe-signature'];
  try {
    const result = await receiveBillingWebhook(deps, body, Array.isArray(signature) ? signature[0] : signature);
    json(200, { received: true, ...result });
  } catch (error) {
    if (error instanceof DomainError && error.kind === 'unauthenticated') return json(400, { error: error.message });
    throw error;
  }
}
