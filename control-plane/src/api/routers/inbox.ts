// The development inbox (local shape): the messages the platform sent about this tenant.
import { z } from 'zod';
import { getInboxMessage, listInboxMessages } from '../../domain/email/development-inbox.js';
import { adminProcedure, router } from '../trpc.js';
import { uuid } from './fields.js';

export const inboxRouter = router({
  /** Newest first; `available` is false where mail goes to real mailboxes (SMTP, SES). */
  list: adminProcedure
    .input(z.object({ limit: z.number().int().min(1).max(100).default(50), cursor: z.string().min(1).max(400).optional() }).default({ limit: 50 }))
    .query(({ ctx, input }) => listInboxMessages(ctx.deps, ctx.admin.tenantId, input)),
  get: adminProcedure.input(z.object({ messageId: uuid })).query(({ ctx, input }) => getInboxMessage(ctx.deps, ctx.admin.tenantId, input.messageId)),
});
