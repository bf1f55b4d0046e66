// A price as the admin types it ("4.99") in the currency's smallest unit (499), as offers store it.
import { minorDigits } from '@ott/contracts';

/** The amount in minor units, or a sentence saying what to type. */
export function parsePrice(text: string, currency: string): number | string {
  const digits = /^[a-z]{3}$/i.test(currency) ? minorDigits(currency) : 2;
  const pattern = digits === 0 ? /^\d+$/ : new RegExp(`^\\d+(?:[.,]\\d{1,${digits}})?$`);
  const trimmed = text.trim();
  if (!pattern.test(trimmed)) return digits === 0 ? 'Type the price as a whole number, e.g. 500.' : 'Type the price with at most two decimals, e.g. 4.99.';
  const [whole = '0', fraction = ''] = trimmed.replace(',', '.').split('.');
  return Number(whole) * 10 ** digits + Number(fraction.padEnd(digits, '0') || '0');
}
