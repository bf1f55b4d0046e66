// Import from a URL over real HTTP: a file served by a local server becomes a ready video; every refusal (a private
// address, a redirect to one, a 404, a file over the limit, a server that never finishes) fails the video with a
// reason the tenant can act on, and nothing else is fetched.
import { once } from 'node:events';
import { readFile, rm, mkdtemp } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseCidr } from '@ott/signing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GuardedOutboundHttp } from '../../src/adapters/http/guarded-outbound-http.js';
import { importVideo } from '../../src/jobs/handlers/import-video.js';
import type { OutboundHttp } from '../../src/ports.js';
import { makeClip } from '../support/media-fixtures.js';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.js';
import { testLogger } from '../support/test-logger.js';
import { signUpActiveTenant } from '../support/tenants.js';
import { waitFor } from '../support/wait-for.js';

let platform: TestPlatform;
let scratch: string;
let server: Server;
let base: string;
let admin: Awaited<ReturnType<typeof signUpActiveTenant>>['admin'];
let requests: string[] = [];
const hanging = new Set<import('node:http').ServerResponse>();

/** A lowered size limit, so "larger than the plan allows" needs megabytes, not the Free plan's 2 GB. */
const TEST_LIMIT_BYTES = 1024 * 1024;

function limited(outbound: OutboundHttp): OutboundHttp {
  return { request: (request) => outbound.request({ ...request, maxResponseBytes: Math.min(request.maxResponseBytes, TEST_LIMIT_BYTES) }) };
}

const loopbackAllowed = () => limited(new GuardedOutboundHttp({ allowedCidrs: [parseCidr('127.0.0.1/32')!] }));

beforeAll(async () => {
  platform = await startTestPlatform();
  platform.app.deps.uploads = { ...platform.app.deps.uploads, importTimeoutSeconds: 2 };
  await platform.startWorker();
  scratch = await mkdtemp(path.join(tmpdir(), 'ott-import-'));
  const clip = await readFile(await makeClip(path.join(scratch, 'clip.mp4'), { seconds: 2, width: 320, height: 240 }));
  server = createServer((request, response) => {
    requests.push(request.url ?? '');
    if (request.url === '/films/clip.mp4') return void response.writeHead(200, { 'Content-Type': 'video/mp4' }).end(clip);
    if (request.url === '/moved') return void response.writeHead(302, { Location: '/films/clip.mp4' }).end();
    if (request.url === '/to-private') return void response.writeHead(302, { Location: 'http://10.0.0.5/films/clip.mp4' }).end();
    if (request.url === '/big.mp4') return void response.writeHead(200).end(Buffer.alloc(TEST_LIMIT_BYTES + 1));
    if (request.url === '/hang.mp4') {
      // Headers and a first byte, then nothing: the deadline must end it.
      response.writeHead(200, { 'Content-Length': '1000' }).write('x');
      return void hanging.add(response);
    }
    response.writeHead(404).end('no such film');
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  ({ admin } = await signUpActiveTenant(platform, 'importer'));
});
afterAll(async () => {
  for (const response of hanging) response.destroy();
  server?.closeAllConnections();
  server?.close();
  await platform?.close();
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

async function settled(videoId: string) {
  return waitFor(
    async () => {
      const video = await admin.videos.get({ videoId });
      return video.status === 'ready' || video.status === 'failed' ? video : undefined;
    },
    { what: `video ${videoId} to be ready or failed`, timeoutMs: 60_000 },
  );
}

describe('import from a URL', () => {
  it('fetches the file (following a redirect), and it becomes a ready video', async () => {
    platform.app.deps.outbound = loopbackAllowed();
    // Events are recorded for subscribed endpoints only: one (never reachable) subscribes to the video's.
    await admin.webhooks.create({ url: 'http://10.255.0.3/hook', eventTypes: ['video.created', 'video.ready'] });
    const video = await admin.videos.importFromUrl({ url: `${base}/moved`, title: 'Imported', accessMode: 'viewers' });
    expect(video).toMatchObject({ status: 'queued', title: 'Imported', accessMode: 'viewers' });
    const done = await settled(video.id);
    expect(done).toMatchObject({ status: 'ready', failureReason: null });
    expect(done.sourceSize).toBeGreaterThan(1000);
    expect(done.renditions.length).toBeGreaterThan(0);
    expect(requests).toContain('/films/clip.mp4');
    // Announced like an upload's video: created, then ready, in order.
    const events = await platform.database.db.selectFrom('webhook_events').select('type').where('ordering_key', '=', video.id).orderBy('created_at').orderBy('id').execute();
    expect(events.map((event) => event.type).filter((type) => type === 'video.created' || type === 'video.ready')).toEqual(['video.created', 'video.ready']);

    // The job run again (a retry after a lost acknowledgement): nothing is fetched again, nothing changes.
    const fetched = requests.length;
    await importVideo(
      { type: 'import-video', tenantId: (await admin.tenants.me()).id, videoId: video.id },
      { retryCount: 1, isLast: false, signal: new AbortController().signal },
      { deps: platform.app.deps, deliveryLogs: {}, log: testLogger },
    );
    expect(requests.length).toBe(fetched);
    expect(await admin.videos.get({ videoId: video.id })).toMatchObject({ status: 'ready', sourceSize: done.sourceSize });
  });

  it('names the file from the address when no title is given', async () => {
    platform.app.deps.outbound = loopbackAllowed();
    const video = await admin.videos.importFromUrl({ url: `${base}/films/clip.mp4` });
    expect(video).toMatchObject({ title: 'clip', sourceFilename: 'clip.mp4' });
    expect((await settled(video.id)).status).toBe('ready');
  });

  it('refuses a loopback address when no allow list lets it through, saying why', async () => {
    platform.app.deps.outbound = limited(new GuardedOutboundHttp());
    requests = [];
    const video = await admin.videos.importFromUrl({ url: `${base}/films/clip.mp4` });
    const failed = await settled(video.id);
    expect(failed.status).toBe('failed');
    expect(failed.failureReason).toMatch(/127\.0\.0\.1 is a private, loopback.*Imports must come from the public internet/);
    expect(requests).toEqual([]);
  });

  it('refuses a redirect to a private address, a 404, a file over the limit and a server that never finishes', async () => {
    platform.app.deps.outbound = loopbackAllowed();
    const cases: [string, RegExp][] = [
      ['/to-private', /10\.0\.0\.5 is a private.*public internet/],
      ['/missing.mp4', /answered 404 when asked for .*missing\.mp4/],
      ['/big.mp4', /larger than your Free plan's/],
      ['/hang.mp4', /did not send the whole file within 2 seconds/],
    ];
    const videos = await Promise.all(cases.map(([route]) => admin.videos.importFromUrl({ url: `${base}${route}` })));
    for (const [index, [route, reason]] of cases.entries()) {
      const failed = await settled(videos[index]?.id ?? '');
      expect(failed.status, route).toBe('failed');
      expect(failed.failureReason, route).toMatch(reason);
    }
  });

  it('refuses what is not an http(s) address at once', async () => {
    await expect(admin.videos.importFromUrl({ url: 'file:///etc/passwd' })).rejects.toThrow(/Only http:\/\/ and https:\/\/ addresses/);
    await expect(admin.videos.importFromUrl({ url: 'not a url' })).rejects.toThrow(/is not a web address/);
    await expect(admin.videos.importFromUrl({ url: 'https://user:pw@example.com/a.mp4' })).rejects.toThrow(/user name or password/);
  });
});
