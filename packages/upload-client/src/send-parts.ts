// Sends a file's parts to their signed URLs a few at a time. Network errors and 5xx/408/429 answers are retried
// with backoff, an expired URL is renewed, anything else stops every part and rejects with the reason. How a
// part's bytes are read and PUT (XMLHttpRequest from a Blob, fetch from a file stream) is the app's `put`.
import { partRange, type PartPlan, type PartRange } from './part-plan.js';
import type { PartUrls } from './part-url-pool.js';
import { UploadClientError } from './upload-client-error.js';

export interface PartPut {
  partNumber: number;
  url: string;
  /** The bytes of the file to send. */
  range: PartRange;
  signal: AbortSignal;
  /** Bytes this attempt has sent so far. */
  onProgress: (sentBytes: number) => void;
}

export type PutResult = { ok: true; etag?: string | undefined } | { ok: false; status: number | undefined; message: string };

export type PutPart = (put: PartPut) => Promise<PutResult>;

export interface SendPartsOptions {
  plan: PartPlan;
  partNumbers: readonly number[];
  urls: PartUrls;
  put: PutPart;
  /** Stops every part; the upload then rejects with a 'stopped' problem. */
  signal?: AbortSignal | undefined;
  concurrency?: number | undefined;
  /** Attempts per part for network errors and 5xx/408/429 answers. */
  maxAttempts?: number | undefined;
  sleep?: ((ms: number) => Promise<void>) | undefined;
  backoffMs?: ((attempt: number) => number) | undefined;
  /** Change in bytes on the wire: positive as they go, negative when a failed attempt's bytes are taken back. */
  onBytes?: ((delta: number) => void) | undefined;
}

export interface UploadedPart {
  partNumber: number;
  etag: string | undefined;
}

const CONCURRENCY = 4;
const MAX_ATTEMPTS = 5;
/** A store that keeps issuing expired URLs (a skewed clock) must not loop forever. */
const MAX_RENEWALS = 3;

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function defaultBackoffMs(attempt: number): number {
  return Math.min(8_000, 500 * 2 ** (attempt - 1)) + Math.random() * 250;
}

/** Resolves when every part is stored; on the first part that cannot be, stops the others and rejects. */
export async function sendParts(options: SendPartsOptions): Promise<UploadedPart[]> {
  const queue = [...options.partNumbers];
  const uploaded: UploadedPart[] = [];
  const stopAll = new AbortController();
  const onOuterAbort = () => stopAll.abort();
  options.signal?.addEventListener('abort', onOuterAbort);
  let failure: { error: unknown } | undefined;
  const worker = async () => {
    for (let next = queue.shift(); next !== undefined && !failure; next = queue.shift()) {
      try {
        uploaded.push(await sendPart(options, next, stopAll.signal));
        options.urls.settled(next);
      } catch (error) {
        failure ??= { error };
        stopAll.abort();
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.max(1, Math.min(options.concurrency ?? CONCURRENCY, queue.length)) }, worker));
  } finally {
    options.signal?.removeEventListener('abort', onOuterAbort);
  }
  if (options.signal?.aborted) throw new UploadClientError({ kind: 'stopped' });
  if (failure) throw failure.error;
  return uploaded.sort((a, b) => a.partNumber - b.partNumber);
}

async function sendPart(options: SendPartsOptions, partNumber: number, signal: AbortSignal): Promise<UploadedPart> {
  const range = partRange(options.plan, partNumber);
  const maxAttempts = options.maxAttempts ?? MAX_ATTEMPTS;
  let url = await options.urls.urlFor(partNumber);
  let renewals = 0;
  for (let attempt = 1; ;) {
    let sent = 0;
    const result = await options.put({
      partNumber,
      url,
      range,
      signal,
      onProgress: (bytes) => {
        options.onBytes?.(bytes - sent);
        sent = bytes;
      },
    });
    if (result.ok) {
      // Progress reports may stop short of the last bytes.
      options.onBytes?.(range.length - sent);
      return { partNumber, etag: result.etag };
    }
    options.onBytes?.(-sent);
    if (signal.aborted) throw new UploadClientError({ kind: 'stopped' });
    if (result.status === 403 && /expired/i.test(result.message) && renewals < MAX_RENEWALS) {
      renewals += 1;
      url = await options.urls.renew(partNumber, url);
      continue;
    }
    const detail = result.status === undefined ? result.message : `HTTP ${result.status}${result.message ? `: ${result.message}` : ''}`;
    if (!isRetryable(result.status)) throw new UploadClientError({ kind: 'part-refused', partNumber, detail });
    if (attempt >= maxAttempts) throw new UploadClientError({ kind: 'part-failed', partNumber, attempts: maxAttempts, detail });
    await (options.sleep ?? defaultSleep)((options.backoffMs ?? defaultBackoffMs)(attempt));
    attempt += 1;
  }
}

function isRetryable(status: number | undefined): boolean {
  return status === undefined || status >= 500 || status === 408 || status === 429;
}
