// POST /webhooks/stripe-connect: Stripe's deliveries for tenants' connected accounts (sales to viewers), on their own
// endpoint with their own signing secret (signed-webhook.ts reads and answers them).
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { DomainDeps } from '../domain/deps.js';
import { receiveStoreWebhook } from '../domain/sales/store-webhooks.js';
import { answerSignedWebhook } from './signed-webhook.js';

export function handleStoreWebhook(deps: DomainDeps, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const notConfigured = deps.storePayments ? undefined : 'Selling to viewers is not configured on this installation (STRIPE_SECRET_KEY is unset).';
  return answerSignedWebhook(request, response, notConfigured, (body, signature) => receiveStoreWebhook(deps, body, signature));
}
