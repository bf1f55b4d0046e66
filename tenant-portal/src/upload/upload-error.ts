import { UploadClientError } from '@ott/upload-client';

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

/** The upload client's problems in the portal's words; any other error as it is. */
export function inPortalWords(error: unknown): unknown {
  if (!(error instanceof UploadClientError)) return error;
  const { problem } = error;
  switch (problem.kind) {
    case 'plan-mismatch':
      return new UploadError(`The server expects ${problem.partCount} parts of ${problem.partSize} bytes, which does not match this ${problem.size}-byte file. Upload it as a new video.`);
    case 'part-refused':
      return new UploadError(`Part ${problem.partNumber} was refused (${problem.detail}).`);
    case 'part-failed':
      return new UploadError(`Part ${problem.partNumber} failed ${problem.attempts} times (last: ${problem.detail}). Check your connection and pick the file again to resume.`);
    case 'stopped':
      return new UploadStopped();
  }
}
