// What playback.authorize answers. `When` is a Date on the server and the ISO string JSON turns it into on the
// wire: players parse the JSON form, the control plane builds the other.
import type { Branding } from './branding.js';

export interface PlaybackAuthorization<When = Date> {
  videoId: string;
  title: string;
  durationSeconds: number | null;
  /** The tenant's white-label branding, for the player's chrome. */
  branding: Branding;
  /** Signed like the manifest; null while the video still transcodes (it plays already, its stills come at the end). */
  posterUrl: string | null;
  /** WebVTT of storyboard tiles (`storyboard.jpg#xywh=…`, relative to the VTT) for seek previews; signed; null while transcoding. */
  storyboardVttUrl: string | null;
  /** WebVTT chapters (cue text = chapter title), signed; null when the video has no chapters or still transcodes. */
  chaptersVttUrl: string | null;
  manifestUrl: string;
  /** The manifest URL with the signed policy in its query: plays anywhere, cookies or not. */
  signedManifestUrl: string;
  expiresAt: When;
  keyPairId: string;
  policy: string;
  signature: string;
  /** `Policy=…&Signature=…&Key-Pair-Id=…`: append to every playlist and segment request. */
  query: string;
  cookies: { name: string; value: string; path: string; expires: When; secure: boolean; httpOnly: boolean; sameSite: 'None' }[];
  /**
   * This viewer's playback session, signed by the platform: QoE reports must carry it, and the next authorize
   * of the same load passes it back to continue the session. Last, so the shared answer's JSON splits around it.
   */
  playbackSession: string;
}

/** The answer as it arrives over JSON. */
export type PlaybackAuthorizationJson = PlaybackAuthorization<string>;

/**
 * Why playback.authorize refused, as a stable code in the error's `data.reason`:
 * - `origin-not-allowed`: the tenant's developer can act on it; the error's message says what to change, for the
 *   developer, not the viewer;
 * - the title's availability (its window and country rule, domain/playback/title-availability.ts): the message is
 *   for the viewer ("Not available in your country (Germany)"); `not-yet-available` also carries `data.availableFrom`
 *   (ISO 8601), so a player can say the date in the viewer's own language and time zone.
 */
export type PlaybackRefusalReason = 'origin-not-allowed' | 'payment-required' | AvailabilityRefusalReason;

export type AvailabilityRefusalReason = 'not-available-in-country' | 'not-yet-available' | 'no-longer-available';
/**
 * An offer that would unlock a title, sent with a `payment-required` refusal (`data.offers`) so a player or storefront
 * can show the paywall. Amounts are in the currency's minor units (cents).
 */
export interface UnlockingOffer {
  id: string;
  kind: 'subscription' | 'rental' | 'purchase' | 'bundle';
  name: string;
  amount: number;
  currency: string;
  interval: 'month' | 'year' | null;
  trialDays: number;
  /** Rentals: days to start watching, then hours to finish. */
  rental: { startDays: number; watchHours: number } | null;
  /** 1080: it plays up to HD (the playback grant does not reach the rungs above); null: every rung, 4K included. */
  maxHeight: number | null;
}
