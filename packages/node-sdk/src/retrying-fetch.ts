// A fetch that honours one 429: it waits for the Retry-After the API sent (capped, so a client never hangs for
// minutes) and sends the same request once more. A second 429 is the caller's to handle (OttApiError rate_limited).

export interface RetryingFetchOptions {
  fetch?: (request: Request) => Promise<Response>;
  /** The longest Retry-After honoured, in seconds (default 60); a longer one is returned as the 429 it is. */
  maxRetryAfterSeconds?: number;
  sleep?: (ms: number) => Promise<void>;
}

export function retryingFetch({ fetch: send = (request) => fetch(request), maxRetryAfterSeconds = 60, sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms)) }: RetryingFetchOptions = {}) {
  return async (request: Request): Promise<Response> => {
    // The body can be read once; keep a copy for the retry.
    const retry = request.clone();
    const response = await send(request);
    if (response.status !== 429) return response;
    const seconds = retryAfterSeconds(response.headers.get('retry-after'));
    if (seconds === undefined || seconds > maxRetryAfterSeconds) return response;
    await response.body?.cancel();
    await sleep(seconds * 1000);
    return send(retry);
  };
}

/** Retry-After is delta-seconds or an HTTP date (RFC 9110 §10.2.3). */
function retryAfterSeconds(value: string | null): number | undefined {
  if (value === null) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim());
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - Date.now()) / 1000));
}
