// Oversized request bodies against the API running as its own process (issue 11 §2: one unauthenticated 200 MiB
// POST to /trpc took it from 297 MB to 1.04 GB, for good). Every route that reads a body stops at its limit while
// the body streams, declared up front or chunked, answers 413 with a readable message in its own error shape and
// hangs up without reading the rest; the process's memory stays flat and every route still serves afterwards.
// A tRPC batch carries at most 10 calls, refused from its URL before any of its body is read.
import { createHmac, randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeStripe } from '@ott/control-plane/test-support/fake-stripe';
import { createTestDatabase, type TestDatabase } from '@ott/control-plane/test-support/test-database';
import { waitFor } from '@ott/control-plane/test-support/wait-for';
import { apiClient } from '../support/api-client.js';
import { startPlatformProcesses, type PlatformProcesses } from '../support/platform-processes.js';
import { sendRawBody, type RawAnswer } from '../support/send-raw-body.js';

const MiB = 1024 * 1024;
/** What the attack sent in one request. */
const ATTACK_BYTES = 200 * MiB;
/** Room for the API's own allocations over the run (code warming up, socket buffers, garbage not yet collected). */
const RSS_GROWTH_BOUND = 64 * MiB;
/** Socket buffers take a few MiB from a client before a server that stopped reading hangs up; a server that reads on takes all. */
const UNREAD_BOUND = ATTACK_BYTES / 8;
const WEBHOOK_SECRET = 'whsec_body_limits';
const PASSWORD = 'a long enough password';

let stripe: FakeStripe;
let database: TestDatabase;
let dataDir: string;
let platform: PlatformProcesses;

beforeAll(async () => {
  [stripe, database, dataDir] = await Promise.all([FakeStripe.start(), createTestDatabase(), mkdtemp(path.join(tmpdir(), 'ott-body-limits-'))]);
  // Stripe configured, so that /webhooks/stripe is live and reads bodies.
  platform = await startPlatformProcesses({
    databaseUrl: database.url,
    dataDir,
    env: { STRIPE_SECRET_KEY: 'sk_test_body_limits', STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET, OTT_STRIPE_API_URL: stripe.url },
  });
  const session = await apiClient(platform.apiUrl).tenants.signup.mutate({ companyName: 'Bounded', slug: 'bounded', email: 'owner@bounded.example', password: PASSWORD });
  const owner = apiClient(platform.apiUrl, session.accessToken);
  await waitFor(async () => ((await owner.tenants.me.query()).status === 'active' ? true : undefined), { what: 'provisioning' });
});
afterAll(async () => {
  await platform?.stop();
  await Promise.all([stripe?.close(), database?.drop()]);
  await rm(dataDir, { recursive: true, force: true });
});

type ErrorJson = { error: { message: string; data: { code: string; httpStatus: number } } };

/** tRPC's own error shape: one error per call, an array for a batch. */
function trpcRefusal(calls: number | 'single') {
  return (answer: RawAnswer) => {
    expect(answer.headers['content-type']).toMatch(/^application\/json/);
    const parsed = JSON.parse(answer.body) as ErrorJson | ErrorJson[];
    const errors = calls === 'single' ? [parsed as ErrorJson] : (parsed as ErrorJson[]);
    expect(errors).toHaveLength(calls === 'single' ? 1 : calls);
    for (const { error } of errors) {
      expect(error.data).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', httpStatus: 413 });
      expect(error.message).toMatch(/larger than [\d.]+ [KM]B/);
    }
  };
}

const routes: { name: string; path: string; contentType: string; refusal(answer: RawAnswer): void }[] = [
  { name: 'a tRPC mutation', path: '/trpc/tenants.signup', contentType: 'application/json', refusal: trpcRefusal('single') },
  { name: 'a tRPC batch', path: '/trpc/auth.login,tenants.signup?batch=1', contentType: 'application/json', refusal: trpcRefusal(2) },
  { name: 'playback.authorize', path: '/trpc/playback.authorize', contentType: 'application/json', refusal: trpcRefusal('single') },
  {
    name: 'QoE beacons',
    path: '/qoe',
    contentType: 'text/plain;charset=UTF-8',
    refusal: (answer) => expect(answer.body).toBe('The request body is larger than 4.1 KB, the most this endpoint accepts. Send a smaller one.'),
  },
  {
    name: 'Stripe webhooks',
    path: '/webhooks/stripe',
    contentType: 'application/json',
    refusal: (answer) => expect((JSON.parse(answer.body) as { error: string }).error).toMatch(/larger than 1 MB/),
  },
];

async function memory(pid: number): Promise<{ rss: number; peak: number }> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kib = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1]) * 1024;
  return { rss: kib('VmRSS'), peak: kib('VmHWM') };
}

function signedStripeDelivery(event: object): RequestInit {
  const payload = JSON.stringify(event);
  const timestamp = Math.floor(Date.now() / 1000);
  const signature = createHmac('sha256', WEBHOOK_SECRET).update(`${timestamp}.${payload}`).digest('hex');
  return { method: 'POST', headers: { 'content-type': 'application/json', 'stripe-signature': `t=${timestamp},v1=${signature}` }, body: payload };
}

/** One ordinary request per route, each answered by the route itself after reading the whole body. */
async function ordinaryRequests(): Promise<void> {
  const post = (route: string, body: string | RequestInit, contentType = 'application/json') =>
    fetch(`${platform.apiUrl}${route}`, typeof body === 'string' ? { method: 'POST', headers: { 'content-type': contentType }, body } : body);
  const login = { tenantSlug: 'bounded', email: 'owner@bounded.example', password: PASSWORD };

  const single = await post('/trpc/auth.login', JSON.stringify(login));
  expect(single.status).toBe(200);
  expect(await single.json()).toMatchObject({ result: { data: { accessToken: expect.any(String) } } });

  const batch = await post('/trpc/auth.login,auth.login?batch=1', JSON.stringify({ 0: login, 1: login }));
  expect(batch.status).toBe(200);
  expect(await batch.json()).toMatchObject([{ result: { data: { accessToken: expect.any(String) } } }, { result: { data: { accessToken: expect.any(String) } } }]);

  const authorize = await post('/trpc/playback.authorize', JSON.stringify({ videoId: randomUUID() }));
  expect(authorize.status).toBe(404);
  expect(await authorize.json()).toMatchObject({ error: { data: { code: 'NOT_FOUND' } } });

  const qoe = await post('/qoe', JSON.stringify({ rebufferMs: -5 }), 'text/plain;charset=UTF-8');
  expect(qoe.status).toBe(400);
  expect(await qoe.json()).toMatchObject({ error: { message: expect.stringMatching(/rebufferMs/) } });

  const webhook = await post(
    '/webhooks/stripe',
    signedStripeDelivery({
      id: `evt_${randomUUID()}`,
      object: 'event',
      created: Math.floor(Date.now() / 1000),
      livemode: false,
      type: 'customer.created',
      data: { object: { id: 'cus_body_limits', object: 'customer' } },
    }),
  );
  expect(webhook.status).toBe(200);
  expect(await webhook.json()).toMatchObject({ received: true, outcome: 'ignored' });
}

describe('request bodies over their route’s limit', () => {
  it('are refused with 413 on every route, declared or chunked and several at once, without the API’s memory growing', async () => {
    await ordinaryRequests();
    const pid = platform.pid('api');
    if (pid === undefined) throw new Error('the API process is not running');
    const before = await memory(pid);
    // Resets VmHWM to the current RSS, so that the peak read afterwards is this run's.
    await writeFile(`/proc/${pid}/clear_refs`, '5');

    const attacks = routes.flatMap((route) =>
      (['content-length', 'chunked'] as const).map(async (framing) => ({
        route,
        framing,
        // Kept as a value, so that one route hanging up without an answer does not hide what the others did.
        answer: await sendRawBody(platform.apiUrl, { path: route.path, headers: { 'Content-Type': route.contentType }, bodyBytes: ATTACK_BYTES, framing }).catch((error: Error) => error),
      })),
    );
    const results = await Promise.all(attacks);
    const after = await memory(pid);
    const taken = Math.max(...results.map(({ answer }) => (answer instanceof Error ? 0 : answer.bytesSent)));
    console.log(
      `API RSS ${(before.rss / MiB).toFixed(1)} MiB before ${results.length} concurrent ${ATTACK_BYTES / MiB} MiB bodies, peak ${(after.peak / MiB).toFixed(1)} MiB, ` +
        `${(after.rss / MiB).toFixed(1)} MiB after; at most ${(taken / MiB).toFixed(1)} MiB of one body left the client`,
    );

    for (const { route, framing, answer } of results) {
      const what = `${route.name}, ${framing}`;
      if (answer instanceof Error) throw new Error(`${what}: ${answer.message}`);
      expect(answer.status, what).toBe(413);
      expect(answer.serverHungUp, what).toBe(true);
      expect(answer.bytesSent, `${what}: body bytes the API took before hanging up`).toBeLessThan(UNREAD_BOUND);
      route.refusal(answer);
    }
    expect(after.peak - before.rss, 'API memory growth at its peak').toBeLessThan(RSS_GROWTH_BOUND);
    expect(after.rss - before.rss, 'API memory growth after the run').toBeLessThan(RSS_GROWTH_BOUND);
  });

  it('leave every route serving ordinary requests afterwards', async () => {
    await ordinaryRequests();
  });

  it('leave room for the largest input each route exists for', async () => {
    const post = (route: string, init: RequestInit) => fetch(`${platform.apiUrl}${route}`, { method: 'POST', ...init });
    const json = { 'content-type': 'application/json' };
    const { result } = (await (await post('/trpc/auth.login', { headers: json, body: JSON.stringify({ tenantSlug: 'bounded', email: 'owner@bounded.example', password: PASSWORD }) })).json()) as {
      result: { data: { accessToken: string } };
    };

    // A 512 KB logo, the most setLogo takes, reaches the procedure (which finds these bytes are no image).
    const logo = await post('/trpc/tenants.setLogo', {
      headers: { ...json, authorization: `Bearer ${result.data.accessToken}` },
      body: JSON.stringify({ imageBase64: Buffer.alloc(512 * 1024, 7).toString('base64') }),
    });
    expect(await logo.json()).toMatchObject({ error: { message: 'The logo must be a PNG, JPEG or WebP image.' } });

    // An 8 KiB credential, the most playback.authorize takes, is checked rather than refused for its size.
    const authorize = await post('/trpc/playback.authorize', { headers: json, body: JSON.stringify({ videoId: randomUUID(), credential: 'c'.repeat(8192) }) });
    expect(authorize.status).not.toBe(413);
    expect(await authorize.json()).toMatchObject({ error: { data: { code: expect.stringMatching(/NOT_FOUND|UNAUTHORIZED/) } } });

    // A 900 KB Stripe event, far above any Stripe sends, is still verified and acknowledged.
    const bigEvent = {
      id: `evt_${randomUUID()}`,
      object: 'event',
      created: Math.floor(Date.now() / 1000),
      livemode: false,
      type: 'customer.created',
      data: { object: { id: 'cus_big', object: 'customer', description: 'x'.repeat(900 * 1024) } },
    };
    const webhook = await post('/webhooks/stripe', signedStripeDelivery(bigEvent));
    expect(webhook.status).toBe(200);
  });

  it('are not read at all by routes that take no body: the connection closes after the answer', async () => {
    for (const framing of ['content-length', 'chunked'] as const) {
      const answer = await sendRawBody(platform.apiUrl, { path: '/healthz', bodyBytes: ATTACK_BYTES, framing });
      expect(answer.status, framing).toBe(200);
      expect(answer.serverHungUp, framing).toBe(true);
      expect(answer.bytesSent, `${framing}: body bytes the API took before hanging up`).toBeLessThan(UNREAD_BOUND);
    }
  });
});

describe('tRPC batches', () => {
  const batch = (count: number, procedure: string) => `/trpc/${Array.from({ length: count }, () => procedure).join(',')}?batch=1`;
  const message = 'A batch holds at most 10 calls; send the rest in another request.';

  it('of 10 calls are served', async () => {
    const answer = await fetch(`${platform.apiUrl}${batch(10, 'billing.plans')}`);
    expect(answer.status).toBe(200);
    const results = (await answer.json()) as { result: { data: unknown } }[];
    expect(results).toHaveLength(10);
    for (const { result } of results) expect(result.data).toEqual(expect.any(Array));
  });

  it('of 11 calls are refused with 400 and what to do, one error per call, before the body is read', async () => {
    const queries = await fetch(`${platform.apiUrl}${batch(11, 'billing.plans')}`);
    expect(queries.status).toBe(400);
    const errors = (await queries.json()) as ErrorJson[];
    expect(errors).toHaveLength(11);
    for (const { error } of errors) expect(error).toMatchObject({ message, data: { code: 'BAD_REQUEST', httpStatus: 400 } });

    // Commas encoded in the path are split by tRPC all the same.
    expect((await fetch(`${platform.apiUrl}${batch(11, 'billing.plans').replaceAll(',', '%2C')}`)).status).toBe(400);

    for (const framing of ['content-length', 'chunked'] as const) {
      const answer = await sendRawBody(platform.apiUrl, { path: batch(11, 'auth.login'), headers: { 'Content-Type': 'application/json' }, bodyBytes: ATTACK_BYTES, framing });
      expect(answer.status, framing).toBe(400);
      expect(
        (JSON.parse(answer.body) as ErrorJson[]).map(({ error }) => error.message),
        framing,
      ).toEqual(Array.from({ length: 11 }, () => message));
      expect(answer.serverHungUp, framing).toBe(true);
      expect(answer.bytesSent, `${framing}: body bytes the API took before hanging up`).toBeLessThan(UNREAD_BOUND);
    }
  });
});
