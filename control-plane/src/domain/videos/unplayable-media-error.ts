/** What is wrong with an upload, for callers that branch (the API maps every kind to the same client error). */
export type UnplayableMediaKind =
  | 'empty-file'
  | 'not-media'
  /** A playlist, list or movie whose media lives in other files or streams: never followed, see source-formats.ts. */
  | 'refers-to-other-files'
  | 'truncated'
  | 'no-video'
  /** A dub's file (dub-uploads.ts) with no sound in it. */
  | 'no-audio'
  /** A dub's file whose length is more than DUB_DURATION_TOLERANCE_SECONDS away from its video's. */
  | 'duration-mismatch'
  | 'still-image'
  | 'zero-duration'
  | 'too-long'
  | 'too-large';

/**
 * The upload can never become a video, whatever we retry. `reason` is written for the person who
 * uploaded it: it says what is wrong and what to do.
 */
export class UnplayableMediaError extends Error {
  override readonly name = 'UnplayableMediaError';
  readonly kind: UnplayableMediaKind;
  readonly reason: string;

  constructor(kind: UnplayableMediaKind, reason: string, options?: { cause?: unknown }) {
    super(reason, options);
    this.kind = kind;
    this.reason = reason;
  }
}
