// When an entitlement's access ends, the one rule playback and the viewer's "my purchases" both read.
import type { Selectable } from 'kysely';
import type { EntitlementsTable } from '../../db/schema.js';

export type Entitlement = Selectable<EntitlementsTable>;

/**
 * A subscription whose renewal was declined keeps playing this long after its paid period while Stripe retries the
 * card; if no payment comes, access ends then (or earlier, when Stripe ends the subscription).
 */
export const PAST_DUE_GRACE_DAYS = 7;
const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

/** `forever` (a purchase), the moment access ends, or undefined: no access now. */
export function accessEndsAt(entitlement: Entitlement, now: Date): Date | 'forever' | undefined {
  const end = plannedEnd(entitlement, now);
  if (end === undefined || end === 'forever') return end;
  return end > now ? end : undefined;
}

function plannedEnd(entitlement: Entitlement, now: Date): Date | 'forever' | undefined {
  switch (entitlement.status) {
    case 'ended':
    case 'refunded':
    case 'disputed':
      return undefined;
    case 'past_due':
      return entitlement.period_end ? new Date(entitlement.period_end.getTime() + PAST_DUE_GRACE_DAYS * DAY_MS) : undefined;
    case 'active':
    case 'trialing':
      break;
  }
  switch (entitlement.kind) {
    case 'subscription':
      return entitlement.period_end ?? undefined;
    case 'purchase':
    case 'bundle':
      return 'forever';
    case 'rental':
      if (entitlement.rental_ends_at) return entitlement.rental_ends_at;
      // Not started: it would end this long after a first play now, if it may still start.
      if (!entitlement.rental_start_by || entitlement.rental_start_by <= now) return undefined;
      return new Date(now.getTime() + (entitlement.rental_watch_hours ?? 0) * HOUR_MS);
  }
}
