// A tenant's backend adds captions with nothing but an API key: a file added while the video is still processing is
// published when it is ready (the master names it), then edited, read back as a transcript and removed. Bad and
// enormous files are refused with what is wrong.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { MEDIA_TRACK_LIMITS } from '@ott/contracts';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { storeRootOf } from '../../src/shapes/compose-local-shape.js';
import { makeClip } from '../support/media-fixtures.js';
import { rest } from '../support/rest-client.js';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.js';
import { signUpActiveTenant } from '../support/tenants.js';
import { uploadFile } from '../support/upload-file.js';
import { waitFor } from '../support/wait-for.js';

let platform: TestPlatform;
let tenant: Awaited<ReturnType<typeof signUpActiveTenant>>;
let key: string;

beforeAll(async () => {
  platform = await startTestPlatform();
  await platform.startWorker();
  tenant = await signUpActiveTenant(platform, 'subs');
  key = (await tenant.admin.apiKeys.create({ name: 'captions', scopes: ['read', 'write'] })).key;
});
afterAll(() => platform?.close());

const master = (videoId: string) => readFile(path.join(storeRootOf({ dataDir: platform.dataDir }), `t/${tenant.session.tenantId}/v/${videoId}/master.m3u8`), 'utf8');

it('adds, publishes, edits, transcribes and removes a caption track over REST', async () => {
  const videoId = await uploadFile(tenant.admin, await makeClip(path.join(platform.dataDir, 'film.mp4'), { seconds: 8, width: 320, height: 240 }), { title: 'Film' });
  const srt = '1\n00:00:01,000 --> 00:00:02,500\nBonjour\n\n2\n00:00:06,500 --> 00:00:07,500\nAu revoir\n';
  const added = await rest<{ id: string; label: string; cueCount: number }>(platform.apiUrl, 'POST', `/v1/videos/${videoId}/text-tracks`, { key, body: { content: srt, language: 'fr' } });
  expect(added.status).toBe(201);
  expect(added.body).toMatchObject({ label: 'French', cueCount: 2 });
  const trackPath = `/v1/videos/${videoId}/text-tracks/${added.body.id}`;

  await waitFor(async () => ((await tenant.admin.videos.get({ videoId })).status === 'ready' ? true : undefined), { what: 'the video to be ready' });
  await waitFor(async () => ((await master(videoId)).includes('TYPE=SUBTITLES') ? true : undefined), { what: 'the master to name the track' });
  expect(await master(videoId)).toMatch(/#EXT-X-MEDIA:TYPE=SUBTITLES,GROUP-ID="subs",LANGUAGE="fr",NAME="French"/);

  const edited = await rest<{ cueCount: number; isDefault: boolean }>(platform.apiUrl, 'PATCH', trackPath, {
    key,
    body: { isDefault: true, cues: [{ startSeconds: 1, endSeconds: 3, text: 'Salut <i>tout</i> le monde' }] },
  });
  expect(edited.status).toBe(200);
  expect(edited.body).toMatchObject({ cueCount: 1, isDefault: true });
  expect(await master(videoId)).toContain('NAME="French",DEFAULT=YES');
  expect((await rest(platform.apiUrl, 'GET', trackPath, { key })).body).toMatchObject({ cues: [{ startSeconds: 1, endSeconds: 3, text: 'Salut <i>tout</i> le monde' }] });
  expect((await rest(platform.apiUrl, 'GET', `${trackPath}/transcript`, { key })).body).toEqual({ text: '[00:00:01] Salut tout le monde\n' });
  expect((await rest<{ data: unknown[] }>(platform.apiUrl, 'GET', `/v1/videos/${videoId}/text-tracks`, { key })).body.data).toHaveLength(1);

  expect((await rest(platform.apiUrl, 'DELETE', trackPath, { key })).status).toBe(204);
  expect(await master(videoId)).not.toContain('TYPE=SUBTITLES');
  expect((await rest(platform.apiUrl, 'GET', trackPath, { key })).status).toBe(404);
});

it('refuses a broken file naming the line, and an enormous one by its size, over REST and tRPC', async () => {
  const videoId = (await tenant.admin.videos.createUpload({ filename: 'later.mp4', size: 100 })).videoId;
  const broken = await rest<{ error: { message: string } }>(platform.apiUrl, 'POST', `/v1/videos/${videoId}/text-tracks`, {
    key,
    body: { content: 'WEBVTT\n\n00:00:05.000 --> 00:00:04.000\nbackwards\n', language: 'en' },
  });
  expect(broken.status).toBe(400);
  expect(broken.body.error.message).toBe('The caption file was not accepted: line 3: the end time 00:00:04.000 is before the start 00:00:05.000.');

  // Larger than the API's usual 1 MiB body, within the caption limit: accepted by both.
  const cue = (i: number) => `${i + 1}\n00:00:0${i % 9},000 --> 00:00:0${(i % 9) + 1},000\n${'A line of dialogue that goes on. '.repeat(3)}\n`;
  const big = Array.from({ length: 12_000 }, (_, i) => cue(i)).join('\n');
  expect(Buffer.byteLength(big)).toBeGreaterThan(1024 * 1024);
  expect(Buffer.byteLength(big)).toBeLessThan(MEDIA_TRACK_LIMITS.captionFileBytes);
  expect((await rest(platform.apiUrl, 'POST', `/v1/videos/${videoId}/text-tracks`, { key, body: { content: big, language: 'en' } })).status).toBe(201);
  const viaTrpc = await fetch(`${platform.apiUrl}/trpc/captions.upload`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${tenant.session.accessToken}` },
    body: JSON.stringify({ videoId, content: big, language: 'de' }),
  });
  expect(viaTrpc.status).toBe(200);

  const enormous = 'WEBVTT\n\n' + 'x'.repeat(MEDIA_TRACK_LIMITS.captionFileBytes);
  const refused = await rest<{ error: { message: string } }>(platform.apiUrl, 'POST', `/v1/videos/${videoId}/text-tracks`, { key, body: { content: enormous, language: 'en' } });
  expect(refused.status).toBe(400);
  expect((await tenant.admin.captions.list({ videoId })).map((track) => track.language)).toEqual(['en', 'de']);
});
