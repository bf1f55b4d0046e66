// The availability decision on its own: the window against a given clock, the country rule against a given country,
// and an honoured entitlement that outlives an unpublished title.
import { describe, expect, it } from 'vitest';
import { titleAvailability, type AvailabilityRule } from '../../src/domain/playback/title-availability.js';

const open: AvailabilityRule = { publish_at: null, unpublish_at: null, country_rule: null, countries: [] };
const march = new Date('2027-03-01T09:00:00Z');
const april = new Date('2027-04-01T00:00:00Z');

describe('titleAvailability', () => {
  it('opens at publish_at and closes at unpublish_at, on the clock it is given', () => {
    const rule = { ...open, publish_at: march, unpublish_at: april };
    expect(titleAvailability(rule, { now: new Date('2027-02-28T12:00:00Z'), country: 'GB' })).toEqual({
      available: false,
      reason: 'not-yet-available',
      message: 'Available from 1 March 2027, 09:00 UTC.',
      availableFrom: march,
    });
    expect(titleAvailability(rule, { now: march, country: 'GB' })).toEqual({ available: true, until: april });
    expect(titleAvailability(rule, { now: april, country: 'GB' })).toMatchObject({ available: false, reason: 'no-longer-available', message: 'No longer available since 1 April 2027, 00:00 UTC.' });
  });

  it('names the viewer’s country when the rule excludes it, and refuses an unknown country only for an allow list', () => {
    const now = march;
    expect(titleAvailability({ ...open, country_rule: 'deny', countries: ['DE'] }, { now, country: 'DE' })).toMatchObject({ available: false, message: 'Not available in your country (Germany).' });
    expect(titleAvailability({ ...open, country_rule: 'deny', countries: ['DE'] }, { now, country: undefined })).toEqual({ available: true, until: null });
    expect(titleAvailability({ ...open, country_rule: 'allow', countries: ['GB', 'IE'] }, { now, country: 'IE' })).toEqual({ available: true, until: null });
    expect(titleAvailability({ ...open, country_rule: 'allow', countries: ['GB'] }, { now, country: 'FR' })).toMatchObject({ message: 'Not available in your country (France).' });
    expect(titleAvailability({ ...open, country_rule: 'allow', countries: ['GB'] }, { now, country: undefined })).toMatchObject({
      reason: 'not-available-in-country',
      message: 'This video is only available in some countries, and your country could not be determined.',
    });
  });

  it('says the country before the date: a viewer who can never watch here is not told when to come back', () => {
    expect(titleAvailability({ ...open, publish_at: april, country_rule: 'deny', countries: ['DE'] }, { now: march, country: 'DE' })).toMatchObject({ reason: 'not-available-in-country' });
  });

  it('honours an entitlement past unpublish_at until it ends, but never before publish_at nor in an excluded country', () => {
    const rule = { ...open, publish_at: march, unpublish_at: april };
    const rentalEnds = new Date('2027-04-02T00:00:00Z');
    expect(titleAvailability(rule, { now: new Date('2027-03-31T23:00:00Z'), country: 'GB', honourUntil: rentalEnds })).toEqual({ available: true, until: rentalEnds });
    expect(titleAvailability(rule, { now: new Date('2027-04-01T12:00:00Z'), country: 'GB', honourUntil: rentalEnds })).toEqual({ available: true, until: rentalEnds });
    expect(titleAvailability(rule, { now: rentalEnds, country: 'GB', honourUntil: rentalEnds })).toMatchObject({ reason: 'no-longer-available' });
    // A rental ending before the window does not cut the window short for this call (the rental's own check does).
    expect(titleAvailability(rule, { now: march, country: 'GB', honourUntil: new Date('2027-03-02T00:00:00Z') })).toEqual({ available: true, until: april });
    expect(titleAvailability(rule, { now: new Date('2027-02-01T00:00:00Z'), country: 'GB', honourUntil: rentalEnds })).toMatchObject({ reason: 'not-yet-available' });
    expect(titleAvailability({ ...rule, country_rule: 'deny', countries: ['GB'] }, { now: march, country: 'GB', honourUntil: rentalEnds })).toMatchObject({ reason: 'not-available-in-country' });
  });
});
