// Webhook endpoints and their delivery log. Endpoints decide where a tenant's data goes and hold signing secrets:
// only the owner creates, changes, deletes or rotates them; any admin reads the log, replays and sends test events.
import { WEBHOOK_EVENT_TYPES } from '@ott/contracts';
import { z } from 'zod';
import { listDeliveries, replayDelivery, sendTestEvent } from '../../domain/webhooks/webhook-deliveries.js';
import { createEndpoint, deleteEndpoint, getEndpoint, listEndpoints, rotateEndpointSecret, updateEndpoint } from '../../domain/webhooks/webhook-endpoints.js';
import { adminProcedure, ownerProcedure, router } from '../trpc.js';
import { uuid } from './fields.js';

export const webhookUrl = z.string().trim().min(1, 'Enter the URL of your receiver').max(2000, 'The URL can have at most 2,000 characters');
export const webhookDescription = z.string().max(200, 'The description can have at most 200 characters');
export const webhookEventTypes = z.array(z.enum(WEBHOOK_EVENT_TYPES)).max(WEBHOOK_EVENT_TYPES.length);
const page = { limit: z.number().int().min(1).max(100).default(20), cursor: z.string().max(500).optional() };

export const webhooksRouter = router({
  list: adminProcedure.input(z.object(page).default({ limit: 20 })).query(({ ctx, input }) => listEndpoints(ctx.deps, ctx.admin.tenantId, input)),
  get: adminProcedure.input(z.object({ endpointId: uuid })).query(({ ctx, input }) => getEndpoint(ctx.deps, ctx.admin.tenantId, input.endpointId)),
  create: ownerProcedure
    .input(z.object({ url: webhookUrl, description: webhookDescription.optional(), eventTypes: webhookEventTypes.optional() }))
    .mutation(({ ctx, input }) => createEndpoint(ctx.deps, ctx.admin.tenantId, input)),
  update: ownerProcedure
    .input(z.object({ endpointId: uuid, url: webhookUrl.optional(), description: webhookDescription.optional(), eventTypes: webhookEventTypes.optional(), enabled: z.boolean().optional() }))
    .mutation(({ ctx, input }) => {
      const { endpointId, ...changes } = input;
      return updateEndpoint(ctx.deps, ctx.admin.tenantId, endpointId, changes);
    }),
  delete: ownerProcedure.input(z.object({ endpointId: uuid })).mutation(async ({ ctx, input }) => {
    await deleteEndpoint(ctx.deps, ctx.admin.tenantId, input.endpointId);
    return { deleted: true };
  }),
  rotateSecret: ownerProcedure.input(z.object({ endpointId: uuid })).mutation(({ ctx, input }) => rotateEndpointSecret(ctx.deps, ctx.admin.tenantId, input.endpointId)),
  sendTest: adminProcedure.input(z.object({ endpointId: uuid })).mutation(({ ctx, input }) => sendTestEvent(ctx.deps, ctx.admin.tenantId, input.endpointId)),
  deliveries: adminProcedure.input(z.object({ endpointId: uuid, ...page })).query(({ ctx, input }) => listDeliveries(ctx.deps, ctx.admin.tenantId, input.endpointId, input)),
  replay: adminProcedure.input(z.object({ deliveryId: uuid })).mutation(({ ctx, input }) => replayDelivery(ctx.deps, ctx.admin.tenantId, input.deliveryId)),
});
