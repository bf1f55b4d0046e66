import { describe, expect, it } from 'vitest';
import { DirectUploadError, directUploadApi, parseDirectUploadUrl } from '../src/direct-upload-api.js';

const ID = 'du_abcdefghijklmnopqrstuvwxyz012345';

describe('direct upload API', () => {
  it('reads the API and the id from the URL the backend was given', () => {
    expect(parseDirectUploadUrl(`https://api.example.com/v1/direct-uploads/${ID}`)).toEqual({ apiBaseUrl: 'https://api.example.com', directUploadId: ID });
    expect(parseDirectUploadUrl(`http://127.0.0.1:4000/ott/v1/direct-uploads/${ID}/`)).toEqual({ apiBaseUrl: 'http://127.0.0.1:4000/ott', directUploadId: ID });
    expect(() => parseDirectUploadUrl('https://api.example.com/v1/videos/123')).toThrow(/not a direct upload URL/);
  });

  it('calls the public routes without credentials, and gives the API refusal in its own words', async () => {
    const calls: { url: string; init: RequestInit | undefined }[] = [];
    const answers = [
      new Response(JSON.stringify({ videoId: 'v1', partSize: 10, partCount: 1, expiresAt: 'x', parts: [], urlsExpireAt: 'x' }), { status: 201 }),
      new Response(JSON.stringify({ error: { code: 'conflict', message: 'This upload expired at 2026-01-01T00:00:00.000Z before a file was sent.' } }), { status: 409 }),
      new Response(JSON.stringify({ id: ID, status: 'uploading', video: { id: 'v1', status: 'uploading' } }), { status: 200 }),
    ];
    const api = directUploadApi({ apiBaseUrl: 'https://api.example.com/', directUploadId: ID }, { name: 'clip.mp4', size: 10 }, async (url, init) => {
      calls.push({ url: String(url), init });
      return answers.shift() ?? new Response('', { status: 500 });
    });
    expect((await api.createUpload()).videoId).toBe('v1');
    expect(calls[0]).toMatchObject({
      url: `https://api.example.com/v1/direct-uploads/${ID}/start`,
      init: { method: 'POST', credentials: 'omit', body: JSON.stringify({ filename: 'clip.mp4', size: 10 }) },
    });
    const refused = await api.partUrls('v1', [1]).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(DirectUploadError);
    expect(refused).toMatchObject({ status: 409, code: 'conflict', message: expect.stringMatching(/expired/) });
    expect(await api.videoStatus('v1')).toBe('uploading');
  });
});
