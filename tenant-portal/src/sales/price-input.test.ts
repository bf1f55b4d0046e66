import { describe, expect, it } from 'vitest';
import { parsePrice } from './price-input.js';

describe('a typed price', () => {
  it('becomes minor units in the currency', () => {
    expect(parsePrice('4.99', 'usd')).toBe(499);
    expect(parsePrice('9', 'eur')).toBe(900);
    expect(parsePrice('12,5', 'eur')).toBe(1250);
    expect(parsePrice('500', 'jpy')).toBe(500);
  });

  it('is refused with what to type', () => {
    expect(parsePrice('4.999', 'usd')).toBe('Type the price with at most two decimals, e.g. 4.99.');
    expect(parsePrice('five', 'usd')).toBe('Type the price with at most two decimals, e.g. 4.99.');
    expect(parsePrice('5.5', 'jpy')).toBe('Type the price as a whole number, e.g. 500.');
  });
});
