// The client against a real control plane (API, worker and edge in this process, real PostgreSQL, real ffmpeg):
// a file uploaded with uploadFile becomes a ready video, lists page with all(), changes and deletes go through, and
// the API's refusals arrive as OttApiError with the code and details a caller branches on.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeClip } from '@ott/control-plane/test-support/media-fixtures';
import { signUpActiveTenant } from '@ott/control-plane/test-support/tenants';
import { startTestPlatform, type TestPlatform } from '@ott/control-plane/test-support/test-platform';
import { OttApiError, OttCloud } from '../src/index.js';

let platform: TestPlatform;
let ott: OttCloud;
let readOnly: OttCloud;
let clip: string;

beforeAll(async () => {
  platform = await startTestPlatform();
  await platform.startWorker();
  const tenant = await signUpActiveTenant(platform, 'sdk');
  const full = await tenant.admin.apiKeys.create({ name: 'sdk test', scopes: ['read', 'write', 'upload'] });
  const reader = await tenant.admin.apiKeys.create({ name: 'sdk reader', scopes: ['read'] });
  ott = new OttCloud({ apiKey: full.key, baseUrl: platform.apiUrl });
  readOnly = new OttCloud({ apiKey: reader.key, baseUrl: platform.apiUrl });
  clip = await makeClip(path.join(await mkdtemp(path.join(tmpdir(), 'ott-sdk-')), 'clip.mp4'), { seconds: 2, width: 320, height: 180 });
});
afterAll(() => platform?.close());

describe('OttCloud against the REST API', () => {
  let videoId: string;

  it('uploads a file with progress and waits until it is ready', async () => {
    const fractions: number[] = [];
    const uploaded = await ott.uploads.uploadFile(clip, { title: 'SDK clip', accessMode: 'viewers', onProgress: (fraction) => fractions.push(fraction) });
    videoId = uploaded.videoId;
    expect(fractions.at(-1)).toBe(1);
    const video = await ott.videos.waitUntilReady(videoId, { intervalMs: 200, timeoutMs: 45_000 });
    expect(video).toMatchObject({ id: videoId, title: 'SDK clip', accessMode: 'viewers', status: 'ready' });
    expect(video.renditions.length).toBeGreaterThan(0);
  });

  it('iterates every video across pages, and changes and deletes one', async () => {
    const tickets = await Promise.all(['a.mp4', 'b.mp4'].map((filename) => ott.videos.createUpload({ filename, size: 1000 })));
    const page = await ott.videos.list({ limit: 1 });
    expect(page.data).toHaveLength(1);
    expect(page.nextCursor).toEqual(expect.any(String));
    const ids: string[] = [];
    for await (const video of ott.videos.all({ limit: 1 })) ids.push(video.id);
    expect(ids.sort()).toEqual([videoId, ...tickets.map((ticket) => ticket.videoId)].sort());

    expect(await ott.videos.update(videoId, { title: 'Renamed' })).toMatchObject({ title: 'Renamed' });
    await ott.videos.delete(tickets[0]?.videoId ?? '');
    await expect(ott.videos.get(tickets[0]?.videoId ?? '')).rejects.toMatchObject({ status: 404, code: 'not_found' });
  });

  it('throws OttApiError naming the missing scope, the field at fault, and the key prefix', async () => {
    const scope = await readOnly.videos.createUpload({ filename: 'x.mp4', size: 10 }).catch((error: unknown) => error);
    expect(scope).toBeInstanceOf(OttApiError);
    expect(scope).toMatchObject({ status: 403, code: 'missing_scope', details: { scope: 'upload' } });
    await expect(ott.videos.update(videoId, { title: '' })).rejects.toMatchObject({ status: 400, code: 'invalid_request', details: { field: 'body.title' } });
    const unknownKey = new OttCloud({ apiKey: `ott_sk_zzzzzzzz_${'x'.repeat(43)}`, baseUrl: platform.apiUrl });
    await expect(unknownKey.videos.list()).rejects.toMatchObject({ status: 401, code: 'unauthenticated', details: { keyPrefix: 'ott_sk_zzzzzzzz' } });
  });
});
