// Selling to viewers: the tenant's side (its Stripe account through Connect, offers, the sales report) and the
// viewer's side (buy, my purchases, the customer portal), the latter signed in with an ID token from the tenant's pool, sent as the bearer token (viewerProcedure).
import { z } from 'zod';
import { portalPage } from '../../domain/billing/checkout.js';
import { archiveOffer, createOffer, listOffers, QUALITY_CAPS, unlockingOffer, type Offer } from '../../domain/sales/offers.js';
import { salesReport } from '../../domain/sales/sales-report.js';
import { connectStore, disconnectStore, refreshStoreAccount, storeAccount } from '../../domain/sales/store-accounts.js';
import { buyOffer, viewerCustomerPortal, viewerPurchases } from '../../domain/sales/viewer-purchases.js';
import { adminProcedure, ownerProcedure, rateLimited, router, viewerProcedure } from '../trpc.js';
import { uuid } from './fields.js';

const pageUrl = z.string().min(1, 'Give the page to come back to').max(2048);

export const offerInput = z.object({
  kind: z.enum(['subscription', 'rental', 'purchase', 'bundle']),
  name: z.string().max(500),
  amount: z.number().meta({ description: 'In the currency’s smallest unit (cents): 499 is 4.99.' }),
  currency: z.string().max(10),
  interval: z.enum(['month', 'year']).optional(),
  trialDays: z.number().optional(),
  coversEverything: z.boolean().optional(),
  videoIds: z.array(uuid).max(500).optional(),
  collectionIds: z.array(uuid).max(100).optional(),
  maxHeight: z
    .number()
    .nullable()
    .optional()
    .meta({
      description: `The tallest rung it plays: ${QUALITY_CAPS.join(' or ')} (HD; rungs above it are out of the playback grant's reach); null for every rung, 4K included. Other caps cannot be enforced by the signed grant and are refused.`,
    }),
  rental: z.object({ startDays: z.number(), watchHours: z.number() }).optional(),
});

export function offerView(offer: Offer) {
  return {
    ...unlockingOffer(offer),
    coversEverything: offer.covers_everything,
    videoIds: offer.video_ids,
    collectionIds: offer.collection_ids,
    onStripe: offer.stripe_price_id !== null,
    createdAt: offer.created_at,
  };
}

export const salesRouter = router({
  store: adminProcedure.query(({ ctx }) => storeAccount(ctx.deps, ctx.admin.tenantId)),
  /** The Stripe onboarding link (the account is created on first use); Stripe sends the owner back to `returnUrl`. */
  connect: ownerProcedure.input(z.object({ returnUrl: pageUrl })).mutation(({ ctx, input }) => {
    const back = portalPage(ctx.deps, input.returnUrl, 'returnUrl');
    return connectStore(ctx.deps, ctx.admin.tenantId, { returnUrl: back, refreshUrl: back });
  }),
  refresh: adminProcedure.mutation(({ ctx }) => refreshStoreAccount(ctx.deps, ctx.admin.tenantId)),
  disconnect: ownerProcedure.mutation(({ ctx }) => disconnectStore(ctx.deps, ctx.admin.tenantId)),
  offers: adminProcedure.query(async ({ ctx }) => (await listOffers(ctx.deps, ctx.admin.tenantId)).map(offerView)),
  createOffer: adminProcedure.input(offerInput).mutation(async ({ ctx, input }) => offerView(await createOffer(ctx.deps, ctx.admin.tenantId, input))),
  archiveOffer: adminProcedure.input(z.object({ offerId: uuid })).mutation(({ ctx, input }) => archiveOffer(ctx.deps, ctx.admin.tenantId, input.offerId)),
  report: adminProcedure.input(z.object({ from: z.coerce.date(), to: z.coerce.date() })).query(({ ctx, input }) => salesReport(ctx.deps, ctx.admin.tenantId, input)),
});

/** Each purchase opens a session on the tenant's payment account: a generous allowance per address, not an unlimited one. */
const viewerSalesProcedure = viewerProcedure.use(rateLimited('viewer-sales', { limit: 60, windowMs: 60_000 }));

export const viewerSalesRouter = router({
  buy: viewerSalesProcedure
    .input(z.object({ offerId: uuid, successUrl: pageUrl, cancelUrl: pageUrl }))
    .mutation(({ ctx, input }) => buyOffer(ctx.deps, ctx.viewer, { offerId: input.offerId, successUrl: input.successUrl, cancelUrl: input.cancelUrl })),
  purchases: viewerSalesProcedure.query(({ ctx }) => viewerPurchases(ctx.deps, ctx.viewer)),
  customerPortal: viewerSalesProcedure.input(z.object({ returnUrl: pageUrl })).mutation(({ ctx, input }) => viewerCustomerPortal(ctx.deps, ctx.viewer, input.returnUrl)),
});
