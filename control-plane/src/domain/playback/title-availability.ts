// Whether a title may be watched now, from where the viewer is: its publish window and its country rule. Pure (the
// clock and the viewer's country are handed in), so playback.authorize, the sharing pages and whatever sells the
// title later decide the same way.
import { COUNTRY_NAMES, isCountryCode, type AvailabilityRefusalReason, type AvailabilityState, type CountryCode } from '@ott/contracts';
import type { CountryRuleMode } from '../../db/schema.js';
import { TitleUnavailableError } from '../errors.js';

/** The columns of `videos` that say when and where it may be watched (0039). */
export interface AvailabilityRule {
  publish_at: Date | null;
  unpublish_at: Date | null;
  country_rule: CountryRuleMode | null;
  countries: readonly string[];
}

export interface AvailabilityQuestion {
  now: Date;
  /** Where the viewer is (api/viewer-country.ts); undefined when it could not be determined. */
  country: CountryCode | undefined;
  /**
   * An entitlement the viewer already holds (a rental, a purchase) that is honoured until then even if the title is
   * unpublished in the meantime: a viewer who paid keeps what was paid for, to its end, rather than being refunded.
   * It extends the window's end only: it never opens a title before publish_at (nothing could have been bought
   * yet), and never overrides the country rule (licences are territorial, whatever was paid).
   */
  honourUntil?: Date | undefined;
}

export type TitleAvailability =
  /** `until`: when access ends (the grant must not outlive it); null when it does not. */
  { available: true; until: Date | null } | { available: false; reason: AvailabilityRefusalReason; message: string; availableFrom?: Date };

export function titleAvailability(rule: AvailabilityRule, question: AvailabilityQuestion): TitleAvailability {
  const { now, country, honourUntil } = question;
  // The country first: a viewer who can never watch here is not told a date to come back.
  if (rule.country_rule !== null) {
    if (country === undefined) {
      if (rule.country_rule === 'allow') return refused('not-available-in-country', 'This video is only available in some countries, and your country could not be determined.');
    } else if (rule.countries.includes(country) !== (rule.country_rule === 'allow')) {
      return refused('not-available-in-country', `Not available in your country (${COUNTRY_NAMES[country]}).`);
    }
  }
  if (rule.publish_at !== null && now < rule.publish_at)
    return { available: false, reason: 'not-yet-available', message: `Available from ${formatUtc(rule.publish_at)}.`, availableFrom: rule.publish_at };
  const honoured = honourUntil !== undefined && honourUntil > now ? honourUntil : undefined;
  if (rule.unpublish_at !== null && now >= rule.unpublish_at && honoured === undefined) return refused('no-longer-available', `No longer available since ${formatUtc(rule.unpublish_at)}.`);
  const ends = [rule.unpublish_at, honoured].filter((end): end is Date => end !== null && end !== undefined);
  // An honoured entitlement that outlasts the window keeps access to its own end; one that ends first does not cut the window short.
  return { available: true, until: rule.unpublish_at === null ? null : new Date(Math.max(...ends.map((end) => end.getTime()))) };
}

/** Throws the refusal (api/ sends its reason and availableFrom with the message); otherwise when access ends. */
export function assertTitleAvailable(rule: AvailabilityRule, question: AvailabilityQuestion): Date | null {
  const answer = titleAvailability(rule, question);
  if (!answer.available) throw new TitleUnavailableError(answer.reason, answer.message, answer.availableFrom);
  return answer.until;
}

/** Before, inside or after the window, whatever the country: the portal's badge and the sharing pages. */
export function availabilityState(rule: Pick<AvailabilityRule, 'publish_at' | 'unpublish_at'>, now: Date): AvailabilityState {
  if (rule.publish_at !== null && now < rule.publish_at) return 'scheduled';
  if (rule.unpublish_at !== null && now >= rule.unpublish_at) return 'expired';
  return 'available';
}

/** The viewer's country as sent by a trusted proxy, when it is one (CloudFront sends `XX` when it cannot tell). */
export function parseViewerCountry(value: string | undefined): CountryCode | undefined {
  const code = value?.trim().toUpperCase();
  return code !== undefined && isCountryCode(code) ? code : undefined;
}

function refused(reason: AvailabilityRefusalReason, message: string): TitleAvailability {
  return { available: false, reason, message };
}

const DAY = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', day: 'numeric', month: 'long', year: 'numeric' });
const TIME = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

/** "1 March 2027, 09:00 UTC": the server does not know the viewer's time zone (the player may reformat availableFrom). */
export function formatUtc(at: Date): string {
  return `${DAY.format(at)}, ${TIME.format(at)} UTC`;
}
