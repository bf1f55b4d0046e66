// Webhooks through the whole platform: the portal's tRPC calls register endpoints, a real upload and transcode record
// the events, the worker's dispatcher delivers them signed (verified with the standardwebhooks library) and in the
// video's order; a tenant's hanging receiver holds only its own few slots while another tenant is served at once.
import { createServer, type RequestListener, type Server } from 'node:http';
import path from 'node:path';
import { parseCidr, type Cidr } from '@ott/signing';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { makeClip } from '../support/media-fixtures.js';
import { signUpActiveTenant } from '../support/tenants.js';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.js';
import { uploadFile } from '../support/upload-file.js';
import { waitFor } from '../support/wait-for.js';

let platform: TestPlatform;
let tenantA: Awaited<ReturnType<typeof signUpActiveTenant>>;
let tenantB: Awaited<ReturnType<typeof signUpActiveTenant>>;
const servers: Server[] = [];

interface Received {
  headers: Record<string, string>;
  body: string;
  at: number;
}

async function receiver(respond: boolean | ((received: Received) => number) = true) {
  const received: Received[] = [];
  let open = 0;
  let maxOpen = 0;
  const handler: RequestListener = (request, response) => {
    open += 1;
    maxOpen = Math.max(maxOpen, open);
    response.on('close', () => (open -= 1));
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      const entry = { headers: request.headers as Record<string, string>, body, at: Date.now() };
      received.push(entry);
      // A receiver that accepts and never answers.
      if (respond === false) return;
      response.writeHead(respond === true ? 200 : respond(entry)).end();
    });
  };
  const server = createServer(handler);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return { url: `http://127.0.0.1:${address.port}/ott`, received, maxOpen: () => maxOpen, server };
}

const typeOf = (entry: Received) => (JSON.parse(entry.body) as { type: string }).type;

beforeAll(async () => {
  platform = await startTestPlatform({ outboundAllowedCidrs: [parseCidr('127.0.0.1/32') as Cidr] });
  await platform.startWorker();
  [tenantA, tenantB] = await Promise.all([signUpActiveTenant(platform, 'hooks-a'), signUpActiveTenant(platform, 'hooks-b')]);
});
afterAll(async () => {
  // Receivers stop accepting first, so the worker's last attempts end at once instead of at their deadline.
  const closed = servers.map((server) => new Promise((resolve) => server.close(resolve)));
  for (const server of servers) server.closeAllConnections();
  await platform?.close();
  await Promise.all(closed);
});

it('delivers signed upload and video events in the order they happened, up to video.ready, then updated and deleted', async () => {
  const hooks = await receiver();
  const { endpoint, secret } = await tenantA.admin.webhooks.create({
    url: hooks.url,
    description: 'backend',
    eventTypes: ['upload.created', 'upload.completed', 'video.created', 'video.ready', 'video.updated', 'video.deleted'],
  });
  expect(endpoint).toMatchObject({ status: 'enabled', eventTypes: ['upload.created', 'upload.completed', 'video.created', 'video.ready', 'video.updated', 'video.deleted'] });
  // Shown once: reading the endpoint never gives the secret again.
  expect(JSON.stringify(await tenantA.admin.webhooks.get({ endpointId: endpoint.id }))).not.toContain(secret.slice(6, 20));

  const videoId = await uploadFile(tenantA.admin, await makeClip(path.join(platform.dataDir, 'a.mp4'), { seconds: 2, width: 320, height: 240 }), { title: 'Hooked' });
  await waitFor(async () => (hooks.received.some((entry) => typeOf(entry) === 'video.ready') ? true : undefined), { what: 'video.ready delivered', timeoutMs: 90_000 });
  expect(hooks.received.map(typeOf)).toEqual(['video.created', 'upload.created', 'upload.completed', 'video.ready']);
  const verifier = new Webhook(secret);
  const bodies = hooks.received.map((entry) => verifier.verify(entry.body, entry.headers) as { id: string; type: string; data: Record<string, unknown> });
  expect(new Set(bodies.map((body) => body.id)).size).toBe(4);
  const ready = bodies[3];
  expect(ready?.data).toMatchObject({ id: videoId, title: 'Hooked', status: 'ready', playable: true, accessMode: 'public' });
  expect(ready?.data.durationSeconds).toBeGreaterThan(1);
  expect(JSON.stringify(bodies)).not.toMatch(/sources\/|source_key|sourceKey/);

  await tenantA.admin.videos.update({ videoId, title: 'Renamed' });
  await tenantA.admin.videos.delete({ videoId });
  await waitFor(async () => (hooks.received.length >= 6 ? true : undefined), { what: 'updated and deleted delivered' });
  expect(hooks.received.slice(4).map(typeOf)).toEqual(['video.updated', 'video.deleted']);
  expect((verifier.verify(hooks.received[4]?.body ?? '', hooks.received[4]?.headers ?? {}) as { data: { title: string } }).data.title).toBe('Renamed');

  // The delivery log shows each with its answer.
  const log = await tenantA.admin.webhooks.deliveries({ endpointId: endpoint.id });
  expect(log.data).toHaveLength(6);
  expect(log.data.every((delivery) => delivery.status === 'succeeded' && delivery.lastStatusCode === 200 && delivery.attemptLog.length === 1)).toBe(true);
});

it("a tenant's hanging receiver holds only its own few slots; another tenant's events arrive at once", async () => {
  const hanging = await receiver(false);
  const { endpoint: stuck } = await tenantA.admin.webhooks.create({ url: hanging.url });
  for (let i = 0; i < 8; i += 1) await tenantA.admin.webhooks.sendTest({ endpointId: stuck.id });
  await waitFor(async () => (hanging.received.length >= 4 ? true : undefined), { what: 'the hanging receiver to hold four requests' });

  const healthy = await receiver();
  const { endpoint, secret } = await tenantB.admin.webhooks.create({ url: healthy.url, eventTypes: ['viewer.invited'] });
  const sentAt = Date.now();
  const test = await tenantB.admin.webhooks.sendTest({ endpointId: endpoint.id });
  await waitFor(async () => (healthy.received.length > 0 ? true : undefined), { what: "B's test event", timeoutMs: 5000, intervalMs: 20 });
  const [delivered] = healthy.received;
  expect(new Webhook(secret).verify(delivered?.body ?? '', delivered?.headers ?? {})).toMatchObject({ id: test.eventId, type: 'webhook.test' });
  // Well inside the hanging receiver's 15 s deadline: B never waited for A.
  expect((delivered?.at ?? Infinity) - sentAt).toBeLessThan(5000);
  expect(hanging.maxOpen()).toBe(4);
  expect(hanging.received).toHaveLength(4);

  // Dropping the connections fails those attempts; each is recorded and scheduled again.
  hanging.server.closeAllConnections();
  await waitFor(
    async () => {
      const log = await tenantA.admin.webhooks.deliveries({ endpointId: stuck.id });
      const tried = log.data.filter((delivery) => delivery.attempts === 1);
      return tried.length >= 4 ? tried : undefined;
    },
    { what: 'the dropped attempts to be recorded' },
  ).then((tried) => {
    for (const delivery of tried) expect(delivery).toMatchObject({ status: 'pending', lastError: expect.stringMatching(/connection|timeout/) });
  });
});
