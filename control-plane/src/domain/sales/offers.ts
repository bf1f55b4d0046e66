// What a tenant sells: subscriptions (monthly or yearly, a free trial, a tier: everything or some collections, up to a
// quality), rentals (days to start, hours to finish once started), purchases (owned for good) and bundles (one
// collection for one price). A title in the 'viewers' access mode that no offer covers is a free registration wall.
// Each offer becomes a product and price on the tenant's connected account once it can take payments.
import type { UnlockingOffer } from '@ott/contracts';
import type { OfferKind, OffersTable } from '../../db/schema.js';
import type { Selectable } from 'kysely';
import type { DomainDeps } from '../deps.js';
import { invalid, notFound } from '../errors.js';
import { storePaymentsOf } from './store-accounts.js';
import { HD_MAX_HEIGHT } from '../../media/uhd-folder.js';

export interface OfferInput {
  kind: OfferKind;
  name: string;
  /** Minor units of `currency` (cents). */
  amount: number;
  currency: string;
  interval?: 'month' | 'year';
  trialDays?: number;
  coversEverything?: boolean;
  videoIds?: readonly string[];
  collectionIds?: readonly string[];
  maxHeight?: number | null;
  rental?: { startDays: number; watchHours: number };
}

export type Offer = Selectable<OffersTable>;

/**
 * The caps a playback grant enforces: HD (1080), or none (every rung, 4K included). Rungs above HD are stored apart
 * (media/uhd-folder.ts) and a capped grant's signed Resource does not reach them; a cap between rungs cannot be enforced
 * at the edge, whose policies name folders, not rungs.
 */
export const QUALITY_CAPS = [HD_MAX_HEIGHT] as const;
/** Stripe refuses trials longer than two years. */
const MAX_TRIAL_DAYS = 730;
/** Stripe's smallest charge is about 50 cents in most currencies (docs.stripe.com/currencies#minimum-and-maximum-charge-amounts). */
const MIN_AMOUNT = 50;
const MAX_AMOUNT = 99_999_999;

export async function createOffer(deps: Pick<DomainDeps, 'db' | 'storePayments'>, tenantId: string, input: OfferInput): Promise<Offer> {
  const checked = validateOffer(input);
  await assertOwned(deps, tenantId, 'videos', checked.video_ids, 'These videos are not in your library');
  await assertOwned(deps, tenantId, 'collections', checked.collection_ids, 'These collections do not exist in your catalogue');
  const offer = await deps.db
    .insertInto('offers')
    .values({ tenant_id: tenantId, ...checked })
    .returningAll()
    .executeTakeFirstOrThrow();
  const account = await deps.db
    .selectFrom('store_accounts')
    .select('stripe_account_id')
    .where('tenant_id', '=', tenantId)
    .where('charges_enabled', '=', true)
    .where('disconnected_at', 'is', null)
    .executeTakeFirst();
  return account ? pricedOffer(deps, offer, account.stripe_account_id) : offer;
}

async function assertOwned(deps: Pick<DomainDeps, 'db'>, tenantId: string, table: 'videos' | 'collections', ids: readonly string[], problem: string): Promise<void> {
  if (ids.length === 0) return;
  const found = new Set((await deps.db.selectFrom(table).select('id').where('tenant_id', '=', tenantId).where('id', 'in', ids).execute()).map((row) => row.id));
  const missing = ids.filter((id) => !found.has(id));
  if (missing.length > 0) throw invalid(`${problem}: ${missing.join(', ')}.`);
}

/** The offer with its price on the account, creating both the first time (the provider's idempotency covers a retry). */
export async function pricedOffer(deps: Pick<DomainDeps, 'db' | 'storePayments'>, offer: Offer, accountId: string): Promise<Offer> {
  if (offer.stripe_price_id) return offer;
  const { productId, priceId } = await storePaymentsOf(deps).createPrice({
    accountId,
    offerId: offer.id,
    name: offer.name,
    amount: offer.amount,
    currency: offer.currency,
    interval: offer.billing_interval,
  });
  return deps.db
    .updateTable('offers')
    .set({ stripe_product_id: productId, stripe_price_id: priceId })
    .where('id', '=', offer.id)
    .where('tenant_id', '=', offer.tenant_id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export function listOffers(deps: Pick<DomainDeps, 'db'>, tenantId: string): Promise<Offer[]> {
  return deps.db.selectFrom('offers').selectAll().where('tenant_id', '=', tenantId).where('archived_at', 'is', null).orderBy('created_at').execute();
}

export async function offerOf(deps: Pick<DomainDeps, 'db'>, tenantId: string, offerId: string): Promise<Offer> {
  const offer = await deps.db.selectFrom('offers').selectAll().where('tenant_id', '=', tenantId).where('id', '=', offerId).executeTakeFirst();
  if (!offer) throw notFound('The offer');
  return offer;
}

/** Sales stop; whoever bought it keeps what they bought. */
export async function archiveOffer(deps: Pick<DomainDeps, 'db' | 'clock'>, tenantId: string, offerId: string): Promise<void> {
  const result = await deps.db
    .updateTable('offers')
    .set({ archived_at: deps.clock.now() })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', offerId)
    .where('archived_at', 'is', null)
    .executeTakeFirst();
  if (result.numUpdatedRows === 0n) throw notFound('The offer');
}

export function unlockingOffer(offer: Offer): UnlockingOffer {
  return {
    id: offer.id,
    kind: offer.kind,
    name: offer.name,
    amount: offer.amount,
    currency: offer.currency,
    interval: offer.billing_interval,
    trialDays: offer.trial_days,
    rental: offer.rental_start_days !== null && offer.rental_watch_hours !== null ? { startDays: offer.rental_start_days, watchHours: offer.rental_watch_hours } : null,
    maxHeight: offer.max_height,
  };
}

type OfferColumns = Omit<
  OffersTable,
  'id' | 'tenant_id' | 'created_at' | 'stripe_product_id' | 'stripe_price_id' | 'archived_at' | 'trial_days' | 'covers_everything' | 'video_ids' | 'collection_ids'
> & {
  trial_days: number;
  covers_everything: boolean;
  video_ids: string[];
  collection_ids: string[];
};

/** Every rule an offer must meet, each with a message saying what to change. */
export function validateOffer(input: OfferInput): OfferColumns {
  const name = input.name.trim();
  if (name.length === 0 || name.length > 120) throw invalid('Give the offer a name of 1 to 120 characters.');
  if (!Number.isInteger(input.amount) || input.amount < MIN_AMOUNT || input.amount > MAX_AMOUNT)
    throw invalid(`The price is in the currency's smallest unit (cents): a whole number from ${MIN_AMOUNT} to ${MAX_AMOUNT}, e.g. 499 for 4.99.`);
  const currency = input.currency.toLowerCase();
  if (!/^[a-z]{3}$/.test(currency)) throw invalid('The currency is a three-letter ISO code such as usd or eur.');
  const maxHeight = input.maxHeight ?? null;
  if (maxHeight !== null && !(QUALITY_CAPS as readonly number[]).includes(maxHeight))
    throw invalid(
      `A quality cap of ${maxHeight} cannot be enforced: playback grants stop at HD (maxHeight ${HD_MAX_HEIGHT}) or play every rung, 4K included (no maxHeight). Lower caps such as 480 or 720 are not enforceable at the edge.`,
    );
  const videoIds = [...new Set(input.videoIds ?? [])];
  const collectionIds = [...new Set(input.collectionIds ?? [])];
  const common = { name, amount: input.amount, currency, max_height: maxHeight, video_ids: videoIds, collection_ids: collectionIds };
  const none = { billing_interval: null, trial_days: 0, rental_start_days: null, rental_watch_hours: null, covers_everything: false };
  switch (input.kind) {
    case 'subscription': {
      if (input.interval !== 'month' && input.interval !== 'year') throw invalid('A subscription renews every month or every year: set interval to "month" or "year".');
      const trialDays = input.trialDays ?? 0;
      if (!Number.isInteger(trialDays) || trialDays < 0 || trialDays > MAX_TRIAL_DAYS) throw invalid(`Free-trial days are a whole number from 0 to ${MAX_TRIAL_DAYS}.`);
      const everything = input.coversEverything ?? false;
      if (!everything && collectionIds.length === 0 && videoIds.length === 0) throw invalid('Say what the subscription unlocks: everything, or some collections.');
      if (everything && (collectionIds.length > 0 || videoIds.length > 0)) throw invalid('A subscription to everything names no collections or videos.');
      return { ...common, ...none, kind: 'subscription', billing_interval: input.interval, trial_days: trialDays, covers_everything: everything };
    }
    case 'rental': {
      const rental = input.rental;
      if (!rental || !Number.isInteger(rental.startDays) || rental.startDays < 1 || rental.startDays > 365)
        throw invalid('A rental gives the viewer 1 to 365 days to start watching: set rental.startDays.');
      if (!Number.isInteger(rental.watchHours) || rental.watchHours < 1 || rental.watchHours > 720)
        throw invalid('A rental gives 1 to 720 hours to finish once started: set rental.watchHours (48 is usual).');
      if (videoIds.length === 0 || collectionIds.length > 0) throw invalid('A rental is of one or more videos: list them in videoIds.');
      return { ...common, ...none, kind: 'rental', rental_start_days: rental.startDays, rental_watch_hours: rental.watchHours };
    }
    case 'purchase':
      if (videoIds.length === 0 || collectionIds.length > 0) throw invalid('A purchase is of one or more videos: list them in videoIds.');
      return { ...common, ...none, kind: 'purchase' };
    case 'bundle':
      if (collectionIds.length !== 1 || videoIds.length > 0) throw invalid('A bundle sells one collection for one price: name exactly one in collectionIds.');
      return { ...common, ...none, kind: 'bundle' };
  }
}
