// Sales over REST, for the tenant's backend: its Stripe account's state, its offers, and the sales report. Connecting
// Stripe is the owner's act in the portal, not an API key's.
import { z } from 'zod';
import { archiveOffer, createOffer, listOffers } from '../../../domain/sales/offers.js';
import { salesReport } from '../../../domain/sales/sales-report.js';
import { storeAccount } from '../../../domain/sales/store-accounts.js';
import { offerInput, offerView } from '../../routers/sales.js';
import { dateTime, resourceId } from '../rest-schemas.js';
import { restRoute, tenantOf, type RestRoute } from '../rest-route.js';

const offerSchema = z
  .object({
    id: z.uuid(),
    kind: z.enum(['subscription', 'rental', 'purchase', 'bundle']),
    name: z.string(),
    amount: z.number().int().meta({ description: 'In the currency’s smallest unit (cents).' }),
    currency: z.string(),
    interval: z.enum(['month', 'year']).nullable(),
    trialDays: z.number().int(),
    coversEverything: z.boolean(),
    videoIds: z.array(z.uuid()),
    collectionIds: z.array(z.uuid()),
    maxHeight: z.number().int().nullable().meta({ description: '1080: plays up to HD; null: every rung, 4K included.' }),
    rental: z.object({ startDays: z.number().int(), watchHours: z.number().int() }).nullable(),
    onStripe: z.boolean().meta({ description: 'Its product and price exist on the connected Stripe account.' }),
    createdAt: dateTime,
  })
  .meta({ id: 'Offer' });

export const salesRoutes: RestRoute[] = [
  restRoute({
    method: 'GET',
    path: '/v1/sales/store',
    operationId: 'getStore',
    tag: 'Sales',
    summary: 'The connected Stripe account and the platform fee',
    access: { scope: 'read' },
    response: z
      .object({
        status: z.enum(['not-connected', 'pending', 'charges-enabled', 'disconnected']),
        accountId: z.string().nullable(),
        detailsSubmitted: z.boolean(),
        feePercent: z.number().meta({ description: 'The platform’s share of each sale, in percent, on the current plan.' }),
      })
      .meta({ id: 'Store' }),
    handle: (request) => storeAccount(request.deps, tenantOf(request)),
  }),
  restRoute({
    method: 'GET',
    path: '/v1/sales/offers',
    operationId: 'listOffers',
    tag: 'Sales',
    summary: 'List the offers on sale',
    access: { scope: 'read' },
    response: z.object({ data: z.array(offerSchema) }).meta({ id: 'OfferList' }),
    handle: async (request) => ({ data: (await listOffers(request.deps, tenantOf(request))).map(offerView) }),
  }),
  restRoute({
    method: 'POST',
    path: '/v1/sales/offers',
    operationId: 'createOffer',
    tag: 'Sales',
    summary: 'Create an offer: a subscription, a rental, a purchase or a bundle',
    description:
      'Subscriptions name an interval and what they unlock (everything, or collections); rentals name videos, days to start and hours to finish; purchases name videos; bundles one collection.',
    access: { scope: 'write' },
    body: z.strictObject(offerInput.shape).meta({ id: 'CreateOfferRequest' }),
    response: offerSchema,
    successStatus: 201,
    idempotent: true,
    handle: async (request) => offerView(await createOffer(request.deps, tenantOf(request), request.body)),
  }),
  restRoute({
    method: 'DELETE',
    path: '/v1/sales/offers/{offerId}',
    operationId: 'archiveOffer',
    tag: 'Sales',
    summary: 'Stop selling an offer (buyers keep what they bought)',
    access: { scope: 'write' },
    params: z.strictObject({ offerId: resourceId('offer') }),
    response: z.void(),
    successStatus: 204,
    handle: async (request) => {
      await archiveOffer(request.deps, tenantOf(request), request.params.offerId);
    },
  }),
  restRoute({
    method: 'GET',
    path: '/v1/sales/report',
    operationId: 'getSalesReport',
    tag: 'Sales',
    summary: 'Revenue, refunds and platform fees; subscribers and churn; rentals and purchases by title',
    access: { scope: 'read' },
    query: z.strictObject({ from: z.coerce.date().meta({ description: 'ISO 8601, inclusive.' }), to: z.coerce.date().meta({ description: 'ISO 8601, exclusive; at most 366 days after `from`.' }) }),
    response: z
      .object({
        from: dateTime,
        to: dateTime,
        feePercent: z.number(),
        money: z.array(
          z.object({
            currency: z.string(),
            revenue: z.number().int(),
            refunds: z.number().int(),
            platformFees: z.number().int().meta({ description: 'Application fees Stripe reported on each payment, less those it refunded; estimated where none was reported.' }),
            estimatedPlatformFees: z
              .number()
              .int()
              .meta({ description: 'The part of `platformFees` estimated from the plan’s percentage, for payments whose actual fee is not known (sales recorded before fees were read from Stripe).' }),
            net: z.number().int(),
          }),
        ),
        subscribers: z.object({ active: z.number().int(), trialing: z.number().int(), pastDue: z.number().int(), churned: z.number().int() }),
        titles: z.array(z.object({ videoId: z.uuid(), title: z.string(), rentals: z.number().int(), purchases: z.number().int() })),
      })
      .meta({ id: 'SalesReport' }),
    handle: (request) => salesReport(request.deps, tenantOf(request), request.query),
  }),
];
