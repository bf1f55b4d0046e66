// The upload client's problems as the CLI's `error:` lines word them.
import type { UploadProblem } from '@ott/upload-client';

export function uploadProblemMessage(problem: UploadProblem): string {
  switch (problem.kind) {
    case 'plan-mismatch':
      return `the server planned ${problem.partCount} parts of ${problem.partSize} bytes for a ${problem.size}-byte file; that does not add up`;
    case 'part-refused':
      return `part ${problem.partNumber} was refused (${problem.detail})`;
    case 'part-failed':
      return `part ${problem.partNumber} failed ${problem.attempts} times (last: ${problem.detail})`;
    case 'stopped':
      return 'upload stopped';
  }
}
