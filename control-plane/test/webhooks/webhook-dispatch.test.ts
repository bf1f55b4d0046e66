// Webhook delivery rules on a real database and real local receivers, with the clock in the test's hands: signatures
// that an independent Standard Webhooks implementation verifies (also across a secret rotation), retries with their
// recorded reasons, giving up, disabling after three days of failure, order per video, the per-endpoint bound and
// replay. No worker runs here: the test claims and attempts deliveries itself.
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type RequestListener, type Server, type ServerResponse } from 'node:http';
import { parseCidr, type Cidr } from '@ott/signing';
import { Webhook } from 'standardwebhooks';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { GuardedOutboundHttp } from '../../src/adapters/http/guarded-outbound-http.js';
import { SecretBox } from '../../src/crypto/secret-box.js';
import type { DomainDeps } from '../../src/domain/deps.js';
import { recordWebhookEvent } from '../../src/domain/webhooks/record-webhook-event.js';
import { MAX_ATTEMPTS } from '../../src/domain/webhooks/retry-schedule.js';
import { listDeliveries, replayDelivery } from '../../src/domain/webhooks/webhook-deliveries.js';
import { pruneWebhookHistory } from '../../src/domain/webhooks/webhook-history.js';
import { attemptDelivery, claimDueDeliveries } from '../../src/domain/webhooks/webhook-dispatch.js';
import { createEndpoint, getEndpoint, rotateEndpointSecret, updateEndpoint } from '../../src/domain/webhooks/webhook-endpoints.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

type Deps = Pick<DomainDeps, 'db' | 'secrets' | 'clock' | 'outbound'>;

let database: TestDatabase;
let deps: Deps;
let now = new Date();
const servers: Server[] = [];

interface Received {
  headers: Record<string, string>;
  body: string;
}

/** A receiver on 127.0.0.1 that records what it is sent and answers with `answer`. */
async function receiver(answer: (request: IncomingMessage, response: ServerResponse, received: Received) => void = (_request, response) => response.end('ok')) {
  const received: Received[] = [];
  const handler: RequestListener = (request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      const entry = { headers: request.headers as Record<string, string>, body };
      received.push(entry);
      answer(request, response, entry);
    });
  };
  const server = createServer(handler);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return { url: `http://127.0.0.1:${address.port}/hooks`, received };
}

async function newTenant(): Promise<string> {
  const slug = `hooks-${randomBytes(3).toString('hex')}`;
  const tenant = await database.db.insertInto('tenants').values({ slug, name: slug, status: 'active' }).returning('id').executeTakeFirstOrThrow();
  return tenant.id;
}

function record(tenantId: string, input: { type?: 'video.created' | 'video.ready' | 'video.updated'; orderingKey?: string; data?: Record<string, unknown> } = {}) {
  return database.db
    .transaction()
    .execute((trx) =>
      recordWebhookEvent(trx, { tenantId, type: input.type ?? 'video.ready', now, data: input.data ?? { id: 'v1' }, ...(input.orderingKey ? { orderingKey: input.orderingKey } : {}) }),
    );
}

/** Claims what is due now and attempts it all, as one dispatcher round does. */
async function dispatchRound(options: { limit?: number; perEndpoint?: number } = {}) {
  const claimed = await claimDueDeliveries(deps, { limit: options.limit ?? 50, perEndpoint: options.perEndpoint ?? 4 });
  return Promise.all(claimed.map((delivery) => attemptDelivery(deps, delivery)));
}

function advance(ms: number): void {
  now = new Date(now.getTime() + ms);
}

beforeAll(async () => {
  database = await createTestDatabase();
  deps = {
    db: database.db,
    secrets: new SecretBox(randomBytes(32)),
    clock: { now: () => now },
    outbound: new GuardedOutboundHttp({ allowedCidrs: [parseCidr('127.0.0.1/32') as Cidr] }),
  };
});
afterEach(async () => {
  now = new Date();
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});
afterAll(() => database?.drop());

describe('signatures', () => {
  it('verify with the standardwebhooks library, with the headers and body the documentation promises', async () => {
    const tenantId = await newTenant();
    const { url, received } = await receiver();
    const { endpoint, secret } = await createEndpoint(deps, tenantId, { url, eventTypes: ['video.ready'] });
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    const eventId = await record(tenantId, { data: { id: 'v1', title: 'Launch' } });
    const [outcome] = await dispatchRound();
    expect(outcome).toMatchObject({ delivered: true, eventId });
    const [delivery] = received;
    if (!delivery) throw new Error('nothing received');
    expect(delivery.headers).toMatchObject({ 'content-type': 'application/json', 'user-agent': 'OTT-Cloud-Webhooks/1', 'webhook-id': eventId });
    const verified = new Webhook(secret).verify(delivery.body, delivery.headers);
    expect(verified).toEqual({ id: eventId, type: 'video.ready', createdAt: now.toISOString(), data: { id: 'v1', title: 'Launch' } });
    expect(() => new Webhook(`whsec_${randomBytes(32).toString('base64')}`).verify(delivery.body, delivery.headers)).toThrow();
    expect(() => new Webhook(secret).verify(delivery.body.replace('Launch', 'Lunch'), delivery.headers)).toThrow();
    const log = await listDeliveries(deps, tenantId, endpoint.id, { limit: 10 });
    expect(log.data[0]).toMatchObject({ eventId, status: 'succeeded', attempts: 1, lastStatusCode: 200, nextAttemptAt: null });
    expect(log.data[0]?.attemptLog[0]).toMatchObject({ attempt: 1, responseStatus: 200, responseBody: 'ok', error: null });
  });

  it('during a rotation, both the old and the new secret verify; after 24 hours only the new one', async () => {
    const tenantId = await newTenant();
    const { url, received } = await receiver();
    const { endpoint, secret: oldSecret } = await createEndpoint(deps, tenantId, { url });
    const { secret: newSecret } = await rotateEndpointSecret(deps, tenantId, endpoint.id);
    expect(newSecret).not.toBe(oldSecret);
    await record(tenantId);
    await dispatchRound();
    const during = received[0];
    if (!during) throw new Error('nothing received');
    expect(during.headers['webhook-signature']?.split(' ')).toHaveLength(2);
    expect(new Webhook(oldSecret).verify(during.body, during.headers)).toBeTruthy();
    expect(new Webhook(newSecret).verify(during.body, during.headers)).toBeTruthy();

    // The clock moves past the overlap; the receiver's library still checks the timestamp against real time, so the
    // check of the old secret is made on the signature list rather than through verify.
    advance(25 * 3600_000);
    await record(tenantId);
    await dispatchRound();
    const after = received[1];
    if (!after) throw new Error('nothing received');
    expect(after.headers['webhook-signature']?.split(' ')).toHaveLength(1);
    const wh = new Webhook(newSecret);
    expect(after.headers['webhook-signature']).toBe(wh.sign(after.headers['webhook-id'] ?? '', new Date(Number(after.headers['webhook-timestamp']) * 1000), after.body));
  });
});

describe('failures', () => {
  it('retries a 500, a reset and a redirect to a private address with the reason recorded, on the backoff schedule', async () => {
    const tenantId = await newTenant();
    const failing = await receiver((_request, response) => response.writeHead(500).end('database down'));
    const resetting = await receiver((request) => request.socket.destroy());
    const redirecting = await receiver((_request, response) => response.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' }).end());
    const endpoints = [];
    for (const { url } of [failing, resetting, redirecting]) endpoints.push((await createEndpoint(deps, tenantId, { url })).endpoint);
    await record(tenantId);
    const outcomes = await dispatchRound();
    expect(outcomes.map((outcome) => outcome.delivered)).toEqual([false, false, false]);
    const [five, reset, redirect] = await Promise.all(endpoints.map(async (endpoint) => (await listDeliveries(deps, tenantId, endpoint.id, { limit: 5 })).data[0]));
    expect(five).toMatchObject({ status: 'pending', attempts: 1, lastStatusCode: 500, lastError: expect.stringContaining('answered 500') });
    expect(five?.attemptLog[0]?.responseBody).toBe('database down');
    expect(reset).toMatchObject({ status: 'pending', lastStatusCode: null, lastError: expect.stringContaining('connection-failed') });
    expect(redirect).toMatchObject({ status: 'pending', lastStatusCode: 302, lastError: expect.stringContaining('redirects are not followed') });
    // The private address the redirect named was never asked: only the endpoint itself was reached.
    expect(redirecting.received).toHaveLength(1);
    // First retry about 10 s later (±10 % jitter); nothing is due before.
    const wait = (five?.nextAttemptAt?.getTime() ?? 0) - now.getTime();
    expect(wait).toBeGreaterThanOrEqual(9000);
    expect(wait).toBeLessThanOrEqual(11000);
    expect(await dispatchRound()).toEqual([]);
    advance(11_000);
    expect(await dispatchRound()).toHaveLength(3);
    expect(failing.received).toHaveLength(2);
  });

  it('gives up after the last attempt, about three days on, and disables an endpoint that failed that long', async () => {
    const tenantId = await newTenant();
    const failing = await receiver((_request, response) => response.writeHead(503).end());
    const { endpoint } = await createEndpoint(deps, tenantId, { url: failing.url });
    const started = now.getTime();
    await record(tenantId);
    for (let round = 0; round < MAX_ATTEMPTS; round += 1) {
      await dispatchRound();
      const next = (await listDeliveries(deps, tenantId, endpoint.id, { limit: 5 })).data[0]?.nextAttemptAt;
      if (!next) break;
      now = next;
    }
    const [delivery] = (await listDeliveries(deps, tenantId, endpoint.id, { limit: 5 })).data;
    expect(delivery).toMatchObject({ status: 'failed', attempts: MAX_ATTEMPTS, nextAttemptAt: null });
    expect(delivery?.attemptLog).toHaveLength(MAX_ATTEMPTS);
    expect(failing.received).toHaveLength(MAX_ATTEMPTS);
    const lastAttempt = delivery?.lastAttemptAt?.getTime() ?? 0;
    expect(lastAttempt - started).toBeGreaterThan(2.5 * 24 * 3600_000);
    expect(lastAttempt - started).toBeLessThan(3.5 * 24 * 3600_000);

    // The next failure once three days have passed without a success disables the endpoint, with the reason.
    advance(12 * 3600_000);
    await record(tenantId);
    await dispatchRound();
    const disabled = await getEndpoint(deps, tenantId, endpoint.id);
    expect(disabled.status).toBe('disabled');
    expect(disabled.disabledReason).toMatch(/Every delivery attempt since .* failed .*answered 503.* re-enable the endpoint/);
    expect((disabled.disabledAt?.getTime() ?? 0) - started).toBeGreaterThanOrEqual(3 * 24 * 3600_000);

    // Disabled: new events are not queued for it. Re-enabled: what comes next is delivered again.
    await record(tenantId);
    expect(await dispatchRound()).toEqual([]);
    const healthy = await receiver();
    const reenabled = await updateEndpoint(deps, tenantId, endpoint.id, { url: healthy.url, enabled: true });
    expect(reenabled).toMatchObject({ status: 'enabled', disabledReason: null, failingSince: null });
    await record(tenantId);
    expect(await dispatchRound()).toMatchObject([{ delivered: true }]);
  });

  it('a success clears the failure clock, so a flaky endpoint is not disabled', async () => {
    const tenantId = await newTenant();
    let calls = 0;
    const flaky = await receiver((_request, response) => response.writeHead(calls++ % 2 === 0 ? 500 : 204).end());
    const { endpoint } = await createEndpoint(deps, tenantId, { url: flaky.url });
    for (let day = 0; day < 5; day += 1) {
      await record(tenantId);
      await dispatchRound();
      expect((await getEndpoint(deps, tenantId, endpoint.id)).failingSince).not.toBeNull();
      advance(20_000);
      await dispatchRound();
      expect((await getEndpoint(deps, tenantId, endpoint.id)).failingSince).toBeNull();
      advance(24 * 3600_000);
    }
    expect((await getEndpoint(deps, tenantId, endpoint.id)).status).toBe('enabled');
  });
});

describe('order, bounds and replay', () => {
  it("holds a video's later event until the earlier one is delivered, without holding other videos", async () => {
    const tenantId = await newTenant();
    let failFirst = true;
    const { url, received } = await receiver((_request, response, entry) => {
      const type = (JSON.parse(entry.body) as { type: string }).type;
      response.writeHead(type === 'video.created' && failFirst ? 500 : 200).end();
      if (type === 'video.created') failFirst = false;
    });
    await createEndpoint(deps, tenantId, { url });
    await record(tenantId, { type: 'video.created', orderingKey: 'video-1' });
    await record(tenantId, { type: 'video.ready', orderingKey: 'video-1' });
    await record(tenantId, { type: 'video.ready', orderingKey: 'video-2' });
    await dispatchRound();
    const types = () => received.map((entry) => (JSON.parse(entry.body) as { type: string }).type);
    // video-1's ready waits behind its failed created; video-2 goes.
    expect(types().sort()).toEqual(['video.created', 'video.ready']);
    advance(11_000);
    await dispatchRound();
    expect(types()).toHaveLength(3);
    await dispatchRound();
    expect(types()).toHaveLength(4);
    // The last delivery is video-1's ready, after its created succeeded.
    expect(types().slice(-2)).toEqual(['video.created', 'video.ready']);
  });

  it('claims at most the per-endpoint bound for one endpoint, and still claims the other endpoints', async () => {
    const tenantId = await newTenant();
    const otherTenant = await newTenant();
    const busy = await createEndpoint(deps, tenantId, { url: 'http://127.0.0.1:9/busy' });
    const quiet = await createEndpoint(deps, otherTenant, { url: 'http://127.0.0.1:9/quiet' });
    for (let i = 0; i < 30; i += 1) await record(tenantId);
    await record(otherTenant);
    const first = await claimDueDeliveries(deps, { limit: 10, perEndpoint: 4 });
    expect(first.filter((delivery) => delivery.endpointId === busy.endpoint.id)).toHaveLength(4);
    expect(first.filter((delivery) => delivery.endpointId === quiet.endpoint.id)).toHaveLength(1);
    // The four are still in flight (claimed): nothing more for that endpoint.
    expect(await claimDueDeliveries(deps, { limit: 10, perEndpoint: 4 })).toEqual([]);
  });

  it('replays a delivery with the same event id, as a new delivery with its own attempts', async () => {
    const tenantId = await newTenant();
    const { url, received } = await receiver();
    const { endpoint, secret } = await createEndpoint(deps, tenantId, { url });
    const eventId = await record(tenantId);
    await dispatchRound();
    const original = (await listDeliveries(deps, tenantId, endpoint.id, { limit: 5 })).data[0];
    if (!original) throw new Error('no delivery');
    advance(60_000);
    const replay = await replayDelivery(deps, tenantId, original.id);
    expect(replay).toMatchObject({ eventId, status: 'pending', attempts: 0 });
    expect(replay.id).not.toBe(original.id);
    await dispatchRound();
    expect(received.map((entry) => entry.headers['webhook-id'])).toEqual([eventId, eventId]);
    expect(new Webhook(secret).verify(received[1]?.body ?? '', received[1]?.headers ?? {})).toMatchObject({ id: eventId });
    const page = await listDeliveries(deps, tenantId, endpoint.id, { limit: 1 });
    expect(page.data.map((delivery) => delivery.id)).toEqual([replay.id]);
    const next = await listDeliveries(deps, tenantId, endpoint.id, { limit: 1, cursor: page.nextCursor ?? '' });
    expect(next.data.map((delivery) => delivery.id)).toEqual([original.id]);
    expect(next.nextCursor).toBeNull();
  });
});

describe('the outbox', () => {
  it('writes nothing for a tenant without a subscribed endpoint', async () => {
    const tenantId = await newTenant();
    await createEndpoint(deps, tenantId, { url: 'http://127.0.0.1:9/hooks', eventTypes: ['video.deleted'] });
    expect(await record(tenantId, { type: 'video.ready' })).toBeUndefined();
    expect(await database.db.selectFrom('webhook_events').select('id').where('tenant_id', '=', tenantId).execute()).toEqual([]);
  });

  it('keeps 30 days of history, and any event still being retried', async () => {
    const tenantId = await newTenant();
    const ok = await receiver();
    const failing = await receiver((_request, response) => response.writeHead(500).end());
    await createEndpoint(deps, tenantId, { url: ok.url, eventTypes: ['video.created'] });
    await createEndpoint(deps, tenantId, { url: failing.url, eventTypes: ['video.updated'] });
    const delivered = await record(tenantId, { type: 'video.created' });
    const retried = await record(tenantId, { type: 'video.updated' });
    await dispatchRound();
    advance(31 * 24 * 3600_000);
    await pruneWebhookHistory(deps);
    const left = await database.db.selectFrom('webhook_events').select('id').where('tenant_id', '=', tenantId).execute();
    expect(left.map((row) => row.id)).toEqual([retried]);
    expect(delivered).toBeDefined();
  });
});
