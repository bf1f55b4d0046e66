// The ObjectStore contract: what the domain relies on from any store (the local filesystem store, S3).
// Registered once per adapter; every `it` here must hold for all of them.
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/** The ObjectStore port, structurally (the testkit does not depend on the control plane). */
export interface ObjectStoreUnderTest {
  putFile(key: string, sourcePath: string): Promise<void>;
  putBytes(key: string, body: Uint8Array | string): Promise<void>;
  putDirectory(prefix: string, directory: string): Promise<void>;
  localFile(key: string): Promise<string>;
  exists(key: string): Promise<boolean>;
  deletePrefix(prefix: string): Promise<void>;
  deleteObject(key: string): Promise<void>;
  createMultipartUpload(key: string): Promise<{ uploadId: string }>;
  /** The URL admits exactly `part.size` bytes. */
  signPartUrl(key: string, uploadId: string, part: { partNumber: number; size: number }, expiresAt: Date): Promise<string>;
  listParts(key: string, uploadId: string): Promise<{ partNumber: number; size: number; etag: string }[]>;
  completeMultipartUpload(key: string, uploadId: string, parts: readonly { partNumber: number; etag: string }[]): Promise<{ size: number }>;
  abortMultipartUpload(key: string, uploadId: string): Promise<void>;
}

export interface ObjectStoreFixture {
  store: ObjectStoreUnderTest;
  /** A tenant id whose namespace (`t/{id}/`, `sources/{id}/`) the store serves. */
  tenantId: string;
  close(): Promise<void>;
}

/** S3's smallest part (except the last): the contract uses real-sized parts so emulators enforce it too. */
export const MIN_PART_BYTES = 5 * 1024 * 1024;

/** PUTs a part as a browser would and returns the ETag the browser reads (CORS exposes it). */
async function putPart(url: string, body: Buffer): Promise<{ status: number; etag: string }> {
  const response = await fetch(url, { method: 'PUT', body });
  await response.arrayBuffer();
  return { status: response.status, etag: response.headers.get('etag') ?? '' };
}

export function objectStoreContract(name: string, setUp: () => Promise<ObjectStoreFixture>): void {
  describe(`ObjectStore contract: ${name}`, () => {
    let fixture: ObjectStoreFixture;
    let scratch: string;
    const key = (suffix: string) => `t/${fixture.tenantId}/${suffix}`;
    const sourceKey = (suffix: string) => `sources/${fixture.tenantId}/${suffix}`;
    const file = async (name: string, content: Buffer | string) => {
      const target = path.join(scratch, name);
      await mkdir(path.dirname(target), { recursive: true });
      await writeFile(target, content);
      return target;
    };

    beforeAll(async () => {
      fixture = await setUp();
      scratch = await mkdtemp(path.join(tmpdir(), 'ott-store-contract-'));
    });
    afterAll(async () => {
      await fixture?.close();
      await rm(scratch, { recursive: true, force: true });
    });

    it('stores a file and gives it back byte for byte as a local file', async () => {
      const content = randomBytes(70_000);
      await fixture.store.putFile(key('v/a/poster.jpg'), await file('poster.jpg', content));
      expect(await fixture.store.exists(key('v/a/poster.jpg'))).toBe(true);
      expect(await fixture.store.exists(key('v/a/missing.jpg'))).toBe(false);
      expect(Buffer.compare(await readFile(await fixture.store.localFile(key('v/a/poster.jpg'))), content)).toBe(0);
    });

    it('replaces an object written again under the same key', async () => {
      await fixture.store.putFile(key('v/b/master.m3u8'), await file('one.m3u8', '#EXTM3U\n# one\n'));
      await fixture.store.putFile(key('v/b/master.m3u8'), await file('two.m3u8', '#EXTM3U\n# two\n'));
      expect(await readFile(await fixture.store.localFile(key('v/b/master.m3u8')), 'utf8')).toBe('#EXTM3U\n# two\n');
    });

    it('stores bytes and text given in memory, replacing what was there', async () => {
      const content = randomBytes(5_000);
      await fixture.store.putBytes(key('v/e/seg_00001.vtt'), content);
      expect(Buffer.compare(await readFile(await fixture.store.localFile(key('v/e/seg_00001.vtt'))), content)).toBe(0);
      await fixture.store.putBytes(key('v/e/master.m3u8'), '#EXTM3U\n# first\n');
      await fixture.store.putBytes(key('v/e/master.m3u8'), '#EXTM3U\n# ünïcode\n');
      expect(await readFile(await fixture.store.localFile(key('v/e/master.m3u8')), 'utf8')).toBe('#EXTM3U\n# ünïcode\n');
      await expect(fixture.store.putBytes('t/../etc/passwd', 'x')).rejects.toThrow(/Unsafe object key/);
    });

    it('fails to give a local file for a key that does not exist', async () => {
      await expect(fixture.store.localFile(key('v/none/x.bin'))).rejects.toThrow();
    });

    it('copies a folder tree under a prefix and deletes a prefix without touching its siblings', async () => {
      const folder = path.join(scratch, 'hls');
      await file('hls/master.m3u8', '#EXTM3U\n');
      await file('hls/720p/index.m3u8', '#EXTM3U\n#EXT-X-ENDLIST\n');
      await file('hls/720p/init.mp4', randomBytes(100));
      await fixture.store.putDirectory(key('v/c/'), folder);
      for (const name of ['master.m3u8', '720p/index.m3u8', '720p/init.mp4']) expect(await fixture.store.exists(key(`v/c/${name}`))).toBe(true);
      await fixture.store.putFile(key('v/cc/keep.txt'), await file('keep.txt', 'keep'));
      await fixture.store.deletePrefix(key('v/c/'));
      expect(await fixture.store.exists(key('v/c/master.m3u8'))).toBe(false);
      expect(await fixture.store.exists(key('v/c/720p/init.mp4'))).toBe(false);
      expect(await fixture.store.exists(key('v/cc/keep.txt'))).toBe(true);
    });

    it('deletes one object and nothing beside it; a missing one is no error', async () => {
      await fixture.store.putFile(key('v/d/master.m3u8'), await file('master.m3u8', '#EXTM3U'));
      await fixture.store.putFile(key('v/d/r1/master.m3u8'), await file('master.m3u8', '#EXTM3U'));
      await fixture.store.deleteObject(key('v/d/master.m3u8'));
      await fixture.store.deleteObject(key('v/d/absent.jpg'));
      expect(await fixture.store.exists(key('v/d/master.m3u8'))).toBe(false);
      expect(await fixture.store.exists(key('v/d/r1/master.m3u8'))).toBe(true);
    });

    it('refuses keys that could escape the namespace', async () => {
      const source = await file('x.txt', 'x');
      await expect(fixture.store.putFile('t/../etc/passwd', source)).rejects.toThrow(/Unsafe object key/);
      await expect(fixture.store.putFile('/absolute', source)).rejects.toThrow(/Unsafe object key/);
    });

    describe('multipart uploads through signed part URLs', () => {
      const first = randomBytes(MIN_PART_BYTES);
      const last = randomBytes(123_457);

      it('assembles parts PUT to their URLs, lists what is stored for a resuming client, and completes', async () => {
        const target = sourceKey('film.mp4');
        const { uploadId } = await fixture.store.createMultipartUpload(target);
        const expires = new Date(Date.now() + 10 * 60_000);
        const one = await putPart(await fixture.store.signPartUrl(target, uploadId, { partNumber: 1, size: first.length }, expires), first);
        expect(one.status).toBe(200);
        expect(one.etag).not.toBe('');
        // A client that restarts here asks what is stored, and sends only the rest.
        expect((await fixture.store.listParts(target, uploadId)).map(({ partNumber, size }) => ({ partNumber, size }))).toEqual([{ partNumber: 1, size: MIN_PART_BYTES }]);
        const two = await putPart(await fixture.store.signPartUrl(target, uploadId, { partNumber: 2, size: last.length }, expires), last);
        expect(two.status).toBe(200);
        const parts = await fixture.store.listParts(target, uploadId);
        expect(parts.map((part) => part.partNumber)).toEqual([1, 2]);
        expect(parts.map((part) => part.etag.replaceAll('"', ''))).toEqual([one.etag.replaceAll('"', ''), two.etag.replaceAll('"', '')]);

        const { size } = await fixture.store.completeMultipartUpload(target, uploadId, [
          { partNumber: 1, etag: one.etag },
          { partNumber: 2, etag: two.etag },
        ]);
        expect(size).toBe(first.length + last.length);
        expect(Buffer.compare(await readFile(await fixture.store.localFile(target)), Buffer.concat([first, last]))).toBe(0);
        // A retried completion (the client never saw the first answer) reports the same object.
        expect(
          await fixture.store.completeMultipartUpload(target, uploadId, [
            { partNumber: 1, etag: one.etag },
            { partNumber: 2, etag: two.etag },
          ]),
        ).toEqual({ size });
      });

      it('refuses to complete with a part that differs from what was uploaded', async () => {
        const target = sourceKey('mismatch.mp4');
        const { uploadId } = await fixture.store.createMultipartUpload(target);
        const part = await putPart(await fixture.store.signPartUrl(target, uploadId, { partNumber: 1, size: last.length }, new Date(Date.now() + 60_000)), last);
        expect(part.status).toBe(200);
        await expect(fixture.store.completeMultipartUpload(target, uploadId, [{ partNumber: 1, etag: '"0123456789abcdef0123456789abcdef"' }])).rejects.toThrow();
        expect(await fixture.store.exists(target)).toBe(false);
      });

      it('refuses a part larger or smaller than the size its URL was signed for, and stores nothing', async () => {
        const target = sourceKey('wrong-size.mp4');
        const { uploadId } = await fixture.store.createMultipartUpload(target);
        const url = await fixture.store.signPartUrl(target, uploadId, { partNumber: 1, size: 1_000 }, new Date(Date.now() + 60_000));
        for (const body of [randomBytes(1_001), randomBytes(100_000), randomBytes(999)]) {
          const { status } = await putPart(url, body);
          expect([400, 403, 413], `${body.length} bytes on a 1,000-byte URL`).toContain(status);
        }
        expect(await fixture.store.listParts(target, uploadId)).toEqual([]);
        expect((await putPart(url, randomBytes(1_000))).status).toBe(200);
        expect((await fixture.store.listParts(target, uploadId)).map(({ partNumber, size }) => ({ partNumber, size }))).toEqual([{ partNumber: 1, size: 1_000 }]);
      });

      it('forgets an aborted upload', async () => {
        const target = sourceKey('aborted.mp4');
        const { uploadId } = await fixture.store.createMultipartUpload(target);
        await putPart(await fixture.store.signPartUrl(target, uploadId, { partNumber: 1, size: last.length }, new Date(Date.now() + 60_000)), last);
        await fixture.store.abortMultipartUpload(target, uploadId);
        expect(await fixture.store.listParts(target, uploadId)).toEqual([]);
        expect(await fixture.store.exists(target)).toBe(false);
      });

      it('refuses a part URL after it has expired', async () => {
        const target = sourceKey('late.mp4');
        const { uploadId } = await fixture.store.createMultipartUpload(target);
        const url = await fixture.store.signPartUrl(target, uploadId, { partNumber: 1, size: last.length }, new Date(Date.now() + 1_000));
        await new Promise((resolve) => setTimeout(resolve, 2_100));
        const { status } = await putPart(url, last);
        expect(status).toBe(403);
        expect(await fixture.store.listParts(target, uploadId)).toEqual([]);
      });
    });
  });
}
