import { z } from 'zod';
import { addAdmin, listAdmins, removeAdmin, resendAdminInvitation } from '../../domain/admins/tenant-admins.js';
import { adminProcedure, ownerProcedure, router } from '../trpc.js';
import { email, uuid } from './fields.js';

export const adminsRouter = router({
  /** Emails the new admin a link to choose their password; the answer carries no password. */
  add: ownerProcedure
    .input(z.object({ email, role: z.enum(['owner', 'admin']).default('admin') }))
    .mutation(({ ctx, input }) => addAdmin(ctx.deps, ctx.admin.tenantId, input.email, input.role, ctx.admin.adminId)),
  resendInvitation: ownerProcedure.input(z.object({ adminId: uuid })).mutation(({ ctx, input }) => resendAdminInvitation(ctx.deps, ctx.admin.tenantId, input.adminId, ctx.admin.adminId)),
  list: adminProcedure.query(({ ctx }) => listAdmins(ctx.deps, ctx.admin.tenantId)),
  remove: ownerProcedure.input(z.object({ adminId: uuid })).mutation(async ({ ctx, input }) => {
    await removeAdmin(ctx.deps, ctx.admin.tenantId, input.adminId, ctx.admin.adminId);
    return { removed: true };
  }),
});
