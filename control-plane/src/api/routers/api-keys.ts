// Server API keys for the REST API (/v1): made and revoked by the owner, seen by every admin. Never over REST: a
// leaked key cannot mint more keys.
import { API_KEY_SCOPES } from '@ott/contracts';
import { z } from 'zod';
import { createApiKey, listApiKeys, revokeApiKey } from '../../domain/api-keys/api-keys.js';
import { adminProcedure, ownerProcedure, router } from '../trpc.js';
import { uuid } from './fields.js';

export const apiKeysRouter = router({
  create: ownerProcedure
    .input(z.object({ name: z.string().trim().min(1, 'Give the key a name').max(100), scopes: z.array(z.enum(API_KEY_SCOPES)).min(1, 'Give the key at least one scope') }))
    .mutation(({ ctx, input }) => createApiKey(ctx.deps, ctx.admin.tenantId, { ...input, createdByAdminId: ctx.admin.adminId })),
  list: adminProcedure.query(({ ctx }) => listApiKeys(ctx.deps, ctx.admin.tenantId)),
  revoke: ownerProcedure.input(z.object({ keyId: uuid })).mutation(({ ctx, input }) => revokeApiKey(ctx.deps, ctx.admin.tenantId, input.keyId)),
});
