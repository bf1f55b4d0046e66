// PUTs multipart parts straight from the file to their signed URLs, a few at a time. Network errors and
// server-side failures are retried with backoff; an expired URL is renewed; anything else stops the upload.
import { createReadStream } from 'node:fs';
import { CliError } from '../cli-error.js';
import { partRange, type PartPlan, type PartRange } from './part-plan.js';
import type { PartUrlPool } from './part-url-pool.js';

export interface PartUploadOptions {
  file: string;
  plan: PartPlan;
  partNumbers: readonly number[];
  urls: Pick<PartUrlPool, 'urlFor' | 'renew' | 'settled'>;
  concurrency: number;
  fetch: typeof fetch;
  sleep: (ms: number) => Promise<void>;
  /** Bytes handed to the network; negative when a failed attempt's bytes are taken back. */
  onBytes?: (delta: number) => void;
  /** Attempts per part for network errors and 5xx/408/429 answers. */
  maxAttempts?: number;
  backoffMs?: (attempt: number) => number;
}

export interface UploadedPart {
  partNumber: number;
  etag: string | undefined;
}

const MAX_ATTEMPTS = 5;
/** A store that keeps issuing expired URLs (a skewed clock) must not loop forever. */
const MAX_RENEWALS = 3;

export function defaultBackoffMs(attempt: number): number {
  return Math.min(8_000, 500 * 2 ** (attempt - 1)) + Math.random() * 250;
}

/** Resolves when every part is stored; on the first part that cannot be, stops the others and rejects. */
export async function uploadParts(options: PartUploadOptions): Promise<UploadedPart[]> {
  const queue = [...options.partNumbers];
  const uploaded: UploadedPart[] = [];
  const stop = new AbortController();
  let failure: { error: unknown } | undefined;
  const worker = async () => {
    for (let next = queue.shift(); next !== undefined && !failure; next = queue.shift()) {
      try {
        uploaded.push(await uploadPart(options, next, stop.signal));
        options.urls.settled(next);
      } catch (error) {
        failure ??= { error };
        stop.abort();
      }
    }
  };
  const workers = Math.max(1, Math.min(options.concurrency, queue.length));
  await Promise.all(Array.from({ length: workers }, worker));
  if (failure) throw failure.error;
  return uploaded.sort((a, b) => a.partNumber - b.partNumber);
}

type Attempt = { ok: true; etag: string | undefined } | { ok: false; status: number | undefined; message: string };

async function uploadPart(options: PartUploadOptions, partNumber: number, signal: AbortSignal): Promise<UploadedPart> {
  const range = partRange(options.plan, partNumber);
  const maxAttempts = options.maxAttempts ?? MAX_ATTEMPTS;
  let url = await options.urls.urlFor(partNumber);
  let renewals = 0;
  for (let attempt = 1; ; ) {
    const result = await putPart(options, url, range, signal);
    if (result.ok) return { partNumber, etag: result.etag };
    if (signal.aborted) throw new CliError('upload stopped');
    if (result.status === 403 && /expired/i.test(result.message) && renewals < MAX_RENEWALS) {
      renewals += 1;
      url = await options.urls.renew(partNumber, url);
      continue;
    }
    const what = result.status === undefined ? result.message : `HTTP ${result.status}${result.message ? `: ${result.message}` : ''}`;
    if (!isRetryable(result.status)) throw new CliError(`part ${partNumber} was refused (${what})`);
    if (attempt >= maxAttempts) throw new CliError(`part ${partNumber} failed ${maxAttempts} times (last: ${what})`);
    await options.sleep((options.backoffMs ?? defaultBackoffMs)(attempt));
    attempt += 1;
  }
}

function isRetryable(status: number | undefined): boolean {
  return status === undefined || status >= 500 || status === 408 || status === 429;
}

async function putPart(options: PartUploadOptions, url: string, range: PartRange, signal: AbortSignal): Promise<Attempt> {
  let sent = 0;
  const count = (bytes: number) => {
    sent += bytes;
    options.onBytes?.(bytes);
  };
  let result: Attempt;
  try {
    const response = await options.fetch(url, {
      method: 'PUT',
      body: range.length === 0 ? new Uint8Array(0) : readRange(options.file, range, count),
      // S3 presigned PUTs need the length up front; a streamed body would otherwise go out chunked.
      headers: { 'content-length': String(range.length) },
      duplex: 'half',
      signal,
    });
    const text = await response.text().catch(() => '');
    result = response.ok ? { ok: true, etag: response.headers.get('etag') ?? undefined } : { ok: false, status: response.status, message: storeMessage(text) };
  } catch (error) {
    result = { ok: false, status: undefined, message: networkMessage(error) };
  }
  if (!result.ok) options.onBytes?.(-sent);
  return result;
}

async function* readRange(file: string, range: PartRange, count: (bytes: number) => void): AsyncGenerator<Uint8Array> {
  for await (const chunk of createReadStream(file, { start: range.start, end: range.start + range.length - 1 })) {
    const bytes = chunk as Buffer;
    count(bytes.length);
    yield bytes;
  }
}

/** S3 answers in XML; the local store in plain text. Either way, one short line. */
function storeMessage(body: string): string {
  const xmlMessage = /<Message>([^<]*)<\/Message>/.exec(body)?.[1];
  return (xmlMessage ?? body).replace(/\s+/g, ' ').trim().slice(0, 300);
}

function networkMessage(error: unknown): string {
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  const code = (cause as NodeJS.ErrnoException | undefined)?.code;
  const message = cause instanceof Error ? cause.message : String(cause);
  return code && !message.includes(code) ? `${code}: ${message}` : message;
}
