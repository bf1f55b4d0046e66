// End to end over real processes: sign up → upload a 5 s clip in parts → ready → authorise → playlist and
// segment through the edge (checked with ffprobe); forged, expired and cross-tenant grants refused with 403;
// a worker killed mid-transcode is replaced and the video still ends ready, without duplicates.
import { execFile } from 'node:child_process';
import { createPrivateKey } from 'node:crypto';
import { mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { getSignedUrl } from '@aws-sdk/cloudfront-signer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SecretBox } from '@ott/control-plane/internals/secret-box';
import { makeClip, probeStreams } from '@ott/control-plane/test-support/media-fixtures';
import { createTestDatabase, type TestDatabase } from '@ott/control-plane/test-support/test-database';
import { readPart } from '@ott/control-plane/test-support/upload-file';
import { waitFor } from '@ott/control-plane/test-support/wait-for';
import { apiClient, type ApiClient } from '../support/api-client.js';
import { startPlatformProcesses, type PlatformProcesses } from '../support/platform-processes.js';

let database: TestDatabase;
let dataDir: string;
let platform: PlatformProcesses;

beforeAll(async () => {
  database = await createTestDatabase();
  dataDir = await mkdtemp(path.join(tmpdir(), 'ott-e2e-'));
  platform = await startPlatformProcesses({ databaseUrl: database.url, dataDir, env: { OTT_X264_PRESET: 'veryfast', OTT_JOB_STALE_SECONDS: '3' } });
});
afterAll(async () => {
  await platform?.stop();
  await database?.drop();
  await rm(dataDir, { recursive: true, force: true });
});

/** Everything secret that went over the wire in this file; none of it may appear in any log. */
const secretsSeen: string[] = [];
const PASSWORD = 'a long enough password';

async function signUp(slug: string): Promise<{ api: ApiClient; tenantId: string }> {
  const session = await apiClient(platform.apiUrl).tenants.signup.mutate({ companyName: `${slug} Ltd`, slug, email: `owner@${slug}.example`, password: PASSWORD });
  // A bearer client's sign-up answers the refresh token in the body (the portal's stays in its cookie).
  secretsSeen.push(session.accessToken, ...(session.refreshToken ? [session.refreshToken] : []));
  const api = apiClient(platform.apiUrl, session.accessToken);
  await waitFor(async () => ((await api.tenants.me.query()).status === 'active' ? true : undefined), { what: `${slug} provisioning` });
  return { api, tenantId: session.tenantId };
}

async function upload(api: ApiClient, file: string): Promise<{ videoId: string; partCount: number }> {
  const { size } = await stat(file);
  const ticket = await api.videos.createUpload.mutate({ filename: path.basename(file), size });
  // Parts go in parallel, as the CLI and the portal send them.
  await Promise.all(
    ticket.parts.map(async (part) => {
      const response = await fetch(part.url, { method: 'PUT', body: new Uint8Array(await readPart(file, ticket.partSize, part.partNumber)) });
      expect(response.status).toBe(200);
    }),
  );
  await api.videos.completeUpload.mutate({ videoId: ticket.videoId });
  return { videoId: ticket.videoId, partCount: ticket.partCount };
}

async function settled(api: ApiClient, videoId: string, onProgress?: (status: string, progress: number) => Promise<void>) {
  return waitFor(
    async () => {
      const video = await api.videos.get.query({ videoId });
      await onProgress?.(video.status, video.progress);
      return video.status === 'ready' || video.status === 'failed' ? video : undefined;
    },
    { what: `video ${videoId}`, timeoutMs: 180_000, intervalMs: 100 },
  );
}

describe('the video path over real processes', () => {
  let alpha: { api: ApiClient; tenantId: string };
  let bravo: { api: ApiClient; tenantId: string };
  let videoId: string;

  it('uploads a 5 s clip in several parts and transcodes it', async () => {
    [alpha, bravo] = await Promise.all([signUp('alpha-e2e'), signUp('bravo-e2e')]);
    const clip = await makeClip(path.join(dataDir, 'five-seconds.mp4'), { seconds: 5, width: 1280, height: 720, bitrate: '30M' });
    const uploaded = await upload(alpha.api, clip);
    expect(uploaded.partCount).toBeGreaterThanOrEqual(2);
    videoId = uploaded.videoId;
    const video = await settled(alpha.api, videoId);
    expect(video.status).toBe('ready');
    expect(video.renditions.map((rendition) => `${rendition.width}x${rendition.height}`)).toEqual(['1280x720', '854x480', '640x360']);
  });

  it('serves the signed master playlist and a segment that ffprobe reads as 720p H.264', async () => {
    const grant = await apiClient(platform.apiUrl).playback.authorize.mutate({ videoId });
    const master = await fetch(grant.signedManifestUrl);
    expect(master.status).toBe(200);
    const text = await master.text();
    expect(text).toMatch(/^#EXTM3U/);
    expect(text).toMatch(/BANDWIDTH=\d+.*RESOLUTION=1280x720.*CODECS="avc1\.[0-9a-f]{6},mp4a\.40\.2"/);
    const mediaUrl = new URL(
      text.split('\n').find((line) => line.startsWith('720p/index.m3u8?'))!,
      grant.manifestUrl,
    );
    const media = await (await fetch(mediaUrl)).text();
    const segmentUrl = new URL(
      media.split('\n').find((line) => line.includes('.m4s?'))!,
      mediaUrl,
    );
    const init = Buffer.from(await (await fetch(new URL(/#EXT-X-MAP:URI="([^"]+)"/.exec(media)![1]!, mediaUrl))).arrayBuffer());
    const segment = await fetch(segmentUrl);
    expect(segment.status).toBe(200);
    expect(segment.headers.get('content-type')).toBe('video/iso.segment');
    const file = path.join(dataDir, 'probe.mp4');
    await writeFile(file, Buffer.concat([init, Buffer.from(await segment.arrayBuffer())]));
    // The variants are video only: the sound is an audio rendition the master names (EXT-X-MEDIA TYPE=AUDIO).
    expect(await probeStreams(file)).toEqual([expect.objectContaining({ codec_type: 'video', codec_name: 'h264', width: 1280, height: 720 })]);
    const audioUrl = new URL(/#EXT-X-MEDIA:TYPE=AUDIO,.*URI="([^"]+)"/.exec(text)![1]!, grant.manifestUrl);
    const audioMedia = await (await fetch(audioUrl)).text();
    const audioInit = Buffer.from(await (await fetch(new URL(/#EXT-X-MAP:URI="([^"]+)"/.exec(audioMedia)![1]!, audioUrl))).arrayBuffer());
    const audioSegment = Buffer.from(
      await (
        await fetch(
          new URL(
            audioMedia.split('\n').find((line) => line.includes('.m4s?'))!,
            audioUrl,
          ),
        )
      ).arrayBuffer(),
    );
    const audioFile = path.join(dataDir, 'probe-audio.mp4');
    await writeFile(audioFile, Buffer.concat([audioInit, audioSegment]));
    expect(await probeStreams(audioFile)).toEqual([expect.objectContaining({ codec_type: 'audio', codec_name: 'aac', channels: 2, sample_rate: '48000' })]);
    const { stdout } = await promisify(execFile)('ffprobe', ['-v', 'error', '-show_entries', 'format=duration', '-of', 'csv=p=0', file]);
    // The first segment lasts a second (fast start): the video plays after one second of encoding.
    expect(Number(stdout)).toBeCloseTo(1, 1);
  });

  it('refuses a tampered signature, an expired policy and tenant A’s grant on tenant B’s path with 403', async () => {
    const grant = await apiClient(platform.apiUrl).playback.authorize.mutate({ videoId });
    const flipped = grant.signature.startsWith('A') ? `B${grant.signature.slice(1)}` : `A${grant.signature.slice(1)}`;
    const tampered = `${grant.manifestUrl}?${new URLSearchParams({ Policy: grant.policy, Signature: flipped, 'Key-Pair-Id': grant.keyPairId })}`;
    expect((await fetch(tampered)).status).toBe(403);

    // An expired policy, correctly signed with the tenant's own key (as an old, saved URL would be).
    const key = await database.db.selectFrom('tenant_signing_keys').selectAll().where('tenant_id', '=', alpha.tenantId).executeTakeFirstOrThrow();
    const privateKey = createPrivateKey(new SecretBox(platform.masterKey).open(key.private_key_sealed));
    const expired = getSignedUrl({
      url: grant.manifestUrl,
      keyPairId: key.key_pair_id,
      privateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
      policy: JSON.stringify({
        Statement: [{ Resource: `${platform.edgeUrl}/t/${alpha.tenantId}/v/${videoId}/*`, Condition: { DateLessThan: { 'AWS:EpochTime': Math.floor(Date.now() / 1000) - 60 } } }],
      }),
    });
    const refused = await fetch(expired);
    expect(refused.status).toBe(403);
    expect(await refused.text()).toMatch(/expired/);

    const crossTenant = `${grant.manifestUrl.replace(alpha.tenantId, bravo.tenantId)}?${grant.query}`;
    expect((await fetch(crossTenant)).status).toBe(403);
  });

  it('finishes a transcode whose worker was killed, with no duplicate renditions or leftover files', async () => {
    const clip = await makeClip(path.join(dataDir, 'ten-seconds.mp4'), { seconds: 10, width: 1920, height: 1080 });
    const { videoId: longVideo } = await upload(alpha.api, clip);
    let killed = false;
    const video = await settled(alpha.api, longVideo, async (status, progress) => {
      if (!killed && status === 'processing' && progress > 0.05) {
        killed = true;
        await platform.kill('worker', 'SIGKILL');
        await platform.start('worker');
      }
    });
    expect(killed).toBe(true);
    expect(video.status).toBe('ready');
    const names = video.renditions.map((rendition) => rendition.name);
    expect(names).toEqual(['1080p', '720p', '480p', '360p']);
    const rows = await database.db.selectFrom('renditions').select('name').where('video_id', '=', longVideo).execute();
    expect(rows).toHaveLength(4);
    const published = await readdir(path.join(dataDir, 'store', 't', alpha.tenantId, 'v', longVideo));
    expect(published.filter((entry) => entry.endsWith('.tmp'))).toEqual([]);
    expect(published).toEqual(expect.arrayContaining(['master.m3u8', 'poster.jpg', '1080p', '360p']));
    expect((await readdir(tmpdir())).filter((entry) => entry.startsWith(`ott-transcode-${longVideo}-`))).toEqual([]);
  });

  it('never writes a secret to a log: keys, passwords, tokens, signatures', async () => {
    const grant = await apiClient(platform.apiUrl).playback.authorize.mutate({ videoId });
    await fetch(grant.signedManifestUrl);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const accessLog = await readFile(path.join(dataDir, 'logs', 'edge-access.jsonl'), 'utf8');
    const logs = `${platform.allOutput()}\n${accessLog}`;
    expect(accessLog.length).toBeGreaterThan(0);
    const secrets = {
      'master key': platform.masterKey.toString('base64'),
      'auth secret': platform.authSecret.toString('base64'),
      password: PASSWORD,
      'playback signature': grant.signature,
      ...Object.fromEntries(secretsSeen.map((secret, index) => [`token ${index}`, secret])),
    };
    const leaked = Object.entries(secrets)
      .filter(([, secret]) => logs.includes(secret))
      .map(([name]) => name);
    expect(leaked).toEqual([]);
    expect(logs).not.toMatch(/PRIVATE KEY|Signature=|Policy=/);
  });
});
