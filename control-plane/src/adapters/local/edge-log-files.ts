// The local edge's access log files, for egress metering: `edge-access.jsonl` and any rotated copies beside it
// (`edge-access.jsonl.1`, `edge-access.jsonl.2026-11-21`, …). A file is known by device and inode, so a rename
// during rotation keeps its cursor; its first line tells a new file that reuses an inode from the old one.
import { open, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { firstLineDigest } from '../../domain/usage/delivery-ingestion.js';
import type { AccessLogFile, AccessLogReader } from '../../ports.js';

/** The longest first line we look for; the edge's lines are a few hundred bytes. */
const HEAD_BYTES = 64 * 1024;

export class EdgeLogFiles implements AccessLogReader {
  constructor(
    private readonly logsDir: string,
    private readonly baseName = 'edge-access.jsonl',
  ) {}

  async list(): Promise<AccessLogFile[]> {
    const names = await readdir(this.logsDir).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return [];
      throw error;
    });
    const files: AccessLogFile[] = [];
    for (const name of names.filter((candidate) => candidate === this.baseName || (candidate.startsWith(`${this.baseName}.`) && !candidate.endsWith('.gz'))).sort()) {
      const location = path.join(this.logsDir, name);
      const stats = await stat(location).catch(() => undefined);
      if (!stats?.isFile() || stats.size === 0) continue;
      const head = await this.readRange(location, 0, Math.min(stats.size, HEAD_BYTES));
      // No complete first line yet: nothing to read, and no stable fingerprint either.
      if (!head.includes(0x0a)) continue;
      files.push({ fileId: `${stats.dev}:${stats.ino}`, fingerprint: firstLineDigest(head.toString('utf8')), location, size: stats.size });
    }
    return files;
  }

  async read(file: AccessLogFile, start: number, maxBytes: number): Promise<{ text: string; end: number }> {
    let bytes = await this.readRange(file.location, start, Math.min(maxBytes, file.size - start));
    if (!bytes.includes(0x0a) && start + bytes.length < file.size) {
      // One line longer than a chunk: read on to its end rather than stall on it.
      bytes = await this.readRange(file.location, start, file.size - start);
    }
    // Cut after the last newline, counted in bytes: the offset must not depend on how the text decodes.
    const complete = bytes.subarray(0, bytes.lastIndexOf(0x0a) + 1);
    return { text: complete.toString('utf8'), end: start + complete.length };
  }

  private async readRange(location: string, start: number, length: number): Promise<Buffer> {
    const handle = await open(location, 'r');
    try {
      // Not zero-filled: only the bytes read are returned, and filling 4 MiB per chunk costs as much as reading it.
      const buffer = Buffer.allocUnsafe(length);
      const { bytesRead } = await handle.read(buffer, 0, length, start);
      return buffer.subarray(0, bytesRead);
    } finally {
      await handle.close();
    }
  }
}
