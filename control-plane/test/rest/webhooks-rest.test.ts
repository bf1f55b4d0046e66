// Webhooks over the REST API with a server key: register an endpoint, receive a signed test event on a local receiver
// and verify it with the standardwebhooks library, read the delivery log, replay, rotate, disable and re-enable.
// Another tenant's key reaches none of it, and a key without the `webhooks` scope is told which scope it lacks.
import { createServer, type Server } from 'node:http';
import { parseCidr, type Cidr } from '@ott/signing';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { rest } from '../support/rest-client.js';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.js';
import { signUpActiveTenant } from '../support/tenants.js';
import { waitFor } from '../support/wait-for.js';

interface ErrorBody {
  error: { code: string; message: string; details?: Record<string, unknown> };
}
interface Endpoint {
  id: string;
  url: string;
  status: string;
  eventTypes: string[];
  disabledReason: string | null;
}
interface Delivery {
  id: string;
  eventId: string;
  eventType: string;
  status: string;
  attemptLog: { responseStatus: number | null; requestHeaders: Record<string, string> }[];
}

let platform: TestPlatform;
let keyA: string;
let keyB: string;
let readOnlyA: string;
let server: Server;
let receiverUrl: string;
const received: { headers: Record<string, string>; body: string }[] = [];

beforeAll(async () => {
  platform = await startTestPlatform({ outboundAllowedCidrs: [parseCidr('127.0.0.1/32') as Cidr] });
  await platform.startWorker();
  const [a, b] = await Promise.all([signUpActiveTenant(platform, 'rest-hooks-a'), signUpActiveTenant(platform, 'rest-hooks-b')]);
  keyA = (await a.admin.apiKeys.create({ name: 'hooks', scopes: ['webhooks'] })).key;
  readOnlyA = (await a.admin.apiKeys.create({ name: 'reader', scopes: ['read'] })).key;
  keyB = (await b.admin.apiKeys.create({ name: 'hooks', scopes: ['webhooks'] })).key;
  server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      received.push({ headers: request.headers as Record<string, string>, body });
      response.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  receiverUrl = `http://127.0.0.1:${address.port}/webhooks`;
});
afterAll(async () => {
  server?.closeAllConnections();
  server?.close();
  await platform?.close();
});

it('registers an endpoint, delivers a verifiable test event, logs it, replays it with the same id, rotates, disables and re-enables', async () => {
  const created = await rest<{ endpoint: Endpoint; secret: string }>(platform.apiUrl, 'POST', '/v1/webhook-endpoints', { key: keyA, body: { url: receiverUrl, eventTypes: ['video.ready'] } });
  expect(created.status).toBe(201);
  expect(created.body.endpoint).toMatchObject({ url: receiverUrl, status: 'enabled', eventTypes: ['video.ready'] });
  const { endpoint, secret } = created.body;
  const listed = await rest<{ data: Endpoint[]; nextCursor: string | null }>(platform.apiUrl, 'GET', '/v1/webhook-endpoints?limit=10', { key: keyA });
  expect(listed.body).toEqual({ data: [expect.objectContaining({ id: endpoint.id })], nextCursor: null });
  expect(JSON.stringify(listed.body)).not.toContain(secret);

  const test = await rest<Delivery>(platform.apiUrl, 'POST', `/v1/webhook-endpoints/${endpoint.id}/test`, { key: keyA });
  expect(test.status).toBe(202);
  await waitFor(async () => (received.length > 0 ? true : undefined), { what: 'the test event' });
  expect(new Webhook(secret).verify(received[0]?.body ?? '', received[0]?.headers ?? {})).toMatchObject({ id: test.body.eventId, type: 'webhook.test' });

  const log = await waitFor(
    async () => {
      const page = await rest<{ data: Delivery[] }>(platform.apiUrl, 'GET', `/v1/webhook-endpoints/${endpoint.id}/deliveries`, { key: keyA });
      return page.body.data[0]?.status === 'succeeded' ? page.body.data : undefined;
    },
    { what: 'the delivery logged' },
  );
  expect(log[0]?.attemptLog[0]).toMatchObject({ responseStatus: 200, requestHeaders: expect.objectContaining({ 'webhook-id': test.body.eventId }) });

  const replay = await rest<Delivery>(platform.apiUrl, 'POST', `/v1/webhook-deliveries/${test.body.id}/replay`, { key: keyA });
  expect(replay.status).toBe(202);
  expect(replay.body.eventId).toBe(test.body.eventId);
  await waitFor(async () => (received.length > 1 ? true : undefined), { what: 'the replay' });
  expect(received[1]?.headers['webhook-id']).toBe(test.body.eventId);

  const rotated = await rest<{ secret: string }>(platform.apiUrl, 'POST', `/v1/webhook-endpoints/${endpoint.id}/rotate-secret`, { key: keyA });
  expect(rotated.status).toBe(200);
  await rest(platform.apiUrl, 'POST', `/v1/webhook-endpoints/${endpoint.id}/test`, { key: keyA });
  await waitFor(async () => (received.length > 2 ? true : undefined), { what: 'the test event after rotation' });
  for (const verifyWith of [secret, rotated.body.secret]) expect(new Webhook(verifyWith).verify(received[2]?.body ?? '', received[2]?.headers ?? {})).toBeTruthy();

  const disabled = await rest<Endpoint>(platform.apiUrl, 'PATCH', `/v1/webhook-endpoints/${endpoint.id}`, { key: keyA, body: { enabled: false } });
  expect(disabled.body).toMatchObject({ status: 'disabled', disabledReason: 'Disabled by an admin.' });
  const refusedTest = await rest<ErrorBody>(platform.apiUrl, 'POST', `/v1/webhook-endpoints/${endpoint.id}/test`, { key: keyA });
  expect(refusedTest.status).toBeGreaterThanOrEqual(400);
  expect(refusedTest.status).toBeLessThan(500);
  expect(refusedTest.body.error.message).toContain('Re-enable it first');
  const enabled = await rest<Endpoint>(platform.apiUrl, 'PATCH', `/v1/webhook-endpoints/${endpoint.id}`, { key: keyA, body: { enabled: true } });
  expect(enabled.body).toMatchObject({ status: 'enabled', disabledReason: null });
});

it("refuses bad input by field, a key without the scope by scope, and another tenant's key everywhere", async () => {
  const unknownField = await rest<ErrorBody>(platform.apiUrl, 'POST', '/v1/webhook-endpoints', { key: keyA, body: { url: receiverUrl, secret: 'mine' } });
  expect(unknownField.status).toBe(400);
  expect(JSON.stringify(unknownField.body.error)).toContain('secret');
  const badType = await rest<ErrorBody>(platform.apiUrl, 'POST', '/v1/webhook-endpoints', { key: keyA, body: { url: receiverUrl, eventTypes: ['video.exploded'] } });
  expect(badType.status).toBe(400);
  expect(JSON.stringify(badType.body.error)).toContain('eventTypes');
  const ftp = await rest<ErrorBody>(platform.apiUrl, 'POST', '/v1/webhook-endpoints', { key: keyA, body: { url: 'ftp://example.com/x' } });
  expect(ftp.status).toBe(400);
  expect(ftp.body.error.message).toContain('http or https');

  const noScope = await rest<ErrorBody>(platform.apiUrl, 'GET', '/v1/webhook-endpoints', { key: readOnlyA });
  expect(noScope.status).toBe(403);
  expect(JSON.stringify(noScope.body.error)).toContain('webhooks');

  const { body } = await rest<{ endpoint: Endpoint }>(platform.apiUrl, 'POST', '/v1/webhook-endpoints', { key: keyA, body: { url: receiverUrl, eventTypes: ['viewer.removed'] } });
  const endpointId = body.endpoint.id;
  const test = await rest<Delivery>(platform.apiUrl, 'POST', `/v1/webhook-endpoints/${endpointId}/test`, { key: keyA });
  const attempts: [string, string, unknown?][] = [
    ['GET', `/v1/webhook-endpoints/${endpointId}`],
    ['PATCH', `/v1/webhook-endpoints/${endpointId}`, { url: 'https://attacker.example/hook' }],
    ['DELETE', `/v1/webhook-endpoints/${endpointId}`],
    ['POST', `/v1/webhook-endpoints/${endpointId}/rotate-secret`],
    ['POST', `/v1/webhook-endpoints/${endpointId}/test`],
    ['GET', `/v1/webhook-endpoints/${endpointId}/deliveries`],
    ['POST', `/v1/webhook-deliveries/${test.body.id}/replay`],
  ];
  for (const [method, path, requestBody] of attempts) {
    const answer = await rest<ErrorBody>(platform.apiUrl, method, path, { key: keyB, ...(requestBody ? { body: requestBody } : {}) });
    expect(answer.status, `${method} ${path}`).toBe(404);
  }
  expect((await rest<{ data: Endpoint[] }>(platform.apiUrl, 'GET', '/v1/webhook-endpoints', { key: keyB })).body.data).toEqual([]);
  const untouched = await rest<Endpoint>(platform.apiUrl, 'GET', `/v1/webhook-endpoints/${endpointId}`, { key: keyA });
  expect(untouched.body).toMatchObject({ url: receiverUrl, status: 'enabled' });
});
