// What a tenant sells now: nothing while its payment account cannot take payments (never connected, not finished,
// or disconnected), else the live offers that cover a title. The paywall of playback.authorize and the storefront's
// title page show the same list.
import type { UnlockingOffer } from '@ott/contracts';
import type { Db } from '../../db/database.js';
import { unlockingOffer } from './offers.js';
import { covers, titleOf } from './title-coverage.js';

export async function storeIsSelling(db: Db, tenantId: string): Promise<boolean> {
  const selling = await db
    .selectFrom('store_accounts')
    .select('tenant_id')
    .where('tenant_id', '=', tenantId)
    .where((eb) => eb.and([eb('charges_enabled', '=', true), eb('disconnected_at', 'is', null)]))
    .executeTakeFirst();
  return selling !== undefined;
}

/** The live offers that would unlock the video, oldest first; none while the store is not selling. */
export async function offersOnSaleFor(db: Db, tenantId: string, videoId: string): Promise<UnlockingOffer[]> {
  if (!(await storeIsSelling(db, tenantId))) return [];
  const title = await titleOf(db, tenantId, videoId);
  const offers = await db
    .selectFrom('offers')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('archived_at', 'is', null)
    .where((eb) => covers(eb, title))
    .orderBy('created_at')
    .execute();
  return offers.map(unlockingOffer);
}
