// Webhook endpoints and their delivery log over REST (scope `webhooks`): the same domain calls as the portal's.
import { WEBHOOK_EVENT_TYPES } from '@ott/contracts';
import { z } from 'zod';
import { listDeliveries, replayDelivery, sendTestEvent } from '../../../domain/webhooks/webhook-deliveries.js';
import { createEndpoint, deleteEndpoint, getEndpoint, listEndpoints, rotateEndpointSecret, updateEndpoint } from '../../../domain/webhooks/webhook-endpoints.js';
import { webhookDescription, webhookEventTypes, webhookUrl } from '../../routers/webhooks.js';
import { restRoute, tenantOf, type RestRoute } from '../rest-route.js';
import { dateTime, pageOf, pageQuery, resourceId } from '../rest-schemas.js';

const eventTypes = webhookEventTypes.meta({ description: 'The event types sent to this endpoint; empty or left out: all of them.' });

const endpointSchema = z
  .object({
    id: z.string(),
    url: z.string(),
    description: z.string(),
    eventTypes: z.array(z.enum(WEBHOOK_EVENT_TYPES)),
    status: z.enum(['enabled', 'disabled']),
    disabledReason: z.string().nullable().meta({ description: 'Why it was disabled (sustained failure, or by an admin); null while enabled.' }),
    disabledAt: dateTime.nullable(),
    failingSince: dateTime.nullable().meta({ description: 'Its first failed attempt since the last success; null while healthy. Three days of failures disable it.' }),
    previousSecretExpiresAt: dateTime.nullable().meta({ description: 'After a rotation, deliveries carry a signature with the previous secret too until then.' }),
    createdAt: dateTime,
    updatedAt: dateTime,
  })
  .meta({ id: 'WebhookEndpoint', description: 'Where events are sent, which ones, and its state.' });

const endpointWithSecret = z
  .object({ endpoint: endpointSchema, secret: z.string().meta({ description: 'The signing secret (`whsec_…`), in this answer only: store it now.' }) })
  .meta({ id: 'WebhookEndpointWithSecret' });

const attemptSchema = z
  .object({
    attempt: z.number().int(),
    at: dateTime,
    requestHeaders: z.record(z.string(), z.string()),
    requestBody: z.string(),
    responseStatus: z.number().int().nullable(),
    responseBody: z.string().nullable().meta({ description: 'The first 2 KB of the answer.' }),
    latencyMs: z.number().int(),
    error: z.string().nullable().meta({ description: 'Why the attempt failed: the answer, a timeout, a refused or private address.' }),
  })
  .meta({ id: 'WebhookDeliveryAttempt' });

const deliverySchema = z
  .object({
    id: z.string(),
    endpointId: z.string(),
    eventId: z.string().meta({ description: 'The `webhook-id` header: the same on every attempt and replay.' }),
    eventType: z.enum(WEBHOOK_EVENT_TYPES),
    status: z.enum(['pending', 'succeeded', 'failed']).meta({ description: '`failed`: given up after the last retry (about three days).' }),
    attempts: z.number().int(),
    nextAttemptAt: dateTime.nullable(),
    lastAttemptAt: dateTime.nullable(),
    lastStatusCode: z.number().int().nullable(),
    lastError: z.string().nullable(),
    createdAt: dateTime,
    deliveredAt: dateTime.nullable(),
    attemptLog: z.array(attemptSchema),
  })
  .meta({ id: 'WebhookDelivery' });

const endpointParams = z.strictObject({ endpointId: resourceId('webhook endpoint') });

export const webhooksRoutes: RestRoute[] = [
  restRoute({
    method: 'GET',
    path: '/v1/webhook-endpoints',
    operationId: 'listWebhookEndpoints',
    tag: 'Webhooks',
    summary: 'List webhook endpoints, newest first',
    access: { scope: 'webhooks' },
    query: pageQuery,
    response: pageOf(endpointSchema, 'WebhookEndpointPage'),
    handle: (request) => listEndpoints(request.deps, tenantOf(request), request.query),
  }),
  restRoute({
    method: 'POST',
    path: '/v1/webhook-endpoints',
    operationId: 'createWebhookEndpoint',
    tag: 'Webhooks',
    summary: 'Register a webhook endpoint',
    description:
      'Answers the endpoint and its signing secret, this once. Not idempotent by key: the answer holds a secret, which is never stored for a replay. Deliveries are signed as Standard Webhooks (webhook-id, webhook-timestamp, webhook-signature); redirects are not followed and only public addresses are reached.',
    access: { scope: 'webhooks' },
    body: z.strictObject({ url: webhookUrl, description: webhookDescription.optional(), eventTypes: eventTypes.optional() }).meta({ id: 'CreateWebhookEndpointRequest' }),
    response: endpointWithSecret,
    successStatus: 201,
    handle: (request) => createEndpoint(request.deps, tenantOf(request), request.body),
  }),
  restRoute({
    method: 'GET',
    path: '/v1/webhook-endpoints/{endpointId}',
    operationId: 'getWebhookEndpoint',
    tag: 'Webhooks',
    summary: 'Get a webhook endpoint',
    access: { scope: 'webhooks' },
    params: endpointParams,
    response: endpointSchema,
    handle: (request) => getEndpoint(request.deps, tenantOf(request), request.params.endpointId),
  }),
  restRoute({
    method: 'PATCH',
    path: '/v1/webhook-endpoints/{endpointId}',
    operationId: 'updateWebhookEndpoint',
    tag: 'Webhooks',
    summary: 'Change a webhook endpoint, or disable or re-enable it',
    description: '`enabled: true` re-enables a disabled endpoint: its waiting deliveries resume.',
    access: { scope: 'webhooks' },
    params: endpointParams,
    body: z
      .strictObject({ url: webhookUrl.optional(), description: webhookDescription.optional(), eventTypes: eventTypes.optional(), enabled: z.boolean().optional() })
      .meta({ id: 'UpdateWebhookEndpointRequest' }),
    response: endpointSchema,
    handle: (request) => updateEndpoint(request.deps, tenantOf(request), request.params.endpointId, request.body),
  }),
  restRoute({
    method: 'DELETE',
    path: '/v1/webhook-endpoints/{endpointId}',
    operationId: 'deleteWebhookEndpoint',
    tag: 'Webhooks',
    summary: 'Delete a webhook endpoint and its delivery log',
    access: { scope: 'webhooks' },
    params: endpointParams,
    response: z.void(),
    successStatus: 204,
    handle: async (request) => {
      await deleteEndpoint(request.deps, tenantOf(request), request.params.endpointId);
    },
  }),
  restRoute({
    method: 'POST',
    path: '/v1/webhook-endpoints/{endpointId}/rotate-secret',
    operationId: 'rotateWebhookEndpointSecret',
    tag: 'Webhooks',
    summary: 'Replace the signing secret',
    description: 'Answers the new secret, this once. For 24 hours deliveries carry signatures with both secrets, so receivers can switch without missing one.',
    access: { scope: 'webhooks' },
    params: endpointParams,
    response: endpointWithSecret,
    handle: (request) => rotateEndpointSecret(request.deps, tenantOf(request), request.params.endpointId),
  }),
  restRoute({
    method: 'POST',
    path: '/v1/webhook-endpoints/{endpointId}/test',
    operationId: 'sendWebhookTestEvent',
    tag: 'Webhooks',
    summary: 'Send a webhook.test event to this endpoint',
    access: { scope: 'webhooks' },
    params: endpointParams,
    response: deliverySchema,
    successStatus: 202,
    handle: (request) => sendTestEvent(request.deps, tenantOf(request), request.params.endpointId),
  }),
  restRoute({
    method: 'GET',
    path: '/v1/webhook-endpoints/{endpointId}/deliveries',
    operationId: 'listWebhookDeliveries',
    tag: 'Webhooks',
    summary: "An endpoint's deliveries, newest first, with every attempt",
    access: { scope: 'webhooks' },
    params: endpointParams,
    query: pageQuery,
    response: pageOf(deliverySchema, 'WebhookDeliveryPage'),
    handle: (request) => listDeliveries(request.deps, tenantOf(request), request.params.endpointId, request.query),
  }),
  restRoute({
    method: 'POST',
    path: '/v1/webhook-deliveries/{deliveryId}/replay',
    operationId: 'replayWebhookDelivery',
    tag: 'Webhooks',
    summary: 'Send a delivery’s event again, with the same event id',
    access: { scope: 'webhooks' },
    params: z.strictObject({ deliveryId: resourceId('webhook delivery') }),
    response: deliverySchema,
    successStatus: 202,
    handle: (request) => replayDelivery(request.deps, tenantOf(request), request.params.deliveryId),
  }),
];
