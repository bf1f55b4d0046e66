// Money in a currency's smallest unit (what Stripe counts: cents, or whole yen), for people.

/** `$4.99`, `€9.00`, `¥500`: the currency's own number of decimals. */
export function formatMinorUnits(amount: number, currency: string): string {
  const format = new Intl.NumberFormat('en-US', { style: 'currency', currency: currency.toUpperCase() });
  return format.format(amount / 10 ** minorDigits(currency));
}

/** How many decimals the currency has (2 for USD and EUR, 0 for JPY). */
export function minorDigits(currency: string): number {
  return new Intl.NumberFormat('en-US', { style: 'currency', currency: currency.toUpperCase() }).resolvedOptions().maximumFractionDigits ?? 2;
}
