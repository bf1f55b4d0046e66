// What the paywall says about an offer, in the viewer's language: its price in their number format (the amount is in
// the currency's minor units: 499 USD cents is $4.99, 500 JPY is ¥500), what it gives, and its button.
import type { PlayerMessages } from '../i18n/player-messages.js';
import type { Offer } from './offer.js';

export interface OfferText {
  price: string;
  /** What the viewer gets, in a line or two. */
  terms: string[];
  action: string;
}

export function formatPrice(amount: number, currency: string, language: string): string {
  const format = new Intl.NumberFormat(language, { style: 'currency', currency: currency.toUpperCase() });
  return format.format(amount / 10 ** (format.resolvedOptions().maximumFractionDigits ?? 2));
}

export function offerText(offer: Offer, messages: PlayerMessages): OfferText {
  const amount = formatPrice(offer.amount, offer.currency, messages.language);
  const quality = offer.maxHeight ? [messages.offerUpTo(offer.maxHeight)] : [];
  switch (offer.kind) {
    case 'rental':
      return {
        price: amount,
        terms: [...(offer.rental ? [messages.offerRentalTerms(offer.rental.watchHours, offer.rental.startDays)] : []), ...quality],
        action: messages.offerRent,
      };
    case 'subscription':
      return {
        price: offer.interval === 'year' ? messages.offerPerYear(amount) : messages.offerPerMonth(amount),
        terms: [...(offer.trialDays > 0 ? [messages.offerTrial(offer.trialDays)] : []), messages.offerSubscriptionTerms, ...quality],
        action: messages.offerSubscribe,
      };
    case 'purchase':
      return { price: amount, terms: [messages.offerPurchaseTerms, ...quality], action: messages.offerBuy };
    case 'bundle':
      return { price: amount, terms: [messages.offerBundleTerms, ...quality], action: messages.offerBuy };
  }
}
