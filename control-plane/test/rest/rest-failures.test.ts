// Every way a REST request can be wrong, as a caller meets it: the status, the error code, and where it says the
// fault is (the key prefix, the scope, the field). Plus the Idempotency-Key (replay, conflict, concurrent duplicates)
// and what the API never does (CORS on key routes, the key in its logs).
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createLogger } from '../../src/adapters/pino/pino-logger.js';
import { startApiServer } from '../support/api-server.js';
import { rest } from '../support/rest-client.js';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.js';
import { signUpActiveTenant } from '../support/tenants.js';

interface ErrorBody {
  error: { code: string; message: string; details?: Record<string, unknown> };
}

let platform: TestPlatform;
let tenant: Awaited<ReturnType<typeof signUpActiveTenant>>;
let key: string;
let prefix: string;
let readOnlyKey: string;

beforeAll(async () => {
  platform = await startTestPlatform();
  await platform.startWorker();
  tenant = await signUpActiveTenant(platform, 'rest');
  ({ key, prefix } = await tenant.admin.apiKeys.create({ name: 'all', scopes: ['read', 'write', 'upload', 'playback', 'viewers', 'usage'] }));
  readOnlyKey = (await tenant.admin.apiKeys.create({ name: 'reader', scopes: ['read'] })).key;
});
afterAll(() => platform?.close());

const call = (method: string, path: string, options: Parameters<typeof rest>[3] = {}) => rest<ErrorBody>(platform.apiUrl, method, path, { key, ...options });

it('answers 401 for a missing or malformed key, and names the prefix of a wrong one', async () => {
  const missing = await rest<ErrorBody>(platform.apiUrl, 'GET', '/v1/videos');
  expect(missing.status).toBe(401);
  expect(missing.body.error).toMatchObject({ code: 'unauthenticated', message: expect.stringContaining('Authorization: Bearer ott_sk_') });
  expect(missing.headers.get('www-authenticate')).toBe('Bearer');

  const malformed = await call('GET', '/v1/videos', { key: 'not-a-key' });
  expect(malformed.status).toBe(401);
  expect(malformed.body.error.code).toBe('unauthenticated');

  const wrongSecret = `${prefix}_${'A'.repeat(43)}`;
  const wrong = await call('GET', '/v1/videos', { key: wrongSecret });
  expect(wrong.status).toBe(401);
  expect(wrong.body.error).toMatchObject({ code: 'unauthenticated', details: { keyPrefix: prefix }, message: expect.stringContaining(prefix) });

  const unknown = await call('GET', '/v1/videos', { key: `ott_sk_zzzzzzzz_${'B'.repeat(43)}` });
  expect(unknown.body.error.details).toEqual({ keyPrefix: 'ott_sk_zzzzzzzz' });
});

it('answers 403 naming the scope a key lacks', async () => {
  const refused = await call('POST', '/v1/videos', { key: readOnlyKey, body: { filename: 'a.mp4', size: 10 } });
  expect(refused.status).toBe(403);
  expect(refused.body.error).toMatchObject({ code: 'missing_scope', details: { scope: 'upload' }, message: expect.stringContaining('"upload" scope') });
  expect((await call('GET', '/v1/usage', { key: readOnlyKey })).body.error.details).toMatchObject({ scope: 'usage' });
});

it('answers 400 naming the field for malformed JSON, a wrong type, an unknown field, a bad query or path value', async () => {
  const malformed = await call('POST', '/v1/videos', { body: '{"filename": "a.mp4",' });
  expect(malformed.status).toBe(400);
  expect(malformed.body.error).toMatchObject({ code: 'invalid_request', details: { field: 'body' }, message: expect.stringContaining('not valid JSON') });

  const wrongType = await call('POST', '/v1/videos', { body: { filename: 'a.mp4', size: 'big' } });
  expect(wrongType.status).toBe(400);
  expect(wrongType.body.error).toMatchObject({ code: 'invalid_request', details: { field: 'body.size' } });

  const unknownField = await call('POST', '/v1/videos', { body: { filename: 'a.mp4', size: 10, colour: 'red' } });
  expect(unknownField.status).toBe(400);
  expect(unknownField.body.error).toMatchObject({ code: 'invalid_request', details: { field: 'body.colour' }, message: expect.stringContaining('Unknown field body.colour') });

  const missing = await call('POST', '/v1/videos', { body: { size: 10 } });
  expect(missing.body.error.details).toEqual({ field: 'body.filename' });

  const badQuery = await call('GET', '/v1/videos?limit=lots');
  expect(badQuery.status).toBe(400);
  expect(badQuery.body.error.details).toEqual({ field: 'query.limit' });
  expect((await call('GET', '/v1/videos?colour=red')).body.error.details).toEqual({ field: 'query.colour' });

  const badId = await call('GET', '/v1/videos/42');
  expect(badId.status).toBe(400);
  expect(badId.body.error.details).toEqual({ field: 'params.videoId' });

  const badCursor = await call('GET', '/v1/videos?cursor=nonsense');
  expect(badCursor.status).toBe(400);
  expect(badCursor.body.error.code).toBe('invalid_request');
});

it('answers 413 for a body over the limit, and JSON 404 and 405 for unknown paths and methods', async () => {
  const huge = await call('POST', '/v1/videos', { body: JSON.stringify({ filename: 'a.mp4', size: 10, description: 'x'.repeat(100_000) }) });
  expect(huge.status).toBe(413);
  expect(huge.body.error.code).toBe('payload_too_large');

  const unknown = await call('GET', '/v1/nothing-here');
  expect(unknown.status).toBe(404);
  expect(unknown.body.error).toMatchObject({ code: 'not_found', message: expect.stringContaining('/v1/reference') });

  const wrongMethod = await call('PUT', '/v1/videos');
  expect(wrongMethod.status).toBe(405);
  expect(wrongMethod.headers.get('allow')).toBe('POST, GET');

  const gone = await call('GET', '/v1/videos/8d0c7a70-4a25-4c5e-9a53-0b6f6f0f7e11');
  expect(gone.status).toBe(404);
  expect(gone.body.error.code).toBe('not_found');
});

it('answers 429 with Retry-After once a key spends its allowance, counted across API processes', async () => {
  const rateLimit = { limit: 3, windowMs: 60_000 };
  const [one, two] = await Promise.all([startApiServer(platform.app.deps, [], { restRateLimit: rateLimit }), startApiServer(platform.app.deps, [], { restRateLimit: rateLimit })]);
  try {
    const { key: limitedKey, prefix: limitedPrefix } = await tenant.admin.apiKeys.create({ name: 'limited', scopes: ['read'] });
    expect((await rest(one.url, 'GET', '/v1/videos', { key: limitedKey })).status).toBe(200);
    expect((await rest(two.url, 'GET', '/v1/videos', { key: limitedKey })).status).toBe(200);
    expect((await rest(one.url, 'GET', '/v1/videos', { key: limitedKey })).status).toBe(200);
    const limited = await rest<ErrorBody>(two.url, 'GET', '/v1/videos', { key: limitedKey });
    expect(limited.status).toBe(429);
    expect(limited.body.error).toMatchObject({ code: 'rate_limited', details: { keyPrefix: limitedPrefix } });
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    // Another key of the same tenant has its own allowance.
    expect((await rest(two.url, 'GET', '/v1/videos', { key: readOnlyKey })).status).toBe(200);
  } finally {
    await Promise.all([one.close(), two.close()]);
  }
});

it('replays a create sent again with the same Idempotency-Key, refuses the key for another request, and creates once under concurrency', async () => {
  const body = { filename: 'same.mp4', size: 1000, title: 'Once' };
  const first = await rest<{ videoId: string }>(platform.apiUrl, 'POST', '/v1/videos', { key, body, headers: { 'idempotency-key': 'create-1' } });
  expect(first.status).toBe(201);
  expect(first.headers.get('idempotent-replayed')).toBeNull();
  const again = await rest<{ videoId: string }>(platform.apiUrl, 'POST', '/v1/videos', { key, body, headers: { 'idempotency-key': 'create-1' } });
  expect(again.status).toBe(201);
  expect(again.headers.get('idempotent-replayed')).toBe('true');
  expect(again.body).toEqual(first.body);

  const conflict = await call('POST', '/v1/videos', { body: { ...body, title: 'Other' }, headers: { 'idempotency-key': 'create-1' } });
  expect(conflict.status).toBe(422);
  expect(conflict.body.error.code).toBe('idempotency_conflict');

  const racing = await Promise.all(
    Array.from({ length: 6 }, () => rest<{ videoId?: string }>(platform.apiUrl, 'POST', '/v1/videos', { key, body: { ...body, title: 'Race' }, headers: { 'idempotency-key': 'race-1' } })),
  );
  const created = new Set(racing.filter((answer) => answer.status === 201).map((answer) => answer.body.videoId));
  expect(created.size).toBe(1);
  expect(racing.every((answer) => answer.status === 201 || answer.status === 409)).toBe(true);
  const videos = await platform.database.db.selectFrom('videos').select('id').where('title', '=', 'Race').execute();
  expect(videos).toHaveLength(1);
});

it('answers no CORS on key routes, even to a preflight from a browser', async () => {
  const preflight = await fetch(`${platform.apiUrl}/v1/videos`, {
    method: 'OPTIONS',
    headers: { origin: 'https://evil.example', 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization' },
  });
  expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
  const answer = await call('GET', '/v1/videos', { headers: { origin: 'https://evil.example' } });
  expect(answer.status).toBe(200);
  expect(answer.headers.get('access-control-allow-origin')).toBeNull();
});

it('never writes a key into the API process’s log, even at debug level and when a route fails', async () => {
  const lines: string[] = [];
  const log = createLogger({ level: 'debug', destination: { write: (line) => void lines.push(line) } });
  const failing = {
    method: 'GET' as const,
    path: '/v1/explode',
    operationId: 'explode',
    tag: 'Test',
    summary: 'Fails',
    access: { scope: 'read' as const },
    response: (await import('zod')).z.object({}),
    handle: () => Promise.reject(new Error(`boom with ${key}`)),
  };
  const server = await startApiServer(platform.app.deps, [], { log, restRoutes: [failing] });
  try {
    const answer = await rest<ErrorBody>(server.url, 'GET', '/v1/explode', { key });
    expect(answer.status).toBe(500);
    expect(answer.body.error.code).toBe('internal');
    expect(JSON.stringify(answer.body)).not.toContain(key);
    await rest(server.url, 'GET', '/v1/nothing', { key });
  } finally {
    await server.close();
  }
  expect(lines.join('\n')).toContain('REST route failed');
  expect(lines.join('\n')).not.toContain(key.slice(prefix.length + 1));
});
