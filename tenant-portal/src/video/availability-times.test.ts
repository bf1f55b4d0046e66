import { describe, expect, it } from 'vitest';
import { fromLocalInput, toLocalInput } from './availability-times.js';

describe('availability times', () => {
  it('shows an instant as the admin’s wall-clock time and sends back the same instant', () => {
    const instant = '2027-03-01T09:00:00.000Z';
    const shown = toLocalInput(instant);
    expect(shown).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d$/);
    expect(fromLocalInput(shown)).toBe(instant);
  });

  it('reads an empty input as no date', () => {
    expect(toLocalInput(null)).toBe('');
    expect(fromLocalInput('')).toBeNull();
  });
});
