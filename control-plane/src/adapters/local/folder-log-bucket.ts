// A folder standing in for the CloudFront log bucket: the same gzip W3C objects, read from disk. The aws shape
// reads the real bucket through the same LogBucket port.
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import type { LogBucket, LogObject } from '../../ports.js';

const gunzipAsync = promisify(gunzip);

export class FolderLogBucket implements LogBucket {
  /** `servingTenantOf` reads a relative path ('/'-separated) as the bucket's key layout says (the aws adapter's rule). */
  constructor(
    private readonly folder: string,
    private readonly servingTenantOf: (key: string) => string | undefined,
  ) {}

  async list(): Promise<LogObject[]> {
    const names = (await readdir(this.folder, { recursive: true })).filter((name) => name.endsWith('.gz')).sort();
    return Promise.all(names.map(async (key) => ({ key, size: (await stat(path.join(this.folder, key))).size, servingTenantId: this.servingTenantOf(key.split(path.sep).join('/')) })));
  }

  async readText(key: string): Promise<string> {
    return (await gunzipAsync(await readFile(path.join(this.folder, key)))).toString('utf8');
  }

  /** A folder is listed whole every run; the cursors alone say what was read. */
  async settled(): Promise<void> {}
}
