// Signed part URLs expire (an hour on the local store, whatever the presigner chose on S3). The pool hands
// out a part's URL and renews every still-needed URL in one `videos.partUrls` call when they run out.
import type { PartUrlBatch } from '@ott/contracts';

/** A batch from the server (Dates) or over JSON (ISO strings). */
export type AnyPartUrlBatch = PartUrlBatch<Date | string>;

export type FetchPartUrls = (partNumbers: number[]) => Promise<AnyPartUrlBatch>;

/** What the part sender needs of a pool. */
export type PartUrls = Pick<PartUrlPool, 'urlFor' | 'renew' | 'settled'>;

/** Renewed this long before expiry, so a part never starts with a URL that dies mid-transfer. */
const RENEW_MARGIN_MS = 60_000;

export class PartUrlPool {
  private readonly urls = new Map<number, string>();
  private expiresAt = 0;
  private renewal: Promise<void> | undefined;

  constructor(
    first: AnyPartUrlBatch,
    private readonly fetchUrls: FetchPartUrls,
    private readonly now: () => number,
  ) {
    for (const part of first.parts) this.urls.set(part.partNumber, part.url);
    this.expiresAt = new Date(first.urlsExpireAt).getTime();
  }

  async urlFor(partNumber: number): Promise<string> {
    if (this.expiresAt - this.now() < RENEW_MARGIN_MS) await this.renewAll();
    return this.get(partNumber);
  }

  /** The store refused `rejectedUrl` as expired; a URL renewed meanwhile by another part is used as is. */
  async renew(partNumber: number, rejectedUrl: string): Promise<string> {
    if (this.urls.get(partNumber) === rejectedUrl) await this.renewAll();
    return this.get(partNumber);
  }

  /** The part is stored: its URL is never needed again, nor renewed. */
  settled(partNumber: number): void {
    this.urls.delete(partNumber);
  }

  private renewAll(): Promise<void> {
    this.renewal ??= (async () => {
      const needed = [...this.urls.keys()];
      if (needed.length === 0) return;
      const batch = await this.fetchUrls(needed);
      for (const part of batch.parts) if (this.urls.has(part.partNumber)) this.urls.set(part.partNumber, part.url);
      this.expiresAt = new Date(batch.urlsExpireAt).getTime();
    })().finally(() => {
      this.renewal = undefined;
    });
    return this.renewal;
  }

  private get(partNumber: number): string {
    const url = this.urls.get(partNumber);
    if (url === undefined) throw new Error(`No upload URL for part ${partNumber}.`);
    return url;
  }
}
