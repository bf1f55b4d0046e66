// Access records as JSON lines in a file, like CloudFront standard logs: the input of egress metering.
import { appendFileSync, mkdirSync } from 'node:fs';
import { appendFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { ownerOnlyFile, ownerOnlyFolders } from '../fs/owner-only.js';
import type { AccessLogRecord, AccessLogSink } from './access-log.js';

export interface JsonLinesAccessLogOptions {
  filePath: string;
  /** Buffered lines are written at least this often. Default 1000 ms. */
  flushIntervalMs?: number;
  /** ...or as soon as this much is buffered. Default 64 KiB. */
  maxBufferedBytes?: number;
  /** Failures nobody awaits: background flushes (lines stay buffered and are retried) and writes after close. */
  onError?: (error: unknown) => void;
}

export class JsonLinesAccessLog implements AccessLogSink {
  private pending: string[] = [];
  private pendingBytes = 0;
  private timer: NodeJS.Timeout | undefined;
  /** Flushes run one after another, so a flush resolves only once everything before it is on disk. */
  private queue: Promise<void> = Promise.resolve();
  private directoryReady = false;
  private closed = false;

  constructor(private readonly options: JsonLinesAccessLogOptions) {}

  write(record: AccessLogRecord): void {
    const line = `${JSON.stringify(record)}\n`;
    if (this.closed) {
      // A response that finishes during shutdown is still billable: write it straight through.
      try {
        this.ensureDirectorySync();
        appendFileSync(this.options.filePath, line, ownerOnlyFile);
      } catch (error) {
        // write() runs in the server's response listeners, where a throw would take the edge down.
        this.options.onError?.(error);
      }
      return;
    }
    this.pending.push(line);
    this.pendingBytes += Buffer.byteLength(line);
    if (this.pendingBytes >= (this.options.maxBufferedBytes ?? 64 * 1024)) this.flushInBackground();
    else this.timer ??= setTimeout(() => this.flushInBackground(), this.options.flushIntervalMs ?? 1000).unref();
  }

  flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    const run = this.queue.then(() => this.writePending());
    this.queue = run.catch(() => undefined);
    return run;
  }

  async close(): Promise<void> {
    await this.flush();
    this.closed = true;
    // Lines that arrived while the last flush was on its way.
    if (this.pending.length > 0) await this.flush();
  }

  private flushInBackground(): void {
    this.flush().catch((error: unknown) => this.options.onError?.(error));
  }

  private async writePending(): Promise<void> {
    if (this.pending.length === 0) return;
    const chunk = this.pending.join('');
    this.pending = [];
    this.pendingBytes = 0;
    try {
      if (!this.directoryReady) await mkdir(path.dirname(this.options.filePath), ownerOnlyFolders);
      this.directoryReady = true;
      await appendFile(this.options.filePath, chunk, ownerOnlyFile);
    } catch (error) {
      this.pending.unshift(chunk);
      this.pendingBytes += Buffer.byteLength(chunk);
      throw error;
    }
  }

  private ensureDirectorySync(): void {
    if (!this.directoryReady) mkdirSync(path.dirname(this.options.filePath), ownerOnlyFolders);
    this.directoryReady = true;
  }
}
