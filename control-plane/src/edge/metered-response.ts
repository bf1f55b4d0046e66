import { createReadStream } from 'node:fs';
import type { ServerResponse } from 'node:http';
import type { HeaderMap } from './cors.js';

/**
 * Writes response bodies while counting the bytes the socket accepted (write callbacks without an
 * error), so the access log bills what was sent, also when the client hangs up half way.
 */
export class MeteredResponse {
  bytes = 0;

  constructor(
    private readonly res: ServerResponse,
    /** HEAD: headers as for GET, never a body. */
    private readonly headOnly: boolean,
  ) {}

  /** A short plain-text answer: a refusal reason, never internals. */
  text(status: number, message: string, headers: HeaderMap = {}): void {
    this.body(status, { ...headers, 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' }, `${message}\n`);
  }

  /** A small body made in memory (a rewritten playlist, a refusal). */
  body(status: number, headers: HeaderMap, text: string): void {
    const body = Buffer.from(text, 'utf8');
    this.res.writeHead(status, { ...headers, 'content-length': String(body.length) });
    if (!this.headOnly) this.write(body);
    this.res.end();
  }

  empty(status: number, headers: HeaderMap): void {
    this.res.writeHead(status, headers);
    this.res.end();
  }

  /** Streams bytes `start`..`end` (inclusive) of a file; never holds more than a chunk in memory. */
  file(status: number, headers: HeaderMap, filePath: string, start: number, end: number): void {
    // The client may have left while the tenant and file were looked up: opening the file then
    // would only leave a paused stream behind.
    if (this.res.destroyed) return;
    this.res.writeHead(status, { ...headers, 'content-length': String(end - start + 1) });
    if (this.headOnly || end < start) {
      this.res.end();
      return;
    }
    // Large reads: one socket write per 256 KiB instead of per 64 KiB (segments are 0.5–4 MiB).
    const stream = createReadStream(filePath, { start, end, highWaterMark: 256 * 1024 });
    stream.on('data', (chunk) => {
      if (typeof chunk === 'string') return;
      if (!this.write(chunk)) {
        stream.pause();
        this.res.once('drain', () => stream.resume());
      }
    });
    stream.on('end', () => this.res.end());
    // Headers are out already; cutting the connection is the only honest signal left.
    stream.on('error', () => this.res.destroy());
    this.res.on('close', () => stream.destroy());
  }

  private write(chunk: Buffer): boolean {
    return this.res.write(chunk, (error) => {
      if (!error) this.bytes += chunk.length;
    });
  }
}
