// Signed part URLs expire (an hour on the local store). This keeps the URL of every part still to send and
// renews them all in one `videos.partUrls` call shortly before they expire, or when the store says one has.
import type { PartUrlBatch } from '../api/api-types.js';

const RENEW_BEFORE_MS = 60_000;

export interface PartUrls {
  urlFor(partNumber: number): Promise<string>;
  /** The store refused `refused` as expired. */
  renewed(partNumber: number, refused: string): Promise<string>;
  /** The part is stored: its URL will not be asked for again. */
  done(partNumber: number): void;
}

export function partUrls(first: PartUrlBatch, fetchBatch: (partNumbers: number[]) => Promise<PartUrlBatch>, now: () => number): PartUrls {
  const pending = new Map<number, string>();
  let expiresAt = 0;
  let renewal: Promise<void> | undefined;
  const take = (batch: PartUrlBatch, only: (partNumber: number) => boolean) => {
    for (const { partNumber, url } of batch.parts) if (only(partNumber)) pending.set(partNumber, url);
    expiresAt = new Date(batch.urlsExpireAt).getTime();
  };
  const renewAll = () =>
    (renewal ??= fetchBatch([...pending.keys()])
      .then((batch) => take(batch, (partNumber) => pending.has(partNumber)))
      .finally(() => {
        renewal = undefined;
      }));
  const current = (partNumber: number) => {
    const url = pending.get(partNumber);
    if (url === undefined) throw new Error(`No upload URL for part ${partNumber}.`);
    return url;
  };
  take(first, () => true);
  return {
    async urlFor(partNumber) {
      if (expiresAt - now() < RENEW_BEFORE_MS) await renewAll();
      return current(partNumber);
    },
    async renewed(partNumber, refused) {
      // Another part may have renewed them all already.
      if (pending.get(partNumber) === refused) await renewAll();
      return current(partNumber);
    },
    done(partNumber) {
      pending.delete(partNumber);
    },
  };
}
