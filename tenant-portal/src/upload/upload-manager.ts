// The uploads of this tab: each picked or dropped file becomes an item with its own progress. Two files go
// at a time (each sending a few parts at once), the rest wait their turn: dozens of files at once would only
// share the same connection and all crawl. It lives above the pages, so moving around does not stop uploads.
import { errorMessage } from '../api/api-error.js';
import type { ApiClient } from '../api/trpc-client.js';
import type { PutPart } from './put-part.js';
import type { ResumeStore } from './resume-store.js';
import { UploadStopped } from './upload-error.js';
import { uploadVideoFile } from './upload-video-file.js';

export type UploadState = 'waiting' | 'starting' | 'uploading' | 'completing' | 'done' | 'failed' | 'stopped';

export interface UploadItem {
  id: string;
  fileName: string;
  size: number;
  sentBytes: number;
  state: UploadState;
  videoId: string | undefined;
  resumed: boolean;
  /** Why it failed, or how to go on after a stop. */
  message: string | undefined;
}

export interface UploadManagerDeps {
  api: ApiClient;
  tenantId: () => string | undefined;
  resume: ResumeStore;
  put: PutPart;
  now: () => number;
  /** A video was created or finished uploading: lists showing it are stale. */
  onVideoChanged: () => void;
  filesAtOnce?: number;
}

const FILES_AT_ONCE = 2;

export class UploadManager {
  private items: readonly UploadItem[] = [];
  private readonly controllers = new Map<string, AbortController>();
  private readonly listeners = new Set<() => void>();
  private readonly turns: (() => void)[] = [];
  private running = 0;
  private nextId = 1;

  constructor(private readonly deps: UploadManagerDeps) {}

  getItems = (): readonly UploadItem[] => this.items;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  add(files: Iterable<File>): void {
    for (const file of files) void this.start(file);
  }

  stop(id: string): void {
    this.controllers.get(id)?.abort();
  }

  /** Signing out stops every upload; each can be resumed later by picking its file again. */
  stopAll(): void {
    for (const controller of this.controllers.values()) controller.abort();
  }

  dismiss(id: string): void {
    this.stop(id);
    this.items = this.items.filter((item) => item.id !== id);
    this.notify();
  }

  /** The videos were deleted: their uploads leave the list, so no card links to a video that is gone. */
  videosDeleted(videoIds: readonly string[]): void {
    for (const item of this.items) if (item.videoId && videoIds.includes(item.videoId)) this.dismiss(item.id);
  }

  private async start(file: File): Promise<void> {
    const id = `upload-${this.nextId++}`;
    const controller = new AbortController();
    this.controllers.set(id, controller);
    this.items = [...this.items, { id, fileName: file.name, size: file.size, sentBytes: 0, state: 'waiting', videoId: undefined, resumed: false, message: undefined }];
    this.notify();
    const release = await this.turn(controller.signal);
    try {
      if (controller.signal.aborted) throw new UploadStopped();
      this.update(id, { state: 'starting' });
      const tenantId = this.deps.tenantId();
      if (!tenantId) throw new Error('Sign in again to upload.');
      await uploadVideoFile({
        api: this.deps.api,
        tenantId,
        file,
        resume: this.deps.resume,
        put: this.deps.put,
        signal: controller.signal,
        now: this.deps.now,
        onStart: ({ videoId, resumed, storedBytes }) => {
          this.update(id, { videoId, resumed, sentBytes: storedBytes, state: 'uploading' });
          this.deps.onVideoChanged();
        },
        onBytes: (delta) => this.update(id, (item) => ({ sentBytes: Math.max(0, item.sentBytes + delta) })),
        onCompleting: () => this.update(id, { state: 'completing' }),
      });
      this.update(id, { state: 'done', sentBytes: file.size });
    } catch (error) {
      const stopped = error instanceof UploadStopped;
      this.update(id, { state: stopped ? 'stopped' : 'failed', message: errorMessage(error) });
    } finally {
      release();
      this.controllers.delete(id);
      this.deps.onVideoChanged();
    }
  }

  /** Waits for one of the few upload slots; a stop while waiting gives the slot up at once. */
  private async turn(signal: AbortSignal): Promise<() => void> {
    if (this.running >= (this.deps.filesAtOnce ?? FILES_AT_ONCE)) {
      await new Promise<void>((resolve) => {
        const go = () => {
          signal.removeEventListener('abort', leave);
          resolve();
        };
        const leave = () => {
          const index = this.turns.indexOf(go);
          if (index >= 0) this.turns.splice(index, 1);
          resolve();
        };
        this.turns.push(go);
        signal.addEventListener('abort', leave, { once: true });
      });
      if (signal.aborted) return () => undefined;
    }
    this.running += 1;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.running -= 1;
      this.turns.shift()?.();
    };
  }

  private update(id: string, change: Partial<UploadItem> | ((item: UploadItem) => Partial<UploadItem>)): void {
    this.items = this.items.map((item) => (item.id === id ? { ...item, ...(typeof change === 'function' ? change(item) : change) } : item));
    this.notify();
  }

  private notify(): void {
    for (const listener of this.listeners) listener();
  }
}
