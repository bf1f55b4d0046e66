// Errors the player reports, shaped like hls.js's: a type, a specific code, and `fatal` — a fatal error has
// stopped playback and shows a message in the player; a non-fatal one is informational (the player recovers).
import type { Offer } from './paywall/offer.js';

export enum ErrorTypes {
  /** playback.authorize refused or failed. */
  AUTHORIZATION_ERROR = 'authorizationError',
  /** Loading a playlist or segment failed. */
  NETWORK_ERROR = 'networkError',
  /** The browser could not decode or buffer the media. */
  MEDIA_ERROR = 'mediaError',
  OTHER_ERROR = 'otherError',
}

export enum ErrorCodes {
  /** The video needs a signed-in viewer (or the viewer's sign-in expired). */
  UNAUTHORIZED = 'UNAUTHORIZED',
  /** The credential does not entitle this viewer to this video (e.g. a missing or wrong playback token). */
  FORBIDDEN = 'FORBIDDEN',
  NOT_FOUND = 'NOT_FOUND',
  /** The page's site is not one of the tenant's allowed embed origins; `details` says where the tenant adds it. */
  ORIGIN_NOT_ALLOWED = 'ORIGIN_NOT_ALLOWED',
  /** Still processing, or processing failed. */
  NOT_READY = 'NOT_READY',
  /** The title's country rule excludes where the viewer is, or the viewer's country could not be determined. */
  NOT_AVAILABLE_IN_COUNTRY = 'NOT_AVAILABLE_IN_COUNTRY',
  /** The title is published later: the message says from when, in the viewer's time zone. */
  NOT_YET_AVAILABLE = 'NOT_YET_AVAILABLE',
  /** A paid title this viewer has no entitlement to: the error's `offers` would unlock it (the built-in paywall shows them). */
  PAYMENT_REQUIRED = 'PAYMENT_REQUIRED',
  /** The title's availability has ended. */
  NO_LONGER_AVAILABLE = 'NO_LONGER_AVAILABLE',
  TOO_MANY_REQUESTS = 'TOO_MANY_REQUESTS',
  /** The control plane could not be reached or answered with an error of its own. */
  AUTHORIZE_FAILED = 'AUTHORIZE_FAILED',
  /** The edge refused the signed policy even after re-authorising. */
  SIGNATURE_REJECTED = 'SIGNATURE_REJECTED',
  NETWORK = 'NETWORK',
  MEDIA = 'MEDIA',
  /** This browser plays neither HLS through Media Source Extensions nor natively. */
  UNSUPPORTED = 'UNSUPPORTED',
}

export interface PlayerError {
  type: ErrorTypes;
  code: ErrorCodes;
  fatal: boolean;
  /** A sentence for a person; the player shows it when the error is fatal. */
  message: string;
  /** HTTP status behind the error, when there was one. */
  httpStatus?: number;
  /** The engine's own detail (an hls.js ErrorDetails value, or a MediaError code), or what the page's developer can do. */
  details?: string;
  /** PAYMENT_REQUIRED: the offers on sale that would unlock the title (empty when none is on sale now). */
  offers?: readonly Offer[];
}
