// The playback rows of popular videos in this process's memory, so that authorising a viewer needs no query of
// its own. Exact, not eventually consistent: before answering, every call waits for the change feed's barrier
// (one round trip on the LISTEN connection, shared by every call waiting at that moment), so a change any
// process committed before the call began (access mode, delete, failed transcode, tenant branding or plan) has
// already evicted the row. Without a barrier (feed disconnected, or slower than `barrierTimeoutMs`) the call
// reads the database. The TTL only bounds the damage of a change that bypassed the triggers.
import type { PlaybackChange, PlaybackChangeFeed, PlaybackChangeSubscriber, PlaybackRow, PlaybackRowSource } from './playback-rows.js';

export interface PlaybackRowCacheOptions {
  /** Reads one row from the database. */
  load: (videoId: string) => Promise<PlaybackRow | undefined>;
  /** Connects the feed that delivers changes to this cache; called once. */
  connectFeed: (subscriber: PlaybackChangeSubscriber) => PlaybackChangeFeed;
  ttlMs?: number;
  maxEntries?: number;
  now?: () => number;
}

export class PlaybackRowCache implements PlaybackRowSource, PlaybackChangeSubscriber {
  readonly #rows = new Map<string, { row: PlaybackRow; loadedAt: number }>();
  readonly #load: (videoId: string) => Promise<PlaybackRow | undefined>;
  readonly #feed: PlaybackChangeFeed;
  readonly #ttlMs: number;
  readonly #maxEntries: number;
  readonly #now: () => number;
  /** Bumped by every eviction: a load that began before one may hold what it evicted, and is not kept. */
  #generation = 0;

  constructor(options: PlaybackRowCacheOptions) {
    this.#load = options.load;
    this.#ttlMs = options.ttlMs ?? 10_000;
    this.#maxEntries = options.maxEntries ?? 10_000;
    this.#now = options.now ?? Date.now;
    this.#feed = options.connectFeed(this);
  }

  async get(videoId: string): Promise<PlaybackRow | undefined> {
    const current = await this.#feed.barrier().then(
      () => true,
      () => false,
    );
    if (!current) {
      this.reset();
      return this.#load(videoId);
    }
    const cached = this.#rows.get(videoId);
    if (cached && this.#now() - cached.loadedAt < this.#ttlMs) return cached.row;
    const generation = this.#generation;
    const loadedAt = this.#now();
    const row = await this.#load(videoId);
    // Unknown ids are not kept: guessing them must not fill the cache.
    if (row && generation === this.#generation) {
      this.#rows.delete(videoId);
      if (this.#rows.size >= this.#maxEntries) this.#rows.delete(this.#rows.keys().next().value ?? '');
      this.#rows.set(videoId, { row, loadedAt });
    }
    return row;
  }

  changed(change: PlaybackChange): void {
    this.#generation += 1;
    if (change.kind === 'video') this.#rows.delete(change.id);
    else if (change.kind === 'all') this.#rows.clear();
    else for (const [videoId, { row }] of this.#rows) if (row.tenant_id === change.id) this.#rows.delete(videoId);
  }

  reset(): void {
    this.#generation += 1;
    this.#rows.clear();
  }

  close(): Promise<void> {
    this.reset();
    return this.#feed.close();
  }
}
