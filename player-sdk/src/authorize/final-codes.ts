import { ErrorCodes } from '../errors.js';

/** Errors a retry cannot fix: the viewer must sign in, the video is not theirs to see, or not on this site. */
export const FINAL_CODES: ReadonlySet<ErrorCodes> = new Set([
  ErrorCodes.UNAUTHORIZED,
  ErrorCodes.FORBIDDEN,
  ErrorCodes.PAYMENT_REQUIRED,
  ErrorCodes.NOT_FOUND,
  ErrorCodes.ORIGIN_NOT_ALLOWED,
  ErrorCodes.UNSUPPORTED,
  ErrorCodes.NOT_AVAILABLE_IN_COUNTRY,
  ErrorCodes.NOT_YET_AVAILABLE,
  ErrorCodes.NO_LONGER_AVAILABLE,
]);
