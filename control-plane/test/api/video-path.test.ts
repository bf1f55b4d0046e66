// The video path in one process over real HTTP: upload in parts → ffmpeg ladder → signed playback through the edge.
import { readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeClip, probeStreams } from '../support/media-fixtures.js';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.js';
import { signUpActiveTenant } from '../support/tenants.js';
import { putPart, readPart, uploadFile } from '../support/upload-file.js';
import { waitFor } from '../support/wait-for.js';

let platform: TestPlatform;
let tenant: Awaited<ReturnType<typeof signUpActiveTenant>>;
let clip: string;

beforeAll(async () => {
  platform = await startTestPlatform();
  await platform.startWorker();
  tenant = await signUpActiveTenant(platform, 'videopath');
  clip = await makeClip(path.join(platform.dataDir, 'clip.mp4'), { seconds: 5, width: 1280, height: 720 });
});
afterAll(() => platform?.close());

async function waitUntilSettled(videoId: string) {
  const seen: number[] = [];
  const video = await waitFor(
    async () => {
      const current = await tenant.admin.videos.get({ videoId });
      if (current.status === 'processing') seen.push(current.progress);
      return current.status === 'ready' || current.status === 'failed' ? current : undefined;
    },
    { what: `video ${videoId} to finish`, timeoutMs: 120_000, intervalMs: 100 },
  );
  return { video, progressSeen: seen };
}

describe('upload → ladder → signed playback', () => {
  let videoId: string;

  it('transcodes an uploaded 720p clip into a 720p/480p/360p ladder with poster, thumbnails and storyboard', async () => {
    videoId = await uploadFile(tenant.admin, clip, { title: 'Launch teaser' });
    const { video, progressSeen } = await waitUntilSettled(videoId);
    expect(video).toMatchObject({ status: 'ready', title: 'Launch teaser', width: 1280, height: 720, progress: 1 });
    expect(video.durationSeconds).toBeGreaterThan(4.5);
    expect(video.renditions.map((rendition) => rendition.name)).toEqual(['720p', '480p', '360p']);
    // Video-only variants; the clip's audio is one stereo audio rendition.
    expect(video.renditions.every((rendition) => rendition.bytes > 0 && /^avc1\.[0-9a-f]{6}$/.test(rendition.codecs))).toBe(true);
    expect(video.audioTracks).toEqual([expect.objectContaining({ language: 'und', name: 'Audio 1', isDefault: true, channels: 2, status: 'ready' })]);
    expect(progressSeen.every((value, index) => index === 0 || value >= progressSeen[index - 1]!)).toBe(true);
    expect(video.assets?.thumbnails.length).toBeGreaterThan(0);
    // The original stays next to the outputs.
    const stored = await platform.database.db.selectFrom('videos').select('source_key').where('id', '=', videoId).executeTakeFirstOrThrow();
    expect((await stat(path.join(platform.dataDir, 'store', stored.source_key))).size).toBe((await stat(clip)).size);
  });

  it('authorises playback and the edge serves the master playlist, a playable segment and the poster', async () => {
    const grant = await platform.caller().playback.authorize({ videoId });
    expect(grant.manifestUrl).toBe(`${platform.edgeUrl}/t/${tenant.session.tenantId}/v/${videoId}/master.m3u8`);
    expect(grant.cookies.map((cookie) => cookie.name)).toEqual(['CloudFront-Policy', 'CloudFront-Signature', 'CloudFront-Key-Pair-Id']);

    const master = await fetch(grant.signedManifestUrl);
    expect(master.status).toBe(200);
    expect(master.headers.get('content-type')).toContain('mpegurl');
    const playlist = await master.text();
    expect(playlist).toMatch(/#EXT-X-STREAM-INF:.*RESOLUTION=1280x720/);
    // Child URLs in the playlist carry the grant, so players that load them as written keep access.
    const mediaPath = playlist.split('\n').find((line) => !line.startsWith('#') && line.includes('.m3u8?'));
    // The audio rendition's URI attribute carries it too.
    expect(playlist).toContain(`URI="audio_1/index.m3u8?${grant.query}"`);
    expect(mediaPath).toContain(`?${grant.query}`);
    const mediaUrl = new URL(mediaPath!, grant.manifestUrl);
    const media = await (await fetch(mediaUrl)).text();
    const segment = media.split('\n').find((line) => line.includes('.m4s?'));
    const init = /#EXT-X-MAP:URI="([^"]+)"/.exec(media)?.[1];
    const [initBody, segmentBody] = await Promise.all(
      [init!, segment!].map(async (file) => {
        const response = await fetch(new URL(file, mediaUrl));
        expect(response.status).toBe(200);
        return Buffer.from(await response.arrayBuffer());
      }),
    );
    const playable = path.join(platform.dataDir, 'segment.mp4');
    await writeFile(playable, Buffer.concat([initBody!, segmentBody!]));
    expect(await probeStreams(playable)).toEqual(expect.arrayContaining([expect.objectContaining({ codec_type: 'video', codec_name: 'h264', height: 720 })]));

    // Cookies work as well as the query string.
    const cookieHeader = grant.cookies.map((cookie) => `${cookie.name}=${cookie.value}`).join('; ');
    expect((await fetch(grant.manifestUrl, { headers: { cookie: cookieHeader } })).status).toBe(200);
    const poster = await fetch(`${platform.edgeUrl}/t/${tenant.session.tenantId}/v/${videoId}/poster.jpg?${grant.query}`);
    expect(poster.headers.get('content-type')).toBe('image/jpeg');
    // Without the signature: refused.
    expect((await fetch(grant.manifestUrl)).status).toBe(403);
  });

  it('logs the bytes each response sent, per tenant and video, for metering', async () => {
    await platform.accessLog.flush();
    const lines = (await readFile(path.join(platform.dataDir, 'logs', 'edge-access.jsonl'), 'utf8'))
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { tenantId: string; videoId: string; status: number; bytes: number; path: string });
    const served = lines.filter((line) => line.videoId === videoId && line.status === 200);
    expect(served.length).toBeGreaterThanOrEqual(5);
    expect(served.every((line) => line.tenantId === tenant.session.tenantId && line.bytes > 0)).toBe(true);
  });

  it('lists the library with search and reports a video that is not ready yet', async () => {
    const list = await tenant.admin.videos.list({ search: 'teaser', limit: 10 });
    expect(list.data.map((video) => video.id)).toEqual([videoId]);
    const ticket = await tenant.admin.videos.createUpload({ filename: 'later.mp4', size: 1000 });
    await expect(platform.caller().playback.authorize({ videoId: ticket.videoId })).rejects.toMatchObject({ code: 'PRECONDITION_FAILED', message: expect.stringContaining('not ready yet') });
  });
});

describe('resumable multipart upload', () => {
  it('lists stored parts after an interruption, refuses to complete with parts missing, then completes', async () => {
    const big = await makeClip(path.join(platform.dataDir, 'big.mp4'), { seconds: 4, width: 1280, height: 720, bitrate: '40M', audio: false });
    const size = (await stat(big)).size;
    const ticket = await tenant.admin.videos.createUpload({ filename: 'big.mp4', size });
    expect(ticket.partCount).toBeGreaterThanOrEqual(2);

    // First session: only part 1 gets through.
    const first = ticket.parts[0]!;
    expect((await putPart(first.url, await readPart(big, ticket.partSize, 1))).status).toBe(200);
    await expect(tenant.admin.videos.completeUpload({ videoId: ticket.videoId })).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringMatching(/parts are not uploaded yet \(part/) });

    // A restarted client asks what is stored and sends only the rest, with fresh URLs.
    const stored = await tenant.admin.videos.listParts({ videoId: ticket.videoId });
    expect(stored.parts.map((part) => part.partNumber)).toEqual([1]);
    const missing = Array.from({ length: ticket.partCount }, (_, index) => index + 1).filter((number) => !stored.parts.some((part) => part.partNumber === number));
    const fresh = await tenant.admin.videos.partUrls({ videoId: ticket.videoId, partNumbers: missing });
    for (const part of fresh.parts) expect((await putPart(part.url, await readPart(big, ticket.partSize, part.partNumber))).status).toBe(200);
    await tenant.admin.videos.completeUpload({ videoId: ticket.videoId });

    const source = await platform.database.db.selectFrom('videos').select('source_key').where('id', '=', ticket.videoId).executeTakeFirstOrThrow();
    expect((await readFile(path.join(platform.dataDir, 'store', source.source_key))).equals(await readFile(big))).toBe(true);
    const { video } = await waitUntilSettled(ticket.videoId);
    expect(video.status).toBe('ready');
  });

  it('refuses tampered and expired part URLs', async () => {
    const ticket = await tenant.admin.videos.createUpload({ filename: 'x.mp4', size: 10 });
    const tampered = ticket.parts[0]!.url.replace(/partNumber=1/, 'partNumber=2');
    expect((await putPart(tampered, Buffer.alloc(10))).status).toBe(403);
    const expired = new URL(ticket.parts[0]!.url);
    expired.searchParams.set('expires', '1000');
    const response = await putPart(expired.toString(), Buffer.alloc(10));
    expect(response.status).toBe(403);
  });

  it('refuses a file over the plan limit before anything is uploaded', async () => {
    await expect(tenant.admin.videos.createUpload({ filename: 'feature.mov', size: 3.2e9 })).rejects.toMatchObject({
      code: 'PAYLOAD_TOO_LARGE',
      message: 'feature.mov is 3.2 GB; the Free plan accepts files up to 2 GB. Upgrade your plan or upload a smaller file.',
    });
  });
});

describe('players that drop the query string of child URLs', () => {
  it('can play the signed master URL as is: ffprobe (ffmpeg’s HLS demuxer) reads the stream through the edge', async () => {
    const [video] = (await tenant.admin.videos.list({ status: 'ready', limit: 1 })).data;
    const grant = await platform.caller().playback.authorize({ videoId: video!.id });
    const streams = await probeStreams(grant.signedManifestUrl);
    expect(streams.some((stream) => stream.codec_type === 'video' && stream.codec_name === 'h264')).toBe(true);
  });
});
