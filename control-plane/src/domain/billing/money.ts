// Exact money arithmetic: quantities are whole base units, prices are whole millicents per `per` base units,
// so an amount is one integer division, rounded half up to a cent only at the end of each invoice line.
import type { UnitPrice } from './plans.js';

/** quantity × price, in cents, rounded half up. */
export function amountCents(quantity: bigint, price: UnitPrice): number {
  const numerator = quantity * BigInt(price.millicents);
  const denominator = BigInt(price.per) * 1000n;
  return Number((2n * numerator + denominator) / (2n * denominator));
}

/** The price of one base unit in cents as a decimal string with at most 12 places (what Stripe's `unit_amount_decimal` accepts). */
export function centsPerBaseUnit(price: UnitPrice): string {
  const scale = 10n ** 12n;
  const numerator = BigInt(price.millicents) * scale;
  const denominator = BigInt(price.per) * 1000n;
  const scaled = (2n * numerator + denominator) / (2n * denominator);
  const whole = scaled / scale;
  const fraction = (scaled % scale).toString().padStart(12, '0').replace(/0+$/, '');
  return fraction ? `${whole}.${fraction}` : whole.toString();
}

/** A unit price for people: `$0.015 per normalised minute`. */
export function describeUnitPrice(price: UnitPrice, displayUnitName: string, basePerDisplayUnit: number): string {
  const dollarsPerDisplayUnit = (price.millicents / 1000 / 100) * (basePerDisplayUnit / price.per);
  return `$${Number(dollarsPerDisplayUnit.toPrecision(6))} per ${displayUnitName}`;
}
