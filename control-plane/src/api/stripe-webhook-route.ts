// POST /webhooks/stripe: Stripe's webhook deliveries for the platform's own billing (signed-webhook.ts reads and answers them).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { receiveBillingWebhook } from '../domain/billing/billing-webhooks.js';
import type { DomainDeps } from '../domain/deps.js';
import { answerSignedWebhook } from './signed-webhook.js';

export function handleStripeWebhook(deps: DomainDeps, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const notConfigured = deps.billing.provider !== 'stripe' ? 'Stripe is not configured on this installation (STRIPE_SECRET_KEY is unset).' : undefined;
  return answerSignedWebhook(request, response, notConfigured, (body, signature) => receiveBillingWebhook(deps, body, signature));
}
