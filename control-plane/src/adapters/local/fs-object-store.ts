// The local object store: a folder whose relative paths are object keys. Writes go to a temporary file
// and are renamed into place, so readers (the edge, ffmpeg) never see half an object.
import { createHash, createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { finished, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { copyOwnerOnly, ownerOnlyFile, ownerOnlyFolders } from '../../fs/owner-only.js';
import type { ObjectStore, PartToSign, StoredPart } from '../../ports.js';

const UPLOADS = '.uploads';

export interface PartUrlQuery {
  key: string;
  uploadId: string;
  partNumber: number;
  /** The part's exact size in bytes: signed, so a client cannot send more (or less) than the upload declared. */
  size: number;
  expires: number;
}

export class FsObjectStore implements ObjectStore {
  constructor(
    readonly root: string,
    /** Where clients PUT parts (the API server's `/store/parts` route). */
    private readonly partEndpoint: string,
    private readonly urlSigningKey: Uint8Array,
  ) {}

  pathOf(key: string): string {
    assertSafeKey(key);
    return path.join(this.root, key);
  }

  async putFile(key: string, sourcePath: string): Promise<void> {
    const target = this.pathOf(key);
    await mkdir(path.dirname(target), ownerOnlyFolders);
    const temporary = `${target}.${randomUUID()}.tmp`;
    await copyOwnerOnly(sourcePath, temporary);
    await rename(temporary, target);
  }

  async putBytes(key: string, body: Uint8Array | string): Promise<void> {
    const target = this.pathOf(key);
    await mkdir(path.dirname(target), ownerOnlyFolders);
    const temporary = `${target}.${randomUUID()}.tmp`;
    await writeFile(temporary, body, ownerOnlyFile);
    await rename(temporary, target);
  }

  async putDirectory(prefix: string, directory: string): Promise<void> {
    for (const entry of await readdir(directory, { withFileTypes: true, recursive: true })) {
      if (!entry.isFile()) continue;
      const absolute = path.join(entry.parentPath, entry.name);
      await this.putFile(`${prefix.replace(/\/$/, '')}/${path.relative(directory, absolute).split(path.sep).join('/')}`, absolute);
    }
  }

  async localFile(key: string): Promise<string> {
    const file = this.pathOf(key);
    await stat(file);
    return file;
  }

  async exists(key: string): Promise<boolean> {
    return stat(this.pathOf(key)).then(
      () => true,
      () => false,
    );
  }

  async deletePrefix(prefix: string): Promise<void> {
    await rm(this.pathOf(prefix.replace(/\/$/, '')), { recursive: true, force: true });
  }

  async deleteObject(key: string): Promise<void> {
    await rm(this.pathOf(key), { force: true });
  }

  async createMultipartUpload(key: string): Promise<{ uploadId: string }> {
    assertSafeKey(key);
    const uploadId = randomUUID();
    await mkdir(this.uploadDir(uploadId), ownerOnlyFolders);
    await writeFile(path.join(this.uploadDir(uploadId), 'upload.json'), JSON.stringify({ key }), ownerOnlyFile);
    return { uploadId };
  }

  async signPartUrl(key: string, uploadId: string, part: PartToSign, expiresAt: Date): Promise<string> {
    const query: PartUrlQuery = { key, uploadId, partNumber: part.partNumber, size: part.size, expires: Math.floor(expiresAt.getTime() / 1000) };
    const params = new URLSearchParams({ key, uploadId, partNumber: String(part.partNumber), size: String(part.size), expires: String(query.expires), signature: this.partSignature(query) });
    return `${this.partEndpoint}?${params}`;
  }

  /** Checks a part URL's signature and expiry; returns why it is refused, or undefined when valid. */
  verifyPartUrl(query: PartUrlQuery, signature: string, now: Date): string | undefined {
    const expected = Buffer.from(this.partSignature(query));
    const given = Buffer.from(signature);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return 'The upload URL signature is not valid. Ask for new part URLs.';
    if (query.expires * 1000 < now.getTime()) return 'The upload URL has expired. Ask for new part URLs and resume the upload.';
    return undefined;
  }

  /**
   * Streams one part to disk; the part appears only when exactly `query.size` bytes arrived. The first byte past
   * that size stops the write (PartTooLargeError), and so does a body that ends short (PartIncompleteError).
   */
  async writePart(query: PartUrlQuery, body: NodeJS.ReadableStream): Promise<StoredPart> {
    const meta = await this.readUploadMeta(query.uploadId);
    if (!meta || meta.key !== query.key) throw new UploadNotFoundError();
    const target = path.join(this.uploadDir(query.uploadId), String(query.partNumber));
    const temporary = `${target}.${randomUUID()}.tmp`;
    const md5 = createHash('md5');
    let received = 0;
    const counter = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        received += chunk.length;
        if (received > query.size) return done(new PartTooLargeError(query.size));
        md5.update(chunk);
        done(null, chunk);
      },
      flush(done) {
        done(received < query.size ? new PartIncompleteError(query.size, received) : null);
      },
    });
    // pipe() rather than pipeline(): pipeline would destroy the body on a refusal, and with an HTTP request its
    // socket, which the caller still needs to answer why. A body that breaks off (a client gone) fails the write.
    const stopWatching = finished(body, (error) => {
      if (error) counter.destroy(error);
    });
    body.pipe(counter);
    try {
      await pipeline(counter, createWriteStream(temporary, ownerOnlyFile));
      await rename(temporary, target);
    } catch (error) {
      body.unpipe(counter);
      await rm(temporary, { force: true });
      throw error;
    } finally {
      stopWatching();
    }
    const etag = md5.digest('hex');
    await writeFile(`${target}.etag`, etag, ownerOnlyFile);
    return { partNumber: query.partNumber, size: received, etag };
  }

  async listParts(key: string, uploadId: string): Promise<StoredPart[]> {
    const meta = await this.readUploadMeta(uploadId);
    if (!meta || meta.key !== key) return [];
    const parts: StoredPart[] = [];
    for (const name of await readdir(this.uploadDir(uploadId))) {
      if (!/^\d+$/.test(name)) continue;
      const file = path.join(this.uploadDir(uploadId), name);
      const etag = await readFile(`${file}.etag`, 'utf8').catch(() => undefined);
      if (etag === undefined) continue;
      parts.push({ partNumber: Number(name), size: (await stat(file)).size, etag });
    }
    return parts.sort((a, b) => a.partNumber - b.partNumber);
  }

  async completeMultipartUpload(key: string, uploadId: string, parts: readonly { partNumber: number; etag: string }[]): Promise<{ size: number }> {
    const meta = await this.readUploadMeta(uploadId);
    if (!meta) {
      // Completed before (a retried request): the object is there.
      return { size: (await stat(this.pathOf(key))).size };
    }
    const stored = new Map((await this.listParts(key, uploadId)).map((part) => [part.partNumber, part]));
    for (const part of parts) {
      if (stored.get(part.partNumber)?.etag !== part.etag.replaceAll('"', '')) throw new Error(`Part ${part.partNumber} is missing or differs from what was uploaded.`);
    }
    const target = this.pathOf(key);
    await mkdir(path.dirname(target), ownerOnlyFolders);
    const temporary = `${target}.${randomUUID()}.tmp`;
    const output = createWriteStream(temporary, ownerOnlyFile);
    try {
      for (const part of parts) {
        await pipeline(createReadStream(path.join(this.uploadDir(uploadId), String(part.partNumber))), output, { end: false });
      }
      await new Promise<void>((resolve, reject) => output.end((error?: Error | null) => (error ? reject(error) : resolve())));
      await rename(temporary, target);
    } catch (error) {
      output.destroy();
      await rm(temporary, { force: true });
      throw error;
    }
    await rm(this.uploadDir(uploadId), { recursive: true, force: true });
    return { size: (await stat(target)).size };
  }

  async abortMultipartUpload(_key: string, uploadId: string): Promise<void> {
    await rm(this.uploadDir(uploadId), { recursive: true, force: true });
  }

  private uploadDir(uploadId: string): string {
    if (!/^[0-9a-f-]{36}$/.test(uploadId)) throw new UploadNotFoundError();
    return path.join(this.root, UPLOADS, uploadId);
  }

  private async readUploadMeta(uploadId: string): Promise<{ key: string } | undefined> {
    try {
      return JSON.parse(await readFile(path.join(this.uploadDir(uploadId), 'upload.json'), 'utf8')) as { key: string };
    } catch {
      return undefined;
    }
  }

  private partSignature(query: PartUrlQuery): string {
    return createHmac('sha256', this.urlSigningKey).update(`PUT\n${query.key}\n${query.uploadId}\n${query.partNumber}\n${query.size}\n${query.expires}`).digest('base64url');
  }
}

export class UploadNotFoundError extends Error {
  constructor() {
    super('This upload does not exist or was already completed.');
  }
}

/** More bytes than the part's signed size (413). */
export class PartTooLargeError extends Error {
  constructor(readonly size: number) {
    super(`This part must be ${bytes(size)}, the size fixed when the upload started, and more was sent. Send exactly that slice of the file; if the file changed, start a new upload.`);
  }
}

/** Fewer bytes than the part's signed size (400): it could never complete the upload, so it is not kept. */
export class PartIncompleteError extends Error {
  constructor(
    readonly size: number,
    readonly received: number,
  ) {
    super(`This part must be ${bytes(size)} and only ${bytes(received)} arrived. Send the whole part again.`);
  }
}

function bytes(count: number): string {
  return `${count.toLocaleString('en-US')} byte${count === 1 ? '' : 's'}`;
}

function assertSafeKey(key: string): void {
  if (key.startsWith('/') || key.split('/').some((segment) => segment === '..' || segment === '.' || segment === '') || key.includes('\\') || key.includes('\0')) {
    throw new Error(`Unsafe object key: ${JSON.stringify(key)}`);
  }
}
