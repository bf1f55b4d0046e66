// Static MP4 downloads and clips through the API, the real worker (ffmpeg) and the local edge.
import { execFile } from 'node:child_process';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storedBytesByTenant } from '../../src/domain/usage/storage-sampling.js';
import { storeRootOf } from '../../src/shapes/compose-local-shape.js';
import { ffmpeg, probeStreams } from '../ffmpeg/fixtures.js';
import { makeClip } from '../support/media-fixtures.js';
import { signUpActiveTenant } from '../support/tenants.js';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.js';
import { uploadFile } from '../support/upload-file.js';
import { waitFor } from '../support/wait-for.js';

const exec = promisify(execFile);
const FRAME = 1 / 30;
const TITLE = 'Café "Noir" – part 1';

let platform: TestPlatform;
let tenant: Awaited<ReturnType<typeof signUpActiveTenant>>;
let sourceFile: string;
let videoId: string;

const storeFile = (key: string) => path.join(storeRootOf({ dataDir: platform.dataDir }), key);

async function waitReady(id: string): Promise<void> {
  await waitFor(
    async () => {
      const video = await tenant.admin.videos.get({ videoId: id });
      if (video.status === 'failed') throw new Error(`video failed: ${video.failureReason ?? ''}`);
      return video.status === 'ready' ? true : undefined;
    },
    { what: `video ${id} ready`, timeoutMs: 120_000 },
  );
}

async function waitDownloads(id: string) {
  return waitFor(
    async () => {
      const downloads = await tenant.admin.downloads.get({ videoId: id });
      if (downloads.status === 'failed') throw new Error(`downloads failed: ${downloads.failureReason ?? ''}`);
      return downloads.status === 'ready' ? downloads : undefined;
    },
    { what: `downloads of ${id}`, timeoutMs: 120_000 },
  );
}

beforeAll(async () => {
  platform = await startTestPlatform();
  await platform.startWorker();
  tenant = await signUpActiveTenant(platform, 'clips');
  sourceFile = await makeClip(path.join(platform.dataDir, 'film.mp4'), { width: 1280, height: 720, seconds: 6 });
  videoId = await uploadFile(tenant.admin, sourceFile, { title: TITLE, accessMode: 'token', downloads: true });
  await waitReady(videoId);
}, 180_000);
afterAll(() => platform?.close());

describe('downloads', () => {
  it('are made with the transcode when switched on at upload: the top rendition at or below 1080p and the smallest', async () => {
    const downloads = await tenant.admin.downloads.get({ videoId });
    expect(downloads).toMatchObject({ enabled: true, status: 'ready', failureReason: null });
    expect(downloads.files.map((file) => [file.name, file.width, file.height])).toEqual([
      ['720p', 1280, 720],
      ['360p', 640, 360],
    ]);
    const file = storeFile(`t/${tenant.session.tenantId}/v/${videoId}/downloads/720p.mp4`);
    expect((await stat(file)).size).toBe(downloads.files[0]?.bytes);
    expect((await probeStreams(file)).map((s) => s.codec_type)).toEqual(['video', 'audio']);
  });

  it('are served through the edge to a signed link only, saved under the title, with byte ranges, and metered as egress', async () => {
    const links = await tenant.admin.downloads.links({ videoId });
    const top = links.files[0];
    if (!top) throw new Error('no link');
    expect(top.filename).toBe('Café Noir – part 1 (720p).mp4');

    const ranged = await fetch(top.url, { headers: { range: 'bytes=0-99' } });
    expect(ranged.status).toBe(206);
    expect(ranged.headers.get('content-range')).toBe(`bytes 0-99/${top.bytes}`);
    expect(ranged.headers.get('content-type')).toBe('video/mp4');
    expect(ranged.headers.get('content-disposition')).toBe(`attachment; filename="Cafe Noir _ part 1 (720p).mp4"; filename*=UTF-8''Caf%C3%A9%20Noir%20%E2%80%93%20part%201%20%28720p%29.mp4`);
    const head = Buffer.from(await ranged.arrayBuffer());
    expect(head.length).toBe(100);
    expect(head.subarray(4, 8).toString('latin1')).toBe('ftyp');

    const whole = await fetch(top.url);
    expect(whole.status).toBe(200);
    expect((await whole.arrayBuffer()).byteLength).toBe(top.bytes);

    const unsigned = await fetch(top.url.slice(0, top.url.indexOf('?')));
    expect(unsigned.status).toBe(403);
    // A link names one file: it does not open the package next to it.
    const other = await fetch(top.url.replace('downloads/720p.mp4', 'master.m3u8'));
    expect(other.status).toBe(403);

    await platform.accessLog.flush();
    const lines = (await readFile(path.join(platform.dataDir, 'logs', 'edge-access.jsonl'), 'utf8'))
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { tenantId: string; path: string; status: number; bytes: number });
    const served = lines.filter((line) => line.path.endsWith('/downloads/720p.mp4') && line.tenantId === tenant.session.tenantId);
    expect(served.map((line) => [line.status, line.bytes])).toEqual([
      [206, 100],
      [200, top.bytes],
      [403, expect.any(Number)],
    ]);
  });

  it('are counted in the tenant’s stored bytes', async () => {
    const video = await tenant.admin.videos.get({ videoId });
    const downloads = await tenant.admin.downloads.get({ videoId });
    const [sample] = await storedBytesByTenant(platform.app.deps, tenant.session.tenantId);
    const renditionBytes = video.renditions.reduce((sum, rendition) => sum + rendition.bytes, 0);
    const audio = await platform.database.db.selectFrom('audio_tracks').select('bytes').where('video_id', '=', videoId).execute();
    const audioBytes = audio.reduce((sum, track) => sum + Number(track.bytes), 0);
    expect(audioBytes).toBeGreaterThan(0);
    expect(sample?.renditionBytes).toBe(renditionBytes + audioBytes + downloads.files.reduce((sum, file) => sum + file.bytes, 0));
  });

  it('switched off: the files are deleted and links refused; on again: remade from the package by the job', async () => {
    const before = await tenant.admin.downloads.links({ videoId });
    const off = await tenant.admin.downloads.setEnabled({ videoId, enabled: false });
    expect(off).toMatchObject({ enabled: false, status: 'none', files: [] });
    await expect(stat(storeFile(`t/${tenant.session.tenantId}/v/${videoId}/downloads/720p.mp4`))).rejects.toThrow();
    expect((await fetch(before.files[0]?.url ?? '')).status).toBe(404);
    await expect(tenant.admin.downloads.links({ videoId })).rejects.toMatchObject({ code: 'PRECONDITION_FAILED', message: expect.stringMatching(/Downloads are off/) });

    const on = await tenant.admin.downloads.setEnabled({ videoId, enabled: true });
    expect(on).toMatchObject({ enabled: true, status: 'processing' });
    const made = await waitDownloads(videoId);
    expect(made.files.map((file) => file.name)).toEqual(['720p', '360p']);
    const links = await tenant.admin.downloads.links({ videoId });
    const response = await fetch(links.files[1]?.url ?? '');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toContain('(360p).mp4');
  });
});

/** The SSIM of two images of the same size (1 is identical). */
async function ssim(a: string, b: string): Promise<number> {
  const { stderr } = await exec('ffmpeg', ['-hide_banner', '-i', a, '-i', b, '-lavfi', 'ssim', '-f', 'null', '-']);
  const match = /All:([\d.]+)/.exec(stderr);
  if (!match?.[1]) throw new Error(`no SSIM in: ${stderr}`);
  return Number(match[1]);
}

describe('clips', () => {
  let clipId: string;
  const START = 1.5;
  const END = 4;

  beforeAll(async () => {
    const clip = await tenant.admin.clips.create({ videoId, startSeconds: START, endSeconds: END });
    expect(clip).toMatchObject({ clipOf: videoId, status: 'queued', accessMode: 'token', title: `${TITLE} (clip 1.5 s–4 s)` });
    clipId = clip.id;
    await waitReady(clipId);
  }, 180_000);

  it('is a video of the range, exact at both edges (within a frame or two)', async () => {
    const clip = await tenant.admin.videos.get({ videoId: clipId });
    expect(Math.abs((clip.durationSeconds ?? 0) - (END - START))).toBeLessThanOrEqual(2 * FRAME);
    for (const rendition of clip.renditions) expect(Math.abs(rendition.durationSeconds - (END - START))).toBeLessThanOrEqual(2 * FRAME);
  });

  it('starts on the parent’s frame at the start time', async () => {
    const dir = platform.dataDir;
    const first = path.join(dir, 'clip-first.png');
    const playlist = storeFile(`t/${tenant.session.tenantId}/v/${clipId}/720p/index.m3u8`);
    await ffmpeg(['-allowed_extensions', 'ALL', '-i', playlist, '-frames:v', '1', first]);
    const frameAt = async (seconds: number) => {
      const out = path.join(dir, `source-${seconds.toFixed(3)}.png`);
      await ffmpeg(['-ss', seconds.toFixed(6), '-i', sourceFile, '-frames:v', '1', out]);
      return out;
    };
    const atStart = await ssim(first, await frameAt(START));
    const before = await ssim(first, await frameAt(START - 3 * FRAME));
    const after = await ssim(first, await frameAt(START + 3 * FRAME));
    expect(atStart).toBeGreaterThan(0.9);
    expect(atStart).toBeGreaterThan(before);
    expect(atStart).toBeGreaterThan(after);
  });

  it('bills transcode minutes for the clip’s length', async () => {
    const events = await platform.database.db.selectFrom('usage_events').select(['details']).where('video_id', '=', clipId).where('meter', '=', 'transcode').execute();
    expect(events.length).toBeGreaterThan(0);
    for (const event of events) expect(Math.abs(Number((event.details as { durationSeconds: number }).durationSeconds) - (END - START))).toBeLessThanOrEqual(2 * FRAME);
  });

  it('refuses a range outside the video, reversed or too short, and a video that is not ready, saying what to change', async () => {
    const attempt = (startSeconds: number, endSeconds: number) => tenant.admin.clips.create({ videoId, startSeconds, endSeconds });
    await expect(attempt(2, 9)).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringMatching(/ends at 9 s, after the end of the video \(6(\.\d+)? s\)\. Choose an end at or before/) });
    await expect(attempt(3, 2)).rejects.toMatchObject({ code: 'BAD_REQUEST', message: 'The clip ends (2 s) before it starts (3 s). Choose an end after the start.' });
    await expect(attempt(2, 2.5)).rejects.toMatchObject({ code: 'BAD_REQUEST', message: 'The clip is 0.5 s long; a clip must be at least 1 s. Move the start or the end.' });
    await expect(attempt(7, 8)).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringMatching(/starts at 7 s, but the video is only/) });
    const pending = (await tenant.admin.videos.createUpload({ filename: 'pending.mp4', size: 1000 })).videoId;
    await expect(tenant.admin.clips.create({ videoId: pending, startSeconds: 0, endSeconds: 1 })).rejects.toMatchObject({
      code: 'PRECONDITION_FAILED',
      message: '"pending" is uploading: a clip can be made once the video is ready.',
    });
  });

  it('keeps the original it shares with its parent until the last of them is deleted', async () => {
    const parent = await platform.database.db.selectFrom('videos').select('source_key').where('id', '=', videoId).executeTakeFirstOrThrow();
    await tenant.admin.videos.delete({ videoId });
    expect((await stat(storeFile(parent.source_key))).isFile()).toBe(true);
    await tenant.admin.videos.delete({ videoId: clipId });
    await expect(stat(storeFile(parent.source_key))).rejects.toThrow();
  });
});
