// Offers: what a tenant may sell, refused with a message saying what to change; tiers that unlock some collections
// (a title in one directly or through its series); bundles of one collection.
import { beforeAll, describe, expect, it } from 'vitest';
import { PaymentRequiredError } from '../../src/domain/errors.js';
import { createOffer } from '../../src/domain/sales/offers.js';
import type { FakeStripeConnect } from '../support/fake-stripe-connect.js';
import { buy, offer, play, sellerWithStore, signedInViewer, salesWorld, type SalesDeps, type Seller } from '../support/sales-fixtures.js';
import type { TestDatabase } from '../support/test-database.js';

const world = salesWorld();
let database: TestDatabase;
let stripe: FakeStripeConnect;
let deps: SalesDeps;
beforeAll(() => {
  ({ database, stripe, deps } = world);
});

async function collectionOf(seller: Seller, videoIds: readonly string[]): Promise<string> {
  const collection = await database.db
    .insertInto('collections')
    .values({ tenant_id: seller.tenantId, title: 'Documentaries', slug: `docs-${Math.random().toString(36).slice(2, 8)}`, position: 0, updated_at: new Date() })
    .returning('id')
    .executeTakeFirstOrThrow();
  for (const [position, videoId] of videoIds.entries())
    await database.db.insertInto('collection_items').values({ tenant_id: seller.tenantId, collection_id: collection.id, position, video_id: videoId }).execute();
  return collection.id;
}

describe('offers', () => {
  it('refuses what cannot be sold, saying what to change', async () => {
    const seller = await sellerWithStore(deps, stripe);
    const other = await sellerWithStore(deps, stripe);
    const attempt = (input: Parameters<typeof createOffer>[2], tenantId = seller.tenantId) => createOffer(deps, tenantId, input);
    await expect(attempt({ kind: 'rental', name: 'Rent', amount: 4.99, currency: 'usd', videoIds: [seller.videoId], rental: { startDays: 30, watchHours: 48 } })).rejects.toThrow(
      "The price is in the currency's smallest unit (cents): a whole number from 50 to 99999999, e.g. 499 for 4.99.",
    );
    await expect(attempt({ kind: 'rental', name: 'Rent', amount: 499, currency: 'dollars', videoIds: [seller.videoId], rental: { startDays: 30, watchHours: 48 } })).rejects.toThrow(
      'The currency is a three-letter ISO code such as usd or eur.',
    );
    await expect(attempt({ kind: 'rental', name: 'Rent', amount: 499, currency: 'usd', videoIds: [seller.videoId], rental: { startDays: 30, watchHours: 0 } })).rejects.toThrow(
      'A rental gives 1 to 720 hours to finish once started: set rental.watchHours (48 is usual).',
    );
    await expect(attempt({ kind: 'subscription', name: 'Monthly', amount: 999, currency: 'usd', coversEverything: true })).rejects.toThrow(
      'A subscription renews every month or every year: set interval to "month" or "year".',
    );
    await expect(attempt({ kind: 'subscription', name: 'Monthly', amount: 999, currency: 'usd', interval: 'month' })).rejects.toThrow(
      'Say what the subscription unlocks: everything, or some collections.',
    );
    await expect(attempt({ kind: 'subscription', name: 'SD', amount: 999, currency: 'usd', interval: 'month', coversEverything: true, maxHeight: 720 })).rejects.toThrow(
      'A quality cap of 720 cannot be enforced: playback grants stop at HD (maxHeight 1080) or play every rung, 4K included (no maxHeight). Lower caps such as 480 or 720 are not enforceable at the edge.',
    );
    await expect(attempt({ kind: 'subscription', name: 'Monthly', amount: 999, currency: 'usd', interval: 'month', coversEverything: true, trialDays: 731 })).rejects.toThrow(
      'Free-trial days are a whole number from 0 to 730.',
    );
    await expect(attempt({ kind: 'bundle', name: 'Box', amount: 2999, currency: 'usd', collectionIds: [] })).rejects.toThrow(
      'A bundle sells one collection for one price: name exactly one in collectionIds.',
    );
    // Another tenant's video is not in this library.
    await expect(attempt({ kind: 'purchase', name: 'Buy', amount: 999, currency: 'usd', videoIds: [other.videoId] })).rejects.toThrow(`These videos are not in your library: ${other.videoId}.`);
    expect(await database.db.selectFrom('offers').select('id').where('tenant_id', '=', seller.tenantId).execute()).toEqual([]);
  });

  it('a tier unlocks the collections it names and nothing else, and keeps its quality cap on the entitlement', async () => {
    const seller = await sellerWithStore(deps, stripe);
    const docs = await collectionOf(seller, [seller.videoId]);
    const tier = await offer(deps, seller, { kind: 'subscription', name: 'Docs in HD', coversEverything: false, collectionIds: [docs], maxHeight: 1080 });
    await offer(deps, seller, { kind: 'purchase', videoIds: [seller.otherVideoId] });
    const viewer = await signedInViewer(deps, seller);

    const refused = await play(deps, seller.videoId, viewer).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(PaymentRequiredError);
    expect((refused as PaymentRequiredError).offers.map((o) => [o.id, o.maxHeight])).toEqual([[tier.id, 1080]]);

    await buy(deps, stripe, seller, viewer, tier.id);
    await play(deps, seller.videoId, viewer);
    await expect(play(deps, seller.otherVideoId, viewer)).rejects.toBeInstanceOf(PaymentRequiredError);
    const [entitlement] = await database.db.selectFrom('entitlements').select(['collection_ids', 'max_height']).where('viewer_id', '=', viewer.viewerId).execute();
    expect(entitlement).toEqual({ collection_ids: [docs], max_height: 1080 });
  });

  it('a bundle sells one collection for one price', async () => {
    const seller = await sellerWithStore(deps, stripe);
    const box = await collectionOf(seller, [seller.videoId, seller.otherVideoId]);
    const bundle = await offer(deps, seller, { kind: 'bundle', collectionIds: [box] });
    const viewer = await signedInViewer(deps, seller);
    await expect(play(deps, seller.otherVideoId, viewer)).rejects.toBeInstanceOf(PaymentRequiredError);
    await buy(deps, stripe, seller, viewer, bundle.id);
    await play(deps, seller.videoId, viewer);
    await play(deps, seller.otherVideoId, viewer);
  });
});
