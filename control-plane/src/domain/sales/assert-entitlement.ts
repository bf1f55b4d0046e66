// Paid access for playback.authorize. A title that an offer covers (any offer, live or archived: someone may have paid
// for it) plays only for a signed-in viewer with an entitlement that covers it now; the grant never outlives that
// entitlement, and a rental's first play starts its hours-to-finish clock. A viewer without one is refused with the
// offers on sale that would unlock the title. Titles no offer covers are not this file's business.
//
// Paid offers gate titles in the 'viewers' access mode (sign-in): a public title stays public, and a 'token' title is
// left to the tenant's backend, which decides who gets a playback token.
import { sql } from 'kysely';
import type { DomainDeps } from '../deps.js';
import { PaymentRequiredError } from '../errors.js';
import { accessEndsAt, type Entitlement } from './entitlement-access.js';
import { unlockingOffer } from './offers.js';
import { storeIsSelling } from './offers-on-sale.js';
import { covers, titleOf } from './title-coverage.js';

export interface PaidAccess {
  /** What was bought: whether it outlasts an unpublished title depends on it (authorize-playback.ts). */
  kind: Entitlement['kind'];
  /** When access ends; null for a purchase (the grant's own lifetime applies). */
  endsAt: Date | null;
  /** The tallest rung the entitlement plays; null for all. */
  maxHeight: number | null;
}

type Deps = Pick<DomainDeps, 'db' | 'clock'>;

/** Undefined when no offer covers the video; the viewer's access when one does; throws PaymentRequiredError otherwise. */
export async function assertPaidAccess(deps: Deps, video: { id: string; tenantId: string }, viewerId: string): Promise<PaidAccess | undefined> {
  const title = await titleOf(deps.db, video.tenantId, video.id);
  const offers = await deps.db
    .selectFrom('offers')
    .selectAll()
    .where('tenant_id', '=', video.tenantId)
    .where((eb) => covers(eb, title))
    .orderBy('created_at')
    .execute();
  if (offers.length === 0) return undefined;

  const now = deps.clock.now();
  const entitlements = await deps.db
    .selectFrom('entitlements')
    .selectAll()
    .where('tenant_id', '=', video.tenantId)
    .where('viewer_id', '=', viewerId)
    .where('status', 'in', ['active', 'trialing', 'past_due'])
    .where((eb) => covers(eb, title))
    .execute();
  const best = bestAccess(entitlements, now);
  if (best) return best.entitlement.kind === 'rental' && !best.entitlement.rental_started_at ? startRental(deps, best.entitlement, now) : toAccess(best.entitlement, best.endsAt);

  // Offers are on sale only while the tenant's account can take payments (a disconnected store sells nothing).
  const onSale = (await storeIsSelling(deps.db, video.tenantId)) ? offers.filter((offer) => !offer.archived_at).map(unlockingOffer) : [];
  const rentedBefore = await deps.db
    .selectFrom('entitlements')
    .select('id')
    .where('tenant_id', '=', video.tenantId)
    .where('viewer_id', '=', viewerId)
    .where('kind', '=', 'rental')
    .where(sql<string>`${video.id}::uuid`, '=', sql<string>`any(video_ids)`)
    .executeTakeFirst();
  const message = rentedBefore
    ? 'Your rental of this title has ended. Rent it again to keep watching.'
    : onSale.length > 0
      ? 'This title is for paying viewers: choose one of the offers to watch it.'
      : 'This title is for paying viewers and is not on sale at the moment.';
  throw new PaymentRequiredError(message, onSale);
}

/**
 * The entitlement that plays best: an unstarted rental only when nothing else covers the title (playing a title someone
 * subscribes to should not use up their rental); then the highest quality (no cap above HD: an HD subscription and a 4K
 * purchase of one title play 4K); then the longest (a purchase, then the latest end).
 */
function bestAccess(entitlements: readonly Entitlement[], now: Date): { entitlement: Entitlement; endsAt: Date | 'forever' } | undefined {
  let best: { entitlement: Entitlement; endsAt: Date | 'forever'; rank: number[] } | undefined;
  for (const entitlement of entitlements) {
    const endsAt = accessEndsAt(entitlement, now);
    if (endsAt === undefined) continue;
    const unstartedRental = entitlement.kind === 'rental' && !entitlement.rental_started_at;
    const rank = [unstartedRental ? 0 : 1, entitlement.max_height ?? Number.MAX_SAFE_INTEGER, endsAt === 'forever' ? Number.MAX_SAFE_INTEGER : endsAt.getTime()];
    if (!best || isAbove(rank, best.rank)) best = { entitlement, endsAt, rank };
  }
  return best;
}

function isAbove(rank: readonly number[], other: readonly number[]): boolean {
  for (const [i, value] of rank.entries()) {
    const theirs = other[i] ?? 0;
    if (value !== theirs) return value > theirs;
  }
  return false;
}

/** The first play: the clock starts once, even when two players ask at the same moment. */
async function startRental(deps: Deps, entitlement: Entitlement, now: Date): Promise<PaidAccess> {
  const endsAt = new Date(now.getTime() + (entitlement.rental_watch_hours ?? 0) * 3_600_000);
  const started = await deps.db
    .updateTable('entitlements')
    .set({ rental_started_at: now, rental_ends_at: endsAt, updated_at: now })
    .where('tenant_id', '=', entitlement.tenant_id)
    .where('id', '=', entitlement.id)
    .where('rental_started_at', 'is', null)
    .returning('rental_ends_at')
    .executeTakeFirst();
  if (started) return toAccess(entitlement, endsAt);
  const current = await deps.db.selectFrom('entitlements').select('rental_ends_at').where('tenant_id', '=', entitlement.tenant_id).where('id', '=', entitlement.id).executeTakeFirstOrThrow();
  return toAccess(entitlement, current.rental_ends_at ?? endsAt);
}

function toAccess(entitlement: Entitlement, endsAt: Date | 'forever'): PaidAccess {
  return { kind: entitlement.kind, endsAt: endsAt === 'forever' ? null : endsAt, maxHeight: entitlement.max_height };
}

/**
 * The same answer without throwing, for a caller that must weigh it against other rules first (an unpublished title
 * tells a viewer without an entitlement that it has gone, not what it costs): undefined when no offer covers the video.
 */
export async function paidAccessOf(deps: Deps, video: { id: string; tenantId: string }, viewerId: string): Promise<{ access?: PaidAccess; refusal?: PaymentRequiredError } | undefined> {
  try {
    const access = await assertPaidAccess(deps, video, viewerId);
    return access && { access };
  } catch (error) {
    if (error instanceof PaymentRequiredError) return { refusal: error };
    throw error;
  }
}
