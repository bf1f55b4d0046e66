// Why an upload cannot go on, as facts: each app words them for its own people (the portal's sentences, the
// CLI's `error:` lines); the message here is for anyone else.

export type UploadProblem =
  /** The server's plan does not cut a file of this size: the file is not the one the upload was made for. */
  | { kind: 'plan-mismatch'; size: number; partSize: number; partCount: number }
  /** The store refused the part for a reason a retry cannot change (a 4xx other than an expired URL). */
  | { kind: 'part-refused'; partNumber: number; detail: string }
  /** The part failed every attempt (network errors, 5xx, 408, 429). */
  | { kind: 'part-failed'; partNumber: number; attempts: number; detail: string }
  /** The caller's signal stopped the upload. */
  | { kind: 'stopped' };

export class UploadClientError extends Error {
  override readonly name = 'UploadClientError';

  constructor(readonly problem: UploadProblem) {
    super(describe(problem));
  }
}

function describe(problem: UploadProblem): string {
  switch (problem.kind) {
    case 'plan-mismatch':
      return `The server planned ${problem.partCount} parts of ${problem.partSize} bytes, which does not cut this ${problem.size}-byte file.`;
    case 'part-refused':
      return `Part ${problem.partNumber} was refused (${problem.detail}).`;
    case 'part-failed':
      return `Part ${problem.partNumber} failed ${problem.attempts} times (last: ${problem.detail}).`;
    case 'stopped':
      return 'The upload was stopped.';
  }
}
