// Sends a file's parts a few at a time, as the CLI does: network errors and 5xx/408/429 answers are retried
// with backoff, an expired URL is renewed, anything else stops every part and rejects with the reason.
import { partBounds, type PartPlan } from './part-plan.js';
import type { PartUrls } from './part-urls.js';
import type { PutPart } from './put-part.js';
import { UploadError, UploadStopped } from './upload-error.js';

export interface SendPartsInput {
  file: Blob;
  plan: PartPlan;
  partNumbers: readonly number[];
  urls: PartUrls;
  put: PutPart;
  signal: AbortSignal;
  concurrency?: number;
  maxAttempts?: number;
  sleep?: (ms: number) => Promise<void>;
  backoffMs?: (attempt: number) => number;
  /** Change in bytes on the wire: positive as they go, negative when a failed attempt's bytes are taken back. */
  onBytes: (delta: number) => void;
}

const CONCURRENCY = 4;
const MAX_ATTEMPTS = 5;
/** A store that keeps handing out expired URLs (a skewed clock) must not loop forever. */
const MAX_RENEWALS = 3;

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const defaultBackoff = (attempt: number) => Math.min(8_000, 500 * 2 ** (attempt - 1)) + Math.random() * 250;

export async function sendParts(input: SendPartsInput): Promise<void> {
  const queue = [...input.partNumbers];
  const stopAll = new AbortController();
  const onOuterAbort = () => stopAll.abort();
  input.signal.addEventListener('abort', onOuterAbort);
  let failure: { error: unknown } | undefined;
  const worker = async () => {
    for (let next = queue.shift(); next !== undefined && !failure; next = queue.shift()) {
      try {
        await sendPart(input, next, stopAll.signal);
        input.urls.done(next);
      } catch (error) {
        failure ??= { error };
        stopAll.abort();
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.max(1, Math.min(input.concurrency ?? CONCURRENCY, queue.length)) }, worker));
  } finally {
    input.signal.removeEventListener('abort', onOuterAbort);
  }
  if (input.signal.aborted) throw new UploadStopped();
  if (failure) throw failure.error;
}

async function sendPart(input: SendPartsInput, partNumber: number, signal: AbortSignal): Promise<void> {
  const { start, end } = partBounds(input.plan, partNumber);
  const body = input.file.slice(start, end);
  const maxAttempts = input.maxAttempts ?? MAX_ATTEMPTS;
  let url = await input.urls.urlFor(partNumber);
  let renewals = 0;
  for (let attempt = 1; ; ) {
    let sent = 0;
    const result = await input.put({
      url,
      body,
      signal,
      onProgress: (bytes) => {
        input.onBytes(bytes - sent);
        sent = bytes;
      },
    });
    if (result.ok) {
      // Progress events may stop short of the last bytes.
      input.onBytes(body.size - sent);
      return;
    }
    input.onBytes(-sent);
    if (signal.aborted) throw new UploadStopped();
    if (result.status === 403 && /expired/i.test(result.message) && renewals < MAX_RENEWALS) {
      renewals += 1;
      url = await input.urls.renewed(partNumber, url);
      continue;
    }
    const what = result.status === undefined ? result.message : `HTTP ${result.status}${result.message ? `: ${result.message}` : ''}`;
    if (!retryable(result.status)) throw new UploadError(`Part ${partNumber} was refused (${what}).`);
    if (attempt >= maxAttempts) throw new UploadError(`Part ${partNumber} failed ${maxAttempts} times (last: ${what}). Check your connection and pick the file again to resume.`);
    await (input.sleep ?? defaultSleep)((input.backoffMs ?? defaultBackoff)(attempt));
    attempt += 1;
  }
}

function retryable(status: number | undefined): boolean {
  return status === undefined || status >= 500 || status === 408 || status === 429;
}
