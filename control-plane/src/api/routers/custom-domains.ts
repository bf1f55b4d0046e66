// The tenant's custom delivery domain: its state and DNS records, add, remove, check now (domain/tenants/custom-domain.ts).
import { z } from 'zod';
import { checkCustomDomainNow, getCustomDomain, removeCustomDomain, requestCustomDomain } from '../../domain/tenants/custom-domain.js';
import { adminProcedure, ownerProcedure, router } from '../trpc.js';

export const customDomainsRouter = router({
  get: adminProcedure.query(({ ctx }) => getCustomDomain(ctx.deps, ctx.admin.tenantId)),
  /** The name is checked by the domain (contracts' checkDeliveryDomainName), whose message names what is wrong. */
  request: ownerProcedure
    .input(z.object({ domainName: z.string().max(300, 'A domain name has at most 253 characters') }))
    .mutation(({ ctx, input }) => requestCustomDomain(ctx.deps, ctx.admin.tenantId, input.domainName)),
  remove: ownerProcedure.mutation(({ ctx }) => removeCustomDomain(ctx.deps, ctx.admin.tenantId)),
  checkNow: adminProcedure.mutation(({ ctx }) => checkCustomDomainNow(ctx.deps, ctx.admin.tenantId)),
});
