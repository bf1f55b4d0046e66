import { ErrorCodes } from '../errors.js';

/** Errors a retry cannot fix: the viewer must sign in, or the video is not theirs to see. */
export const FINAL_CODES: ReadonlySet<ErrorCodes> = new Set([ErrorCodes.UNAUTHORIZED, ErrorCodes.FORBIDDEN, ErrorCodes.NOT_FOUND, ErrorCodes.UNSUPPORTED]);
