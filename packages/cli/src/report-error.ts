// Turns any failure into the one line a user sees (`error: <message>`) and an exit code: never a stack trace.
import { OttApiError } from '@ott/node-sdk';
import { UploadClientError } from '@ott/upload-client';
import { TRPCClientError } from '@trpc/client';
import { CliError, UsageError } from './cli-error.js';
import { uploadProblemMessage } from './upload/upload-problem-message.js';

export interface ErrorReport {
  message: string;
  exitCode: number;
  /** For usage errors: the command whose help to point at ('' for the top level). */
  helpFor?: string;
}

export function describeError(error: unknown, api: string): ErrorReport {
  // A failure inside a tRPC link (no session saved, a refused refresh) arrives wrapped in a TRPCClientError.
  const cause = error instanceof TRPCClientError && error.cause instanceof CliError ? error.cause : error;
  if (cause instanceof UsageError) return { message: cause.message, exitCode: cause.exitCode, helpFor: cause.command ?? '' };
  if (cause instanceof CliError) return { message: cause.message, exitCode: cause.exitCode };
  if (cause instanceof UploadClientError) return { message: uploadProblemMessage(cause.problem), exitCode: 1 };
  if (cause instanceof TRPCClientError) return { message: describeClientError(cause, api), exitCode: 1 };
  // The REST API's message already says what to do (which key prefix, which scope, which field).
  if (cause instanceof OttApiError) return { message: cause.code === 'network_error' ? `cannot reach the OTT API at ${api}; start it or pass --api <url>` : cause.message, exitCode: 1 };
  return { message: errorMessage(cause), exitCode: 1 };
}

export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}

function describeClientError(error: Error & { data?: unknown }, api: string): string {
  if (error.data !== undefined && error.data !== null) return error.message;
  // No tRPC error shape: the request never reached a control plane, or something else answered.
  const network = networkCode(error.cause);
  if (network) return `cannot reach the OTT API at ${api} (${network}); start it or pass --api <url>`;
  if (error.cause instanceof SyntaxError || /Unable to transform response/i.test(error.message)) {
    return `${api} did not answer like the OTT API; check --api or OTT_API`;
  }
  return error.message;
}

/** fetch rejects with "fetch failed"; the reason (ECONNREFUSED, ENOTFOUND, "bad port") is in its cause. */
function networkCode(cause: unknown): string | undefined {
  if (!(cause instanceof TypeError) || cause.message !== 'fetch failed') return undefined;
  const reason = cause.cause;
  if (reason instanceof AggregateError) return errnoCode(reason.errors[0]) ?? reason.message;
  return errnoCode(reason) ?? (reason instanceof Error ? reason.message : 'network error');
}

function errnoCode(error: unknown): string | undefined {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return typeof code === 'string' ? code : undefined;
}
