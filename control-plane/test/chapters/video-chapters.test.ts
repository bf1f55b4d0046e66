// A tenant sets chapters on a video (portal/tRPC and REST), gets clear refusals for bad lists, and viewers' players
// receive a signed chapters.vtt through the edge (refused without the signature); chapters set while the video still
// transcodes are published when it becomes ready, and clearing them removes the file.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeClip } from '../support/media-fixtures.js';
import { rest } from '../support/rest-client.js';
import { signUpActiveTenant } from '../support/tenants.js';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.js';
import { uploadFile } from '../support/upload-file.js';
import { waitFor } from '../support/wait-for.js';

let platform: TestPlatform;
let tenant: Awaited<ReturnType<typeof signUpActiveTenant>>;
let videoId: string;

beforeAll(async () => {
  platform = await startTestPlatform();
  await platform.startWorker();
  tenant = await signUpActiveTenant(platform, 'chapters');
  const clip = await makeClip(path.join(platform.dataDir, 'talk.mp4'), { seconds: 8, width: 640, height: 360 });
  videoId = await uploadFile(tenant.admin, clip, { title: 'Talk', accessMode: 'public' });
});
afterAll(() => platform?.close());

const chaptersVtt = (text: string) =>
  text
    .trim()
    .split('\n\n')
    .slice(1)
    .map((cue) => cue.split('\n').slice(1).join(' | '));

describe('chapters', () => {
  it('kept while the video transcodes, and published as a signed chapters.vtt once it is ready', async () => {
    const kept = await tenant.admin.chapters.set({
      videoId,
      chapters: [
        { startSeconds: 0, title: '  Intro ' },
        { startSeconds: 2.5, title: 'Q & A <live>' },
        { startSeconds: 5, title: 'Outro' },
      ],
    });
    expect(kept).toEqual([
      { startSeconds: 0, title: 'Intro' },
      { startSeconds: 2.5, title: 'Q & A <live>' },
      { startSeconds: 5, title: 'Outro' },
    ]);
    await waitFor(async () => ((await tenant.admin.videos.get({ videoId })).status === 'ready' ? true : undefined), { what: 'the video to be ready', timeoutMs: 120_000 });

    const grant = await platform.caller().playback.authorize({ videoId });
    expect(grant.chaptersVttUrl).toMatch(new RegExp(`^${platform.edgeUrl}/t/${tenant.session.tenantId}/v/${videoId}/chapters\\.vtt\\?Policy=`));
    const response = await fetch(grant.chaptersVttUrl ?? '');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/vtt; charset=utf-8');
    const text = await response.text();
    expect(text.startsWith('WEBVTT\n')).toBe(true);
    const duration = (await tenant.admin.videos.get({ videoId })).durationSeconds ?? 0;
    const end = `00:00:0${Math.floor(duration)}.${String(Math.round((duration % 1) * 1000)).padStart(3, '0')}`;
    expect(chaptersVtt(text)).toEqual(['00:00:00.000 --> 00:00:02.500 | Intro', '00:00:02.500 --> 00:00:05.000 | Q &amp; A &lt;live&gt;', `00:00:05.000 --> ${end} | Outro`]);

    const unsigned = await fetch(grant.chaptersVttUrl?.split('?')[0] ?? '');
    expect([unsigned.status, (await unsigned.text()).trim()]).toEqual([403, 'missing-credentials']);
  });

  it('refuses a bad list with a message naming the chapter, and keeps the chapters it had', async () => {
    const refusal = async (chapters: { startSeconds: number; title: string }[]) => {
      const error = await tenant.admin.chapters.set({ videoId, chapters }).catch((caught: unknown) => caught);
      return (error as { message?: string }).message;
    };
    expect(
      await refusal([
        { startSeconds: 0, title: 'Intro' },
        { startSeconds: 3, title: 'B' },
        { startSeconds: 3, title: 'C' },
      ]),
    ).toBe('Chapter 3 ("C") starts at 0:03, the same time as chapter 2 (0:03). List chapters in order, each starting after the one before.');
    expect(
      await refusal([
        { startSeconds: 4, title: 'Late' },
        { startSeconds: 1, title: 'Early' },
      ]),
    ).toContain('Chapter 2 ("Early") starts at 0:01, before chapter 1 (0:04)');
    expect(
      await refusal([
        { startSeconds: 0, title: 'Intro' },
        { startSeconds: 60, title: 'Credits' },
      ]),
    ).toMatch(/^Chapter 2 \("Credits"\) starts at 1:00, after the end of the video \(0:0\d/);
    expect(await refusal([{ startSeconds: 0, title: '   ' }])).toBe('Chapter 1 has no title. Give every chapter a title.');
    expect(await refusal([{ startSeconds: 0, title: 'Two\nlines' }])).toContain('Chapter 1 ("Two\nlines") has a line break');
    expect(await refusal([{ startSeconds: -1, title: 'Before' }])).toContain('starts at -1: a start is a time of 0 seconds or more');
    expect(await refusal([{ startSeconds: 0, title: 'x'.repeat(101) }])).toContain('has a title of 101 characters; the limit is 100');
    expect(await refusal(Array.from({ length: 201 }, (_, index) => ({ startSeconds: index / 100, title: `C${index}` })))).toContain('at most 200 chapters');
    expect(await tenant.admin.chapters.get({ videoId })).toHaveLength(3);
  });

  it('over REST: read and replace them with an API key; an empty list removes chapters.vtt', async () => {
    const { key } = await tenant.admin.apiKeys.create({ name: 'backend', scopes: ['read', 'write'] });
    const read = await rest<{ chapters: unknown[] }>(platform.apiUrl, 'GET', `/v1/videos/${videoId}/chapters`, { key });
    expect([read.status, read.body.chapters.length]).toEqual([200, 3]);
    const bad = await rest<{ error: { message: string } }>(platform.apiUrl, 'PUT', `/v1/videos/${videoId}/chapters`, { key, body: { chapters: [{ startSeconds: 0, title: '' }] } });
    expect([bad.status, bad.body.error.message]).toEqual([400, 'Chapter 1 has no title. Give every chapter a title.']);
    const replaced = await rest<{ chapters: unknown[] }>(platform.apiUrl, 'PUT', `/v1/videos/${videoId}/chapters`, { key, body: { chapters: [{ startSeconds: 1, title: 'Only' }] } });
    expect([replaced.status, replaced.body.chapters]).toEqual([200, [{ startSeconds: 1, title: 'Only' }]]);
    expect(chaptersVtt(await (await fetch((await platform.caller().playback.authorize({ videoId })).chaptersVttUrl ?? '')).text())[0]).toMatch(/^00:00:01\.000 --> .* \| Only$/);

    const cleared = await rest<{ chapters: unknown[] }>(platform.apiUrl, 'PUT', `/v1/videos/${videoId}/chapters`, { key, body: { chapters: [] } });
    expect([cleared.status, cleared.body.chapters]).toEqual([200, []]);
    const grant = await platform.caller().playback.authorize({ videoId });
    expect(grant.chaptersVttUrl).toBeNull();
    const gone = await fetch(grant.signedManifestUrl.replace('master.m3u8', 'chapters.vtt'));
    expect(gone.status).toBe(404);
  });
});
