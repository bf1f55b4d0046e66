// The client's behaviour at the HTTP boundary, against a small local server speaking the REST API's conventions:
// the key goes as a bearer token, errors become OttApiError with the body's code and details, one 429 is waited
// out (Retry-After) and retried, `all()` follows nextCursor, and creates carry an Idempotency-Key when given one.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { OttApiError, OttCloud } from '../src/index.js';

const KEY = `ott_sk_ab12cd34_${'k'.repeat(43)}`;
type Handler = (request: IncomingMessage, body: string, response: ServerResponse) => void;
const servers: { close(): void }[] = [];
afterEach(() => servers.splice(0).forEach((server) => server.close()));

async function api(handler: Handler): Promise<{ baseUrl: string; seen: { method: string; url: string; headers: IncomingMessage['headers']; body: string }[] }> {
  const seen: { method: string; url: string; headers: IncomingMessage['headers']; body: string }[] = [];
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      seen.push({ method: request.method ?? '', url: request.url ?? '', headers: request.headers, body });
      handler(request, body, response);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  servers.push(server);
  return { baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, seen };
}

const json = (response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) =>
  response.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));

describe('OttCloud', () => {
  it('refuses to start without a server API key', () => {
    expect(() => new OttCloud({ apiKey: 'whsec_nope', baseUrl: 'http://x' })).toThrow(/ott_sk_/);
  });

  it('sends the key as a bearer token and answers the parsed body', async () => {
    const { baseUrl, seen } = await api((_request, _body, response) => json(response, 200, { id: 'v1', title: 'Launch', status: 'ready' }));
    const ott = new OttCloud({ apiKey: KEY, baseUrl });
    expect(await ott.videos.get('v1')).toMatchObject({ id: 'v1', title: 'Launch' });
    expect(seen[0]).toMatchObject({ method: 'GET', url: '/v1/videos/v1' });
    expect(seen[0]?.headers.authorization).toBe(`Bearer ${KEY}`);
  });

  it('throws OttApiError with the status, code, message and details of the error body', async () => {
    const { baseUrl } = await api((_request, _body, response) =>
      json(response, 403, { error: { code: 'missing_scope', message: 'This key (ott_sk_ab12cd34) lacks the scope write.', details: { scope: 'write' } } }),
    );
    const error = await new OttCloud({ apiKey: KEY, baseUrl }).videos.delete('v1').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OttApiError);
    expect(error).toMatchObject({ status: 403, code: 'missing_scope', message: 'This key (ott_sk_ab12cd34) lacks the scope write.', details: { scope: 'write' } });
  });

  it('gives a readable error for an answer that is not the API (a proxy page) and for no answer at all', async () => {
    const { baseUrl } = await api((_request, _body, response) => response.writeHead(502, { 'content-type': 'text/html' }).end('<h1>Bad gateway</h1>'));
    await expect(new OttCloud({ apiKey: KEY, baseUrl }).videos.get('v1')).rejects.toMatchObject({ status: 502, code: 'unavailable', message: expect.stringContaining('502') });
    await expect(new OttCloud({ apiKey: KEY, baseUrl: 'http://127.0.0.1:1' }).videos.get('v1')).rejects.toMatchObject({
      status: 0,
      code: 'network_error',
      message: expect.stringContaining('Could not reach'),
    });
  });

  it('waits out one 429 for its Retry-After and retries the same request, body included', async () => {
    let calls = 0;
    const { baseUrl, seen } = await api((_request, _body, response) => {
      calls += 1;
      if (calls === 1) return json(response, 429, { error: { code: 'rate_limited', message: 'Slow down.' } }, { 'retry-after': '1' });
      json(response, 201, { id: 'du_1', url: 'http://x/v1/direct-uploads/du_1' });
    });
    const started = Date.now();
    const created = await new OttCloud({ apiKey: KEY, baseUrl }).directUploads.create({ corsOrigin: 'https://app.example.com' });
    expect(created).toMatchObject({ id: 'du_1' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(seen.map((request) => request.body)).toEqual([JSON.stringify({ corsOrigin: 'https://app.example.com' }), JSON.stringify({ corsOrigin: 'https://app.example.com' })]);
  });

  it('throws rate_limited on a second 429, and does not wait for a Retry-After beyond the cap', async () => {
    const { baseUrl, seen } = await api((_request, _body, response) => json(response, 429, { error: { code: 'rate_limited', message: 'Slow down.' } }, { 'retry-after': '0' }));
    await expect(new OttCloud({ apiKey: KEY, baseUrl }).videos.get('v1')).rejects.toMatchObject({ status: 429, code: 'rate_limited' });
    expect(seen).toHaveLength(2);
    const long = await api((_request, _body, response) => json(response, 429, { error: { code: 'rate_limited', message: 'Slow down.' } }, { 'retry-after': '3600' }));
    await expect(new OttCloud({ apiKey: KEY, baseUrl: long.baseUrl }).videos.get('v1')).rejects.toMatchObject({ status: 429 });
    expect(long.seen).toHaveLength(1);
  });

  it('iterates every item of a list across pages with all(), following nextCursor', async () => {
    const { baseUrl, seen } = await api((request, _body, response) => {
      const cursor = new URL(request.url ?? '', 'http://x').searchParams.get('cursor');
      if (!cursor) return json(response, 200, { data: [{ id: 'a' }, { id: 'b' }], nextCursor: 'c2' });
      if (cursor === 'c2') return json(response, 200, { data: [{ id: 'c' }], nextCursor: null });
      json(response, 400, { error: { code: 'invalid_request', message: 'bad cursor' } });
    });
    const ids: string[] = [];
    for await (const video of new OttCloud({ apiKey: KEY, baseUrl }).videos.all({ status: 'ready' })) ids.push((video as { id: string }).id);
    expect(ids).toEqual(['a', 'b', 'c']);
    expect(seen.map((request) => request.url)).toEqual(['/v1/videos?status=ready', '/v1/videos?status=ready&cursor=c2']);
  });

  it('sends an Idempotency-Key on a create when given one', async () => {
    const { baseUrl, seen } = await api((_request, _body, response) => json(response, 201, { id: 'e1', secret: 'whsec_x' }));
    await new OttCloud({ apiKey: KEY, baseUrl }).webhookEndpoints.create({ url: 'https://example.com/hooks' }, { idempotencyKey: 'create-hooks-1' });
    expect(seen[0]?.headers['idempotency-key']).toBe('create-hooks-1');
  });
});
