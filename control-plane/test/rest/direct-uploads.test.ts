// Direct uploads and URL imports over the REST API, as a tenant's backend and a browser see them over real HTTP: the
// backend's key creates and cancels; the browser routes take no key, answer CORS to the one origin named (never with
// credentials), refuse a file over the limit (413), an expired or used-up upload (409, saying so), and reach nothing
// but their own upload.
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeClip } from '../support/media-fixtures.js';
import { rest } from '../support/rest-client.js';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.js';
import { signUpActiveTenant } from '../support/tenants.js';
import { putPart, readPart } from '../support/upload-file.js';
import { waitFor } from '../support/wait-for.js';

interface DirectUpload {
  id: string;
  url: string;
  status: string;
  videoId: string | null;
  corsOrigin: string | null;
}
interface Ticket {
  videoId: string;
  partSize: number;
  parts: { partNumber: number; url: string }[];
}
interface ErrorBody {
  error: { code: string; message: string; details?: Record<string, unknown> };
}

const SITE = 'https://shop.example.com';

let platform: TestPlatform;
let scratch: string;
let clip: string;
let key: string;
let readOnlyKey: string;
let otherKey: string;

beforeAll(async () => {
  platform = await startTestPlatform();
  await platform.startWorker();
  scratch = await mkdtemp(path.join(tmpdir(), 'ott-rest-direct-'));
  clip = await makeClip(path.join(scratch, 'clip.mp4'), { seconds: 2, width: 320, height: 240 });
  const [tenant, other] = await Promise.all([signUpActiveTenant(platform, 'rest-direct'), signUpActiveTenant(platform, 'rest-other')]);
  key = (await tenant.admin.apiKeys.create({ name: 'backend', scopes: ['upload', 'read'] })).key;
  readOnlyKey = (await tenant.admin.apiKeys.create({ name: 'reader', scopes: ['read'] })).key;
  otherKey = (await other.admin.apiKeys.create({ name: 'other backend', scopes: ['upload'] })).key;
});
afterAll(async () => {
  await platform?.close();
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

const browserPath = (upload: { id: string }, step: string) => `/v1/direct-uploads/${upload.id}/${step}`;

async function createDirectUpload(body: Record<string, unknown> = {}): Promise<DirectUpload> {
  const created = await rest<DirectUpload>(platform.apiUrl, 'POST', '/v1/direct-uploads', { key, body });
  expect(created.status).toBe(201);
  return created.body;
}

describe('direct uploads over REST', () => {
  it('lets a browser holding only the URL send one file that becomes a video', async () => {
    const upload = await createDirectUpload({ corsOrigin: SITE, title: 'Sent by a customer', passthrough: 'customer-7' });
    expect(upload).toMatchObject({ status: 'waiting', corsOrigin: SITE, url: `${platform.apiUrl}/v1/direct-uploads/${upload.id}` });

    const { size } = await stat(clip);
    const started = await rest<Ticket>(platform.apiUrl, 'POST', browserPath(upload, 'start'), { body: { filename: 'clip.mp4', size }, headers: { origin: SITE } });
    expect(started.status).toBe(200);
    expect(started.headers.get('access-control-allow-origin')).toBe(SITE);
    expect(started.headers.get('access-control-allow-credentials')).toBeNull();
    for (const part of started.body.parts) expect((await putPart(part.url, await readPart(clip, started.body.partSize, part.partNumber))).status).toBe(200);
    const completed = await rest(platform.apiUrl, 'POST', browserPath(upload, 'complete'), { headers: { origin: SITE } });
    expect(completed).toMatchObject({ status: 200, body: { videoId: started.body.videoId, status: 'queued' } });

    const ready = await waitFor(
      async () => {
        const status = await rest<{ video: { status: string } | null }>(platform.apiUrl, 'GET', browserPath(upload, 'status'));
        return status.body.video?.status === 'ready' ? status.body : undefined;
      },
      { what: 'the direct upload video to be ready', timeoutMs: 60_000 },
    );
    // The browser learns its upload's progress, never the backend's settings.
    expect(JSON.stringify(ready)).not.toContain('customer-7');
    const video = await rest(platform.apiUrl, 'GET', `/v1/videos/${started.body.videoId}`, { key });
    expect(video.body).toMatchObject({ title: 'Sent by a customer', status: 'ready' });
    expect((await rest(platform.apiUrl, 'GET', `/v1/direct-uploads/${upload.id}`, { key })).body).toMatchObject({ status: 'completed', videoId: started.body.videoId, passthrough: 'customer-7' });

    // Used up: a second video is refused, saying why.
    const second = await rest<ErrorBody>(platform.apiUrl, 'POST', browserPath(upload, 'start'), { body: { filename: 'other.mp4', size: 1000 } });
    expect(second.status).toBe(409);
    expect(second.body.error.message).toMatch(/takes one/);
  });

  it('answers CORS only to the origin it was made for, and never with credentials', async () => {
    const upload = await createDirectUpload({ corsOrigin: SITE });
    const preflight = (origin: string) =>
      fetch(`${platform.apiUrl}${browserPath(upload, 'start')}`, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' } });
    const granted = await preflight(SITE);
    expect(granted.status).toBe(204);
    expect(granted.headers.get('access-control-allow-origin')).toBe(SITE);
    expect(granted.headers.get('access-control-allow-methods')).toContain('POST');
    expect(granted.headers.get('access-control-allow-credentials')).toBeNull();
    const elsewhere = await preflight('https://attacker.example');
    expect(elsewhere.headers.get('access-control-allow-origin')).toBeNull();
    const status = await rest(platform.apiUrl, 'GET', browserPath(upload, 'status'), { headers: { origin: 'https://attacker.example' } });
    expect(status.headers.get('access-control-allow-origin')).toBeNull();

    // Made without an origin: no page may use it.
    const forApps = await createDirectUpload();
    expect((await rest(platform.apiUrl, 'GET', browserPath(forApps, 'status'), { headers: { origin: SITE } })).headers.get('access-control-allow-origin')).toBeNull();
    // Key routes never answer CORS.
    expect((await rest(platform.apiUrl, 'GET', `/v1/direct-uploads/${upload.id}`, { key, headers: { origin: SITE } })).headers.get('access-control-allow-origin')).toBeNull();
  });

  it('refuses a file over the limit, an expired or cancelled upload, and an unknown id, saying so', async () => {
    const small = await createDirectUpload({ maxSizeBytes: 1000 });
    const tooBig = await rest<ErrorBody>(platform.apiUrl, 'POST', browserPath(small, 'start'), { body: { filename: 'big.mp4', size: 5000 } });
    expect(tooBig.status).toBe(413);
    expect(tooBig.body.error).toMatchObject({ code: 'payload_too_large', message: expect.stringMatching(/big\.mp4 is 5 kB; this upload accepts files up to 1 kB/i) });

    const late = await createDirectUpload();
    await platform.database.db
      .updateTable('direct_uploads')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where('id', '=', late.id)
      .execute();
    const expired = await rest<ErrorBody>(platform.apiUrl, 'POST', browserPath(late, 'start'), { body: { filename: 'late.mp4', size: 100 } });
    expect(expired.status).toBe(409);
    expect(expired.body.error.message).toMatch(/expired at .* Ask the site for a new upload/);
    expect((await rest(platform.apiUrl, 'GET', `/v1/direct-uploads/${late.id}`, { key })).body).toMatchObject({ status: 'expired' });

    const cancelled = await createDirectUpload();
    expect((await rest(platform.apiUrl, 'POST', `/v1/direct-uploads/${cancelled.id}/cancel`, { key })).body).toMatchObject({ status: 'cancelled' });
    const refused = await rest<ErrorBody>(platform.apiUrl, 'POST', browserPath(cancelled, 'start'), { body: { filename: 'x.mp4', size: 100 } });
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toMatch(/cancelled/);

    const unknown = await rest<ErrorBody>(platform.apiUrl, 'GET', `/v1/direct-uploads/du_${'A'.repeat(32)}/status`);
    expect(unknown.status).toBe(404);
    const oversizedBody = await rest<ErrorBody>(platform.apiUrl, 'POST', browserPath(small, 'start'), { body: JSON.stringify({ filename: 'x'.repeat(20_000), size: 1 }) });
    expect(oversizedBody.status).toBe(413);
  });

  it('keeps each tenant to its own direct uploads and needs the upload scope', async () => {
    const upload = await createDirectUpload();
    expect((await rest(platform.apiUrl, 'GET', `/v1/direct-uploads/${upload.id}`, { key: otherKey })).status).toBe(404);
    expect((await rest(platform.apiUrl, 'POST', `/v1/direct-uploads/${upload.id}/cancel`, { key: otherKey })).status).toBe(404);
    expect((await rest<{ data: { id: string }[] }>(platform.apiUrl, 'GET', '/v1/direct-uploads', { key: otherKey })).body.data.map((listed) => listed.id)).not.toContain(upload.id);
    expect((await rest<{ data: { id: string }[] }>(platform.apiUrl, 'GET', '/v1/direct-uploads?limit=200', { key })).body.data.map((listed) => listed.id)).toContain(upload.id);
    const noScope = await rest<ErrorBody>(platform.apiUrl, 'POST', '/v1/direct-uploads', { key: readOnlyKey, body: {} });
    expect(noScope.status).toBe(403);
    expect(noScope.body.error.details).toMatchObject({ scope: 'upload' });
    const unknownField = await rest<ErrorBody>(platform.apiUrl, 'POST', '/v1/direct-uploads', { key, body: { corsOrigins: [SITE] } });
    expect(unknownField.status).toBe(400);
    expect(unknownField.body.error.details).toMatchObject({ field: 'body.corsOrigins' });
  });
});

describe('import from a URL over REST', () => {
  it('accepts the address at once (202) and refuses what is not http(s)', async () => {
    // No allow list on this platform: the loopback address is refused by the job, with the reason on the video.
    const accepted = await rest<{ id: string; status: string }>(platform.apiUrl, 'POST', '/v1/videos/import', { key, body: { url: `${platform.apiUrl}/films/a.mp4` } });
    expect(accepted.status).toBe(202);
    expect(accepted.body.status).toBe('queued');
    const failed = await waitFor(
      async () => {
        const video = await rest<{ status: string; failureReason: string | null }>(platform.apiUrl, 'GET', `/v1/videos/${accepted.body.id}`, { key });
        return video.body.status === 'failed' ? video.body : undefined;
      },
      { what: 'the import to fail' },
    );
    expect(failed.failureReason).toMatch(/127\.0\.0\.1 is a private, loopback.*public internet/);
    const refused = await rest<ErrorBody>(platform.apiUrl, 'POST', '/v1/videos/import', { key, body: { url: 'ftp://example.com/a.mp4' } });
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toMatch(/Only http:\/\/ and https:\/\//);
  });
});

describe('the browser routes under load from one address', () => {
  it('are rate-limited per client address, with Retry-After', async () => {
    const path = `/v1/direct-uploads/du_${'B'.repeat(32)}/status`;
    let limited: Response | undefined;
    for (let attempt = 0; attempt < 400 && !limited; attempt += 1) {
      const response = await fetch(`${platform.apiUrl}${path}`);
      if (response.status === 429) limited = response;
      else await response.arrayBuffer();
    }
    expect(limited, 'a 429 within 400 requests a minute').toBeDefined();
    expect(Number(limited?.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(((await limited?.json()) as ErrorBody).error).toMatchObject({ code: 'rate_limited', message: expect.stringMatching(/Too many requests from this address/) });
  });
});
