import { describe, expect, it } from 'vitest';
import { openUpload, type ResumeState, type UploadApi } from '../src/index.js';

const expires = '2030-01-01T00:00:00.000Z';
const sign = (partNumbers: number[]) => ({ parts: partNumbers.map((partNumber) => ({ partNumber, url: `https://store/${partNumber}` })), urlsExpireAt: expires });

/** A server holding one upload in progress (v1: parts 1 and 3 of a 25-byte file cut in tens), and a resume state. */
function setup(options: { remembered?: string; status?: string } = {}) {
  const log: string[] = [];
  const api: UploadApi = {
    videoStatus: async () => options.status,
    listParts: async () => ({
      partSize: 10,
      partCount: 3,
      expiresAt: expires,
      parts: [
        { partNumber: 1, size: 10, etag: 'a' },
        { partNumber: 3, size: 5, etag: 'c' },
      ],
    }),
    partUrls: async (_videoId, partNumbers) => sign(partNumbers),
    createUpload: async () => (log.push('created v2'), { videoId: 'v2', partSize: 10, partCount: 3, expiresAt: expires, ...sign([1, 2, 3]) }),
  };
  const resume: ResumeState = {
    find: async () => options.remembered,
    remember: async (videoId) => void log.push(`remembered ${videoId}`),
    forget: async (videoId) => void log.push(`forgot ${videoId}`),
  };
  return { api, resume, log };
}

describe('openUpload', () => {
  it('resumes the video the file was being sent as, with only the parts the server lacks', async () => {
    const { api, resume, log } = setup({ remembered: 'v1', status: 'uploading' });
    expect(await openUpload({ size: 25, api, resume })).toMatchObject({ videoId: 'v1', resumed: true, partNumbers: [2], storedBytes: 15, urls: sign([2]) });
    expect(log).toEqual([]);
  });

  it('starts over when the remembered video is no longer taking parts, and remembers the new one', async () => {
    const { api, resume, log } = setup({ remembered: 'v1', status: 'ready' });
    expect(await openUpload({ size: 25, api, resume })).toMatchObject({ videoId: 'v2', resumed: false, partNumbers: [1, 2, 3], storedBytes: 0 });
    expect(log).toEqual(['forgot v1', 'created v2', 'remembered v2']);
  });

  it('refuses a plan that does not cut the file, after remembering the video so it is not lost', async () => {
    const { api, resume, log } = setup();
    await expect(openUpload({ size: 40, api, resume })).rejects.toMatchObject({ problem: { kind: 'plan-mismatch', size: 40, partSize: 10, partCount: 3 } });
    expect(log).toEqual(['created v2', 'remembered v2']);
  });
});
