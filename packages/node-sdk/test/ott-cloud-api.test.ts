// The client against a real control plane (API, worker and edge in this process, real PostgreSQL, real ffmpeg):
// a file uploaded with uploadFile becomes a ready video, announced by a signed video.ready that verifyWebhook
// accepts on a local receiver; lists page with all(); changes, deletes, direct uploads and playback tokens go
// through; and the API's refusals arrive as OttApiError with the code and details a caller branches on.
import { execFile } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { parseCidr, type Cidr } from '@ott/signing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeClip } from '@ott/control-plane/test-support/media-fixtures';
import { signUpActiveTenant } from '@ott/control-plane/test-support/tenants';
import { startTestPlatform, type TestPlatform } from '@ott/control-plane/test-support/test-platform';
import { waitFor } from '@ott/control-plane/test-support/wait-for';
import { OttApiError, OttCloud, verifyWebhook, WebhookVerificationError } from '../src/index.js';

let platform: TestPlatform;
let ott: OttCloud;
let apiKey: string;
let readOnly: OttCloud;
let clip: string;
let receiver: Server;
let webhookSecret: string;
/** Every delivery the local receiver got, exactly as it arrived. */
const deliveries: { headers: IncomingHttpHeaders; body: Buffer }[] = [];

beforeAll(async () => {
  // The receiver is on 127.0.0.1: allowed here as an operator would for local development.
  platform = await startTestPlatform({ outboundAllowedCidrs: [parseCidr('127.0.0.1/32') as Cidr] });
  await platform.startWorker();
  receiver = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      deliveries.push({ headers: request.headers, body: Buffer.concat(chunks) });
      response.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const tenant = await signUpActiveTenant(platform, 'sdk');
  const full = await tenant.admin.apiKeys.create({ name: 'sdk test', scopes: ['read', 'write', 'upload', 'playback', 'webhooks', 'viewers', 'usage'] });
  const reader = await tenant.admin.apiKeys.create({ name: 'sdk reader', scopes: ['read'] });
  apiKey = full.key;
  ott = new OttCloud({ apiKey: full.key, baseUrl: platform.apiUrl });
  readOnly = new OttCloud({ apiKey: reader.key, baseUrl: platform.apiUrl });
  const created = await ott.webhookEndpoints.create({ url: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`, eventTypes: ['video.ready'] });
  webhookSecret = created.secret;
  clip = await makeClip(path.join(await mkdtemp(path.join(tmpdir(), 'ott-sdk-')), 'clip.mp4'), { seconds: 2, width: 320, height: 180 });
});
afterAll(async () => {
  receiver?.close();
  await platform?.close();
});

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

  it('receives a signed video.ready that verifyWebhook accepts, and refuses the same delivery tampered with', async () => {
    const delivery = await waitFor(async () => deliveries.find((candidate) => candidate.body.includes(videoId)), { what: 'video.ready delivery', timeoutMs: 20_000 });
    const event = verifyWebhook<{ id: string; status: string }>(webhookSecret, delivery.headers, delivery.body);
    expect(event).toMatchObject({ type: 'video.ready', data: { id: videoId, status: 'ready' } });
    expect(event.id).toBe(delivery.headers['webhook-id']);
    expect(() => verifyWebhook(webhookSecret, delivery.headers, Buffer.from(delivery.body.toString().replace('ready', 'failed')))).toThrow(WebhookVerificationError);
  });

  it('creates, reads and cancels a direct upload, and signs a playback token', async () => {
    const direct = await ott.directUploads.create({ corsOrigin: 'https://app.example.com', title: 'From the app' }, { idempotencyKey: 'sdk-direct-1' });
    expect(direct).toMatchObject({ corsOrigin: 'https://app.example.com', status: 'waiting' });
    expect(await ott.directUploads.create({ corsOrigin: 'https://app.example.com', title: 'From the app' }, { idempotencyKey: 'sdk-direct-1' })).toEqual(direct);
    expect(await ott.directUploads.get(direct.id)).toMatchObject({ id: direct.id, status: 'waiting' });
    expect(await ott.directUploads.cancel(direct.id)).toMatchObject({ id: direct.id, status: 'cancelled' });

    const token = await ott.playbackTokens.create({ videoId, expiresInSeconds: 600 });
    expect(token.embedHtml).toContain(token.token);
    expect(token.playbackUrl).toMatch(/master\.m3u8/);
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
    expect(await ott.chapters.set(videoId, [{ startSeconds: 0, title: 'Opening' }])).toEqual({ chapters: [{ startSeconds: 0, title: 'Opening' }] });
    expect(await ott.chapters.get(videoId)).toEqual({ chapters: [{ startSeconds: 0, title: 'Opening' }] });
    expect((await ott.videos.imageUrl(videoId, { time: 0, width: 64 })).url).toMatch(/\/image\/0\/64\.jpg\?Policy=/);
    await ott.videos.delete(tickets[0]?.videoId ?? '');
    await expect(ott.videos.get(tickets[0]?.videoId ?? '')).rejects.toMatchObject({ status: 404, code: 'not_found' });
  });

  it('runs the sign-playback-token example as a tenant would, printing the embed HTML with a token', async () => {
    const example = fileURLToPath(new URL('../examples/sign-playback-token.ts', import.meta.url));
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', example, videoId], { env: { ...process.env, OTT_API_URL: platform.apiUrl, OTT_API_KEY: apiKey } });
    expect(stdout).toMatch(new RegExp(`<ott-player video-id="${videoId}"[^>]* credential="[^"]+"`));
  });

  it('invites, lists and removes a viewer, and reads usage by day', async () => {
    const invited = await ott.viewers.invite({ email: 'fan@sdk.example' });
    expect(invited).toEqual({ viewerId: expect.any(String), email: 'fan@sdk.example', status: 'invited' });
    const emails: string[] = [];
    for await (const viewer of ott.viewers.all()) emails.push(viewer.email);
    expect(emails).toContain('fan@sdk.example');
    await ott.viewers.remove(invited.viewerId);
    expect((await ott.viewers.list()).data.map((viewer) => viewer.email)).not.toContain('fan@sdk.example');
    const usage = await ott.usage.get({ days: 7 });
    expect(usage.days).toHaveLength(7);
    expect(usage.totals.transcodeMinutes).toBeGreaterThan(0);
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
