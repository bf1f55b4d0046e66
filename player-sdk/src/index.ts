// @ott/player-sdk: the <ott-player> element and the JavaScript API over it.
export { createPlayer } from './create-player.js';
export { defineOttPlayer } from './define-element.js';
export { OttPlayer } from './player.js';
export { OttPlayerElement, type ElementOptions } from './ott-player-element.js';
export type { PlayerOptions, CredentialSource } from './player-options.js';
export { Events } from './events.js';
export type {
  AudioTrack,
  AudioTrackChangeData,
  AuthorizedData,
  CaptionsChangeData,
  CaptionsStyle,
  CaptionTrack,
  Chapter,
  ChaptersData,
  CheckoutStartedData,
  EmptyData,
  FullscreenChangeData,
  OttPlayerElementEventMap,
  PaywallData,
  PipChangeData,
  PlayerEventMap,
  PlayerListener,
  QoeRendition,
  QoeReportData,
  QualitiesData,
  Quality,
  QualityChangeData,
  RateChangeData,
  ReadyData,
  SignedInData,
  SignInRequiredData,
  TimeData,
  VolumeData,
} from './events.js';
export { ErrorCodes, ErrorTypes, type PlayerError } from './errors.js';
export type { Branding } from './authorize/playback-grant.js';
export { withSigningQuery } from './authorize/signing-query.js';
export { SDK_VERSION } from './version.js';
export { ViewerAuthError } from './sign-in/viewer-auth-client.js';
export type { Offer } from './paywall/offer.js';
export type { SignInResult } from './sign-in/viewer-sign-in.js';
export { PLAYER_LANGUAGES } from './i18n/pick-messages.js';
