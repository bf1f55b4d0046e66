// A tenant's backend with nothing but an API key: uploads a file over REST with the resumable protocol, waits for it
// to be ready, pages through the library, changes and deletes videos, and signs a playback token that the player's
// playback.authorize accepts for a token-only video.
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { makeClip } from '../support/media-fixtures.js';
import { rest } from '../support/rest-client.js';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.js';
import { signUpActiveTenant } from '../support/tenants.js';
import { putPart, readPart } from '../support/upload-file.js';
import { waitFor } from '../support/wait-for.js';

interface Ticket {
  videoId: string;
  partSize: number;
  partCount: number;
  expiresAt: string;
  parts: { partNumber: number; url: string }[];
}
interface Video {
  id: string;
  title: string;
  status: string;
  accessMode: string;
  createdAt: string;
  renditions?: unknown[];
}

let platform: TestPlatform;
let key: string;
let videoId: string;

const v1 = <Body>(method: string, routePath: string, body?: unknown) => rest<Body>(platform.apiUrl, method, routePath, { key, body });

beforeAll(async () => {
  platform = await startTestPlatform();
  await platform.startWorker();
  const tenant = await signUpActiveTenant(platform, 'backend');
  key = (await tenant.admin.apiKeys.create({ name: 'backend', scopes: ['read', 'write', 'upload', 'playback'] })).key;
});
afterAll(() => platform?.close());

it('uploads a file part by part, resumes from the stored parts, completes, and the video becomes ready', async () => {
  const file = await makeClip(path.join(platform.dataDir, 'film.mp4'), { seconds: 2, width: 320, height: 240 });
  const { size } = await stat(file);
  const ticket = await v1<Ticket>('POST', '/v1/videos', { filename: 'film.mp4', size, title: 'Film', accessMode: 'token' });
  expect(ticket.status).toBe(201);
  expect(ticket.body.expiresAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
  videoId = ticket.body.videoId;

  expect((await v1<{ parts: unknown[] }>('GET', `/v1/videos/${videoId}/parts`)).body.parts).toEqual([]);
  const fresh = await v1<{ parts: { partNumber: number; url: string }[] }>('POST', `/v1/videos/${videoId}/parts`, { partNumbers: ticket.body.parts.map((part) => part.partNumber) });
  expect(fresh.status).toBe(200);
  for (const part of fresh.body.parts) expect((await putPart(part.url, await readPart(file, ticket.body.partSize, part.partNumber))).ok).toBe(true);
  expect((await v1<{ parts: unknown[] }>('GET', `/v1/videos/${videoId}/parts`)).body.parts).toHaveLength(ticket.body.partCount);

  const completed = await v1<{ status: string }>('POST', `/v1/videos/${videoId}/complete`);
  expect(completed.body).toEqual({ videoId, status: 'queued' });
  const ready = await waitFor(
    async () => {
      const video = await v1<Video>('GET', `/v1/videos/${videoId}`);
      return video.body.status === 'ready' ? video.body : undefined;
    },
    { what: 'the video to be ready' },
  );
  expect(ready).toMatchObject({ title: 'Film', accessMode: 'token', renditions: expect.arrayContaining([expect.objectContaining({ height: 240 })]) });
  expect(ready).not.toHaveProperty('assets');
});

it('signs a playback token that plays the token-only video, and nothing plays it without one', async () => {
  await expect(platform.caller().playback.authorize({ videoId })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  const signed = await v1<{ token: string; expiresAt: string; embedHtml: string; playbackUrl: string | null }>('POST', '/v1/playback-tokens', { videoId, expiresInSeconds: 600 });
  expect(signed.status).toBe(201);
  expect(new Date(signed.body.expiresAt).getTime() - Date.now()).toBeGreaterThan(590_000);
  expect(signed.body.embedHtml).toContain(`credential="${signed.body.token}"`);
  const grant = await platform.caller().playback.authorize({ videoId, credential: signed.body.token });
  expect(grant.manifestUrl).toContain(`/v/${videoId}/`);
  // The ready-made URL plays in any HLS player: the edge serves the master playlist.
  const manifest = await fetch(signed.body.playbackUrl ?? '');
  expect(manifest.status).toBe(200);
  expect(await manifest.text()).toContain('#EXTM3U');

  const tooLong = await v1<{ error: { details: { field: string } } }>('POST', '/v1/playback-tokens', { videoId, expiresInSeconds: 2 * 24 * 3600 });
  expect(tooLong.status).toBe(400);
  expect(tooLong.body.error.details.field).toBe('body.expiresInSeconds');
});

it('pages through the library with cursors, newest first, and changes and deletes videos', async () => {
  const more = [];
  for (const title of ['Second', 'Third']) more.push((await v1<Ticket>('POST', '/v1/videos', { filename: `${title}.mp4`, size: 100, title })).body.videoId);
  const seen: Video[] = [];
  let cursor: string | null = null;
  do {
    const page: { body: { data: Video[]; nextCursor: string | null } } = await v1('GET', `/v1/videos?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
    seen.push(...page.body.data);
    cursor = page.body.nextCursor;
  } while (cursor);
  expect(seen.map((video) => video.title)).toEqual(['Third', 'Second', 'Film']);
  expect((await v1<{ data: Video[] }>('GET', '/v1/videos?sort=oldest&limit=1')).body.data.map((video) => video.title)).toEqual(['Film']);
  expect((await v1<{ data: Video[] }>('GET', '/v1/videos?status=ready')).body.data.map((video) => video.id)).toEqual([videoId]);
  expect((await v1<{ data: Video[] }>('GET', '/v1/videos?search=seco')).body.data.map((video) => video.title)).toEqual(['Second']);

  const changed = await v1<Video>('PATCH', `/v1/videos/${more[0]}`, { title: 'Renamed', accessMode: 'viewers' });
  expect(changed.body).toMatchObject({ id: more[0], title: 'Renamed', accessMode: 'viewers' });
  const deleted = await v1('DELETE', `/v1/videos/${more[1]}`);
  expect(deleted.status).toBe(204);
  expect((await v1('GET', `/v1/videos/${more[1]}`)).status).toBe(404);
});
