/** An upload that cannot go on, worded for the person who picked the file. */
export class UploadError extends Error {
  override readonly name = 'UploadError';
}

/** The person stopped the upload; not a failure to report. */
export class UploadStopped extends Error {
  override readonly name = 'UploadStopped';
  constructor() {
    super('Upload stopped. Pick the same file again to continue where it left off.');
  }
}
