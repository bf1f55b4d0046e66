import { describe, expect, it } from 'vitest';
import { PartUrlPool, sendParts, UploadClientError, type PartPlan, type PartPut, type PutResult } from '../src/index.js';

const plan: PartPlan = { size: 25, partSize: 10, partCount: 3 };
const file = new Blob(['a'.repeat(10), 'b'.repeat(10), 'c'.repeat(5)]);

function batch(partNumbers: number[], version: number, expiresAt = 10 * 60_000) {
  return { parts: partNumbers.map((partNumber) => ({ partNumber, url: `https://store/${partNumber}?v=${version}` })), urlsExpireAt: new Date(expiresAt).toISOString() };
}

/** A store that answers each PUT from a script, and records what it received. */
function fakeStore(answer: (url: string, attempt: number) => PutResult) {
  const received = new Map<string, string>();
  const attempts = new Map<string, number>();
  const put = async ({ url, range, onProgress }: PartPut): Promise<PutResult> => {
    const part = url.split('?')[0] ?? url;
    const attempt = (attempts.get(part) ?? 0) + 1;
    attempts.set(part, attempt);
    onProgress(range.length);
    const result = answer(url, attempt);
    if (result.ok) received.set(part, await file.slice(range.start, range.start + range.length).text());
    return result;
  };
  return { put, received, attempts };
}

function send(put: (input: PartPut) => Promise<PutResult>, options: { partNumbers?: number[]; renew?: (numbers: number[]) => Promise<ReturnType<typeof batch>>; signal?: AbortSignal } = {}) {
  const partNumbers = options.partNumbers ?? [1, 2, 3];
  let bytes = 0;
  const done = sendParts({
    plan,
    partNumbers,
    urls: new PartUrlPool(batch(partNumbers, 1), options.renew ?? (async (numbers) => batch(numbers, 2)), () => 0),
    put,
    signal: options.signal ?? new AbortController().signal,
    sleep: async () => undefined,
    backoffMs: () => 0,
    onBytes: (delta) => {
      bytes += delta;
    },
  });
  return { done, bytes: () => bytes };
}

describe('sendParts', () => {
  it('sends each part’s bytes to its own URL and counts every byte once', async () => {
    const store = fakeStore(() => ({ ok: true }));
    const run = send(store.put);
    expect((await run.done).map((part) => part.partNumber)).toEqual([1, 2, 3]);
    expect(Object.fromEntries(store.received)).toEqual({ 'https://store/1': 'a'.repeat(10), 'https://store/2': 'b'.repeat(10), 'https://store/3': 'c'.repeat(5) });
    expect(run.bytes()).toBe(25);
  });

  it('retries network failures and 5xx answers, taking back the bytes of failed attempts', async () => {
    const store = fakeStore((url, attempt) => (url.startsWith('https://store/2') && attempt < 3 ? { ok: false, status: attempt === 1 ? undefined : 503, message: 'busy' } : { ok: true }));
    const run = send(store.put);
    await run.done;
    expect(store.attempts.get('https://store/2')).toBe(3);
    expect(run.bytes()).toBe(25);
  });

  it('counts the bytes of a part whose progress reports stopped short', async () => {
    const run = send(async ({ onProgress }) => (onProgress(1), { ok: true }));
    await run.done;
    expect(run.bytes()).toBe(25);
  });

  it('renews expired URLs and sends with the new ones', async () => {
    const renewed: number[][] = [];
    const store = fakeStore((url) => (url.endsWith('v=1') ? { ok: false, status: 403, message: 'This upload URL has expired.' } : { ok: true }));
    await send(store.put, {
      renew: async (numbers) => {
        renewed.push(numbers);
        return batch(numbers, 2);
      },
    }).done;
    expect(store.received.size).toBe(3);
    // One renewal for all the parts still to send, however many parts met the expired URL.
    expect(renewed).toHaveLength(1);
  });

  it('stops at a refusal that a retry cannot change, with the store’s reason', async () => {
    const store = fakeStore((url) => (url.startsWith('https://store/1') ? { ok: false, status: 413, message: 'The part is larger than 5 GB.' } : { ok: true }));
    await expect(send(store.put).done).rejects.toMatchObject({ problem: { kind: 'part-refused', partNumber: 1, detail: 'HTTP 413: The part is larger than 5 GB.' } });
  });

  it('gives up on a part after five failed attempts', async () => {
    const store = fakeStore(() => ({ ok: false, status: 500, message: 'disk full' }));
    await expect(send(store.put, { partNumbers: [1] }).done).rejects.toThrow(new UploadClientError({ kind: 'part-failed', partNumber: 1, attempts: 5, detail: 'HTTP 500: disk full' }));
    expect(store.attempts.get('https://store/1')).toBe(5);
  });

  it('reports a stop as a stop, not a failure', async () => {
    const controller = new AbortController();
    const put = async ({ signal }: PartPut): Promise<PutResult> => {
      controller.abort();
      return signal.aborted ? { ok: false, status: undefined, message: 'stopped' } : { ok: true };
    };
    await expect(send(put, { signal: controller.signal }).done).rejects.toMatchObject({ problem: { kind: 'stopped' } });
  });
});
