// The player's events: a string enum (the names are also the DOM CustomEvent types dispatched on the element)
// and one payload type per event, so `player.on(Events.QUALITY_CHANGE, (e) => e.height)` is typed.
import type { PlayerError } from './errors.js';
import type { Branding } from './authorize/playback-grant.js';
import type { Offer } from './paywall/offer.js';

export enum Events {
  /** Authorised and the stream's renditions are known: qualities can be listed, play() starts at once. */
  READY = 'ready',
  /** A playback grant arrived (first load, setCredential, or a refresh before expiry). */
  AUTHORIZED = 'authorized',
  PLAY = 'play',
  /** Frames are moving (after play, a seek, or a stall). */
  PLAYING = 'playing',
  PAUSE = 'pause',
  /** Playback stopped for lack of data. */
  WAITING = 'waiting',
  SEEKING = 'seeking',
  SEEKED = 'seeked',
  TIMEUPDATE = 'timeupdate',
  DURATION_CHANGE = 'duration-change',
  VOLUME_CHANGE = 'volume-change',
  /** The list of qualities changed (after the manifest loads). */
  QUALITIES = 'qualities',
  /** The rendition on screen changed, by the viewer's choice or adaptive bitrate. */
  QUALITY_CHANGE = 'quality-change',
  RATE_CHANGE = 'rate-change',
  /** The captions tracks, or the one showing, changed (the viewer's choice, the `c` key, or a remembered choice applied). */
  CAPTIONS_CHANGE = 'captions-change',
  /** The audio languages, or the one playing, changed. */
  AUDIO_TRACK_CHANGE = 'audio-track-change',
  /** The video's chapters are known. */
  CHAPTERS = 'chapters',
  FULLSCREEN_CHANGE = 'fullscreen-change',
  PIP_CHANGE = 'pip-change',
  ENDED = 'ended',
  ERROR = 'error',
  /** A QoE report was handed to the browser for sending. */
  QOE_REPORT = 'qoe-report',
  DESTROYING = 'destroying',
  /** The video needs a signed-in viewer: the built-in form shows (unless `sign-in="none"`). */
  SIGN_IN_REQUIRED = 'signinrequired',
  /** A viewer signed in (form or JS API), or a kept session of this tenant was used. */
  SIGNED_IN = 'signedin',
  SIGNED_OUT = 'signedout',
  /** A paid title this viewer has not bought: the offers that would unlock it (the built-in paywall shows them unless `paywall="none"`). */
  PAYWALL = 'paywall',
  /** viewerSales.buy answered: the page is on its way to the checkout URL (or opened it in a new tab). */
  CHECKOUT_STARTED = 'checkout-started',
}

export interface Quality {
  /** Index in `player.qualities`; pass it to `setQuality`. */
  index: number;
  width: number;
  height: number;
  /** Peak bits per second, from the playlist. */
  bitrate: number;
  /** e.g. "720p". */
  label: string;
}

export interface CaptionTrack {
  index: number;
  /** In the player's language; an automatic track says so: "English (automatic)". */
  label: string;
  language: string;
  /** Made by speech to text, not by a person. */
  automatic: boolean;
}

export interface AudioTrack {
  index: number;
  label: string;
  language: string;
}

export interface Chapter {
  index: number;
  /** Seconds from the start of the video. */
  start: number;
  end: number;
  title: string;
}

/** How captions look; the viewer's choice is remembered on the site. Colours and fonts are `--ott-captions-*` CSS variables. */
export interface CaptionsStyle {
  size: 'small' | 'medium' | 'large';
  /** A dark box behind the text (else an outline only). */
  background: boolean;
}

export interface ReadyData {
  title: string;
  duration: number;
  qualities: readonly Quality[];
  /** `hls.js` (Media Source Extensions) or `native` (Safari's own HLS). */
  engine: 'hls.js' | 'native';
}
export interface AuthorizedData {
  title: string;
  expiresAt: Date;
  branding: Branding;
  /** True when this grant replaced an earlier one without reloading the stream. */
  refreshed: boolean;
}
export interface TimeData {
  currentTime: number;
  duration: number;
}
export interface VolumeData {
  volume: number;
  muted: boolean;
}
export interface QualitiesData {
  qualities: readonly Quality[];
}
export interface QualityChangeData extends Quality {
  /** Whether adaptive bitrate picked it (the viewer chose "Auto"). */
  auto: boolean;
}
export interface RateChangeData {
  rate: number;
}
export interface CaptionsChangeData {
  /** The track now showing, or null when captions are off. */
  track: CaptionTrack | null;
  tracks: readonly CaptionTrack[];
}
export interface AudioTrackChangeData {
  /** The audio playing, or null when the stream has no alternative audio. */
  track: AudioTrack | null;
  tracks: readonly AudioTrack[];
}
export interface ChaptersData {
  chapters: readonly Chapter[];
}
export interface FullscreenChangeData {
  fullscreen: boolean;
}
export interface PipChangeData {
  pictureInPicture: boolean;
}
export interface QoeReportData {
  /** The playback session the control plane opened with the first grant; undefined until then (nothing is reported without one). */
  sessionId: string | undefined;
  videoId: string;
  startupMs: number | null;
  rebufferMs: number;
  rebufferCount: number;
  bitrateSwitches: number;
  errors: number;
  watchedSeconds: number;
  /** Where the viewer is in the video (s); null before it has played. A signed-in viewer's is kept to resume from. */
  positionSeconds: number | null;
  /** This player's version (SDK_VERSION), for the tenant's analytics. */
  playerVersion: string;
  /** The code of the session's first error (an ErrorCodes value); null while none. */
  errorCode: string | null;
  /** The height of the rendition the first frame was shown in; null until then or when not known. */
  firstFrameHeight: number | null;
  /** Media seconds watched in each rendition (at most the 16 a ladder can have). */
  renditions: QoeRendition[];
}
/** Seconds watched in one rendition of the ladder. */
export interface QoeRendition {
  height: number;
  /** The rendition's peak bitrate, kilobits per second. */
  bitrateKbps: number;
  seconds: number;
}
export interface SignInRequiredData {
  /** Why, in words for the viewer (no credential, or one that has expired). */
  message: string;
}
export interface SignedInData {
  email: string;
  /** When the viewer's sign-in ends; the form shows again after that. */
  expiresAt: Date;
}
export interface PaywallData {
  /** The offers on sale that would unlock the title; empty when none is on sale now. */
  offers: readonly Offer[];
  /** Why, in words for the viewer ("Your rental of this title has ended…"). */
  message: string;
}
export interface CheckoutStartedData {
  offerId: string;
  /** The checkout page on the tenant's Stripe account. */
  url: string;
  /** 'top': the page itself went there; 'new-tab': the player is in a frame that may not navigate the page. */
  opened: 'top' | 'new-tab';
}
// Events that carry no information beyond having happened still get an object, so DOM listeners can rely
// on `event.detail` and payloads can grow without breaking anyone.
export type EmptyData = Record<string, never>;

export interface PlayerEventMap {
  [Events.READY]: ReadyData;
  [Events.AUTHORIZED]: AuthorizedData;
  [Events.PLAY]: TimeData;
  [Events.PLAYING]: TimeData;
  [Events.PAUSE]: TimeData;
  [Events.WAITING]: TimeData;
  [Events.SEEKING]: TimeData;
  [Events.SEEKED]: TimeData;
  [Events.TIMEUPDATE]: TimeData;
  [Events.DURATION_CHANGE]: TimeData;
  [Events.VOLUME_CHANGE]: VolumeData;
  [Events.QUALITIES]: QualitiesData;
  [Events.QUALITY_CHANGE]: QualityChangeData;
  [Events.RATE_CHANGE]: RateChangeData;
  [Events.CAPTIONS_CHANGE]: CaptionsChangeData;
  [Events.AUDIO_TRACK_CHANGE]: AudioTrackChangeData;
  [Events.CHAPTERS]: ChaptersData;
  [Events.FULLSCREEN_CHANGE]: FullscreenChangeData;
  [Events.PIP_CHANGE]: PipChangeData;
  [Events.ENDED]: TimeData;
  [Events.ERROR]: PlayerError;
  [Events.QOE_REPORT]: QoeReportData;
  [Events.DESTROYING]: EmptyData;
  [Events.SIGN_IN_REQUIRED]: SignInRequiredData;
  [Events.SIGNED_IN]: SignedInData;
  [Events.SIGNED_OUT]: EmptyData;
  [Events.PAYWALL]: PaywallData;
  [Events.CHECKOUT_STARTED]: CheckoutStartedData;
}

export type PlayerListener<E extends Events> = (data: PlayerEventMap[E]) => void;

/** The element's DOM events: `el.addEventListener('quality-change', (e) => e.detail.height)`. */
export type OttPlayerElementEventMap = { [E in Events as `${E}`]: CustomEvent<PlayerEventMap[E]> };
