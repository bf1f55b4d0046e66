// The offers a `payment-required` refusal carries (`data.offers`, UnlockingOffer in @ott/contracts), read defensively:
// an offer the player cannot make sense of is left out rather than shown with a wrong price.
import type { UnlockingOffer } from '@ott/contracts';

/** An offer that would unlock the title; amounts in the currency's minor units (cents). */
export type Offer = UnlockingOffer;

const KINDS: ReadonlySet<string> = new Set(['subscription', 'rental', 'purchase', 'bundle']);

export function parseOffers(value: unknown): Offer[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((item: unknown): Offer[] => {
    if (typeof item !== 'object' || item === null) return [];
    const offer = item as Record<string, unknown>;
    const { id, kind, name, amount, currency } = offer;
    if (typeof id !== 'string' || typeof kind !== 'string' || !KINDS.has(kind) || typeof amount !== 'number' || typeof currency !== 'string' || !/^[a-z]{3}$/i.test(currency)) return [];
    const rental = offer.rental as { startDays?: unknown; watchHours?: unknown } | null | undefined;
    return [
      {
        id,
        kind: kind as Offer['kind'],
        name: typeof name === 'string' ? name : '',
        amount,
        currency,
        interval: offer.interval === 'month' || offer.interval === 'year' ? offer.interval : null,
        trialDays: typeof offer.trialDays === 'number' ? offer.trialDays : 0,
        rental: rental && typeof rental.startDays === 'number' && typeof rental.watchHours === 'number' ? { startDays: rental.startDays, watchHours: rental.watchHours } : null,
        maxHeight: typeof offer.maxHeight === 'number' ? offer.maxHeight : null,
      },
    ];
  });
}
