// A video's availability as the portal, the CLI and the REST API see it: its window and country rule, and where the
// window stands now.
import type { CountryCode } from './countries.js';

/** `allow`: only these countries may watch; `deny`: every country but these. */
export interface CountryRule {
  mode: 'allow' | 'deny';
  countries: CountryCode[];
}

/** Where the window stands now: before publishAt, inside it, or after unpublishAt. */
export type AvailabilityState = 'scheduled' | 'available' | 'expired';

export interface VideoAvailability<DateType = Date> {
  videoId: string;
  /** Viewers may watch from then on; null: as soon as the video is ready. */
  publishAt: DateType | null;
  /** Viewers may no longer watch from then on; null: no end. */
  unpublishAt: DateType | null;
  /** null: every country may watch. */
  countryRule: CountryRule | null;
  state: AvailabilityState;
}

/** A video's availability as its list rows and reads carry it (GET /v1/videos, the portal's library). */
export interface VideoAvailabilityFields<DateType = Date> extends Omit<VideoAvailability<DateType>, 'videoId' | 'state'> {
  /** Where the window stands now. */
  availability: AvailabilityState;
}
