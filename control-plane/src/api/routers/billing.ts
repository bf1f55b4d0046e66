// Billing for tenants (plan, invoice preview, closed invoices, plan changes, payment method, portal) and the operator's views (costs, refused requests).
import { z } from 'zod';
import { billingStanding } from '../../domain/billing/billing-standing.js';
import { invoicePreview, listInvoices } from '../../domain/billing/billing-periods.js';
import { openBillingPortal } from '../../domain/billing/checkout.js';
import { addPaymentMethod, cancelPendingPlanChange, confirmPlanChange, pendingPlanChange, quotePlanChange } from '../../domain/billing/plan-changes.js';
import { platformCosts } from '../../domain/billing/platform-cost.js';
import { planCatalogue } from '../../domain/billing/plan-catalogue.js';
import { refusedDeliveries } from '../../domain/usage/refused-deliveries.js';
import { operatorAnalyticsQuerySchema } from '@ott/contracts';
import { operatorAnalytics } from '../../domain/analytics/operator-analytics.js';
import { adminProcedure, operatorProcedure, ownerProcedure, publicProcedure, router } from '../trpc.js';

/** Where the payment provider sends the owner back: the domain accepts only the portal's own pages. */
const returnUrl = z.string().min(1, 'Give the portal page to come back to').max(2048);
const planId = z.enum(['free', 'pro', 'enterprise'], { message: 'Choose Free, Pro or Enterprise' });

export const billingRouter = router({
  /** Plans with their prices and allowances, for a pricing page. */
  plans: publicProcedure.query(() => planCatalogue()),
  status: adminProcedure.query(async ({ ctx }) => {
    const tenant = await ctx.deps.db.selectFrom('tenants').select('plan').where('id', '=', ctx.admin.tenantId).executeTakeFirstOrThrow();
    const account = await ctx.deps.db.selectFrom('billing_accounts').select(['provider', 'subscription_id', 'payment_method_added_at']).where('tenant_id', '=', ctx.admin.tenantId).executeTakeFirst();
    const current = account?.provider === ctx.deps.billing.provider;
    return {
      provider: ctx.deps.billing.provider,
      plan: planCatalogue().find((plan) => plan.id === tenant.plan) ?? null,
      subscribed: Boolean(current && account.subscription_id),
      paymentMethodOnFile: Boolean(current && (account.payment_method_added_at || account.subscription_id)),
      pendingPlanChange: await pendingPlanChange(ctx.deps, ctx.admin.tenantId),
      ...(await billingStanding(ctx.deps, ctx.admin.tenantId)),
    };
  }),
  preview: adminProcedure.query(({ ctx }) => invoicePreview(ctx.deps, ctx.admin.tenantId)),
  invoices: adminProcedure.query(({ ctx }) => listInvoices(ctx.deps, ctx.admin.tenantId)),
  /** What moving to a plan costs now and from the next period: shown for confirmation before changePlan. */
  quotePlanChange: ownerProcedure.input(z.object({ plan: planId })).query(({ ctx, input }) => quotePlanChange(ctx.deps, ctx.admin.tenantId, input.plan)),
  changePlan: ownerProcedure
    .input(z.object({ plan: planId, expectedChargeCents: z.number().int().min(0), successUrl: returnUrl, cancelUrl: returnUrl }))
    .mutation(({ ctx, input }) =>
      confirmPlanChange(ctx.deps, ctx.admin.tenantId, { planId: input.plan, expectedChargeCents: input.expectedChargeCents, successUrl: input.successUrl, cancelUrl: input.cancelUrl }),
    ),
  cancelPlanChange: ownerProcedure.mutation(async ({ ctx }) => {
    await cancelPendingPlanChange(ctx.deps, ctx.admin.tenantId);
    return { cancelled: true };
  }),
  addPaymentMethod: ownerProcedure.input(z.object({ successUrl: returnUrl, cancelUrl: returnUrl })).mutation(({ ctx, input }) => addPaymentMethod(ctx.deps, ctx.admin.tenantId, input)),
  portal: ownerProcedure.input(z.object({ returnUrl })).mutation(({ ctx, input }) => openBillingPortal(ctx.deps, ctx.admin.tenantId, input.returnUrl)),
});

const monthInput = z
  .object({
    month: z
      .string()
      .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'Use a month such as 2026-11')
      .optional(),
  })
  .default({});

export const operatorRouter = router({
  /** Per tenant: estimated AWS cost of its usage next to what it is billed, for one month (default: this one). */
  costs: operatorProcedure.input(monthInput).query(({ ctx, input }) => platformCosts(ctx.deps, input.month)),
  /** Per tenant and hour: requests the edge refused (never billed), by status, for one month (default: this one). */
  refusedDeliveries: operatorProcedure.input(monthInput).query(({ ctx, input }) => refusedDeliveries(ctx.deps, input.month)),
  /** Per tenant: views, watch time and daily viewers beside egress, cost and revenue, for one month (default: this one). */
  analytics: operatorProcedure.input(operatorAnalyticsQuerySchema).query(({ ctx, input }) => operatorAnalytics(ctx.deps, input)),
});
