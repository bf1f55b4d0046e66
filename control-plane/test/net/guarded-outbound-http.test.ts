// The SSRF guard on tenant-given URLs (imports, webhook deliveries): private, loopback, link-local and reserved
// addresses are refused whether written as literals, reached through a name, or through a redirect; a server that
// hangs or answers too much is cut off. Real local servers over real HTTP.
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { createServer, type RequestListener, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseCidr, type Cidr } from '@ott/signing';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { GuardedOutboundHttp, type HostResolver } from '../../src/adapters/http/guarded-outbound-http.js';
import type { OutboundRequest, OutboundResult } from '../../src/ports.js';

const loopback = [parseCidr('127.0.0.1/32') as Cidr];
const servers: Server[] = [];

async function serve(handler: RequestListener): Promise<string> {
  const server = createServer(handler);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return `http://127.0.0.1:${address.port}`;
}

afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

function get(url: string, overrides: Partial<OutboundRequest> = {}): OutboundRequest {
  return { url, method: 'GET', timeoutMs: 2000, maxResponseBytes: 1024, maxRedirects: 3, ...overrides };
}

function refusalOf(result: OutboundResult): string | undefined {
  return result.ok ? undefined : result.refusal;
}

describe('without an allow list (production)', () => {
  const http = new GuardedOutboundHttp();

  it.each([
    'http://127.0.0.1/',
    'http://127.1.2.3:8080/x',
    'http://10.0.0.5/',
    'http://172.16.0.1/',
    'http://172.31.255.254/',
    'http://192.168.1.1/',
    'http://169.254.169.254/latest/meta-data/',
    'http://100.64.0.1/',
    'http://0.0.0.0/',
    'http://224.0.0.1/',
    'http://[::1]/',
    'http://[::ffff:127.0.0.1]/',
    'http://[::ffff:a9fe:a9fe]/',
    'http://[fd00::1]/',
    'http://[fe80::1]/',
    'http://[::]/',
    'https://192.0.2.10/',
  ])('refuses %s before connecting', async (url) => {
    const result = await http.request(get(url));
    expect(refusalOf(result)).toBe('private-address');
    if (!result.ok) expect(result.message).toMatch(/only public addresses/);
  });

  it('refuses localhost, which resolves to loopback', async () => {
    expect(refusalOf(await http.request(get('http://localhost:9/')))).toBe('private-address');
  });

  it('refuses a name when any of its addresses is private, and names the address', async () => {
    const resolve: HostResolver = async () => ['93.184.216.34', '10.1.2.3'];
    const result = await new GuardedOutboundHttp({ resolve }).request(get('http://mixed.example.com/'));
    expect(refusalOf(result)).toBe('private-address');
    if (!result.ok) expect(result.message).toContain('mixed.example.com resolves to 10.1.2.3');
  });

  it('says when a name does not resolve', async () => {
    const resolve: HostResolver = async () => {
      throw Object.assign(new Error('nope'), { code: 'ENOTFOUND' });
    };
    const result = await new GuardedOutboundHttp({ resolve }).request(get('http://nowhere.example.com/'));
    expect(refusalOf(result)).toBe('dns-failed');
  });

  it.each(['file:///etc/passwd', 'ftp://example.com/file', 'gopher://example.com/', 'not a url'])('refuses %s as a bad URL', async (url) => {
    expect(refusalOf(await http.request(get(url)))).toBe('bad-url');
  });

  it('refuses a public-looking name that redirects to a private address', async () => {
    // The "public" name is a local server only because the resolver says so and the allow list covers it; the
    // redirect's target is checked on its own and refused.
    const origin = await serve((_request, response) => response.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' }).end());
    const port = new URL(origin).port;
    const resolve: HostResolver = async (name) => (name === 'public.example.com' ? ['127.0.0.1'] : ['10.0.0.1']);
    const guarded = new GuardedOutboundHttp({ resolve, allowedCidrs: loopback });
    const result = await guarded.request(get(`http://public.example.com:${port}/video.mp4`));
    expect(refusalOf(result)).toBe('private-address');
    if (!result.ok) expect(result.message).toContain('169.254.169.254');
  });

  it('connects to the checked address, not to what the name resolves to afterwards (DNS rebinding)', async () => {
    const origin = await serve((request, response) => response.end(`host=${request.headers.host}`));
    const port = new URL(origin).port;
    let calls = 0;
    // First answer is the (allowed) checked address; any later resolution would answer a private one.
    const resolve: HostResolver = async () => (calls++ === 0 ? ['127.0.0.1'] : ['10.9.9.9']);
    const result = await new GuardedOutboundHttp({ resolve, allowedCidrs: loopback }).request(get(`http://rebind.example.com:${port}/`));
    expect(result.ok && result.body?.toString()).toBe(`host=rebind.example.com:${port}`);
    expect(calls).toBe(1);
  });
});

describe('with 127.0.0.1/32 allowed (local development, tests)', () => {
  const http = new GuardedOutboundHttp({ allowedCidrs: loopback });
  let folder: string | undefined;
  afterAll(async () => {
    if (folder) await rm(folder, { recursive: true, force: true });
  });

  it('reaches a local server and returns its answer', async () => {
    const url = await serve((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => response.writeHead(201, { 'x-seen': request.headers['user-agent'] ?? '' }).end(`${request.method} ${body}`));
    });
    const result = await http.request({ ...get(`${url}/hook`), method: 'POST', body: '{"a":1}', headers: { 'content-type': 'application/json', 'user-agent': 'Test/1' } });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.status).toBe(201);
    expect(result.body?.toString()).toBe('POST {"a":1}');
    expect(result.headers['x-seen']).toBe('Test/1');
  });

  it('still refuses other private addresses', async () => {
    expect(refusalOf(await http.request(get('http://127.0.0.2/')))).toBe('private-address');
    expect(refusalOf(await http.request(get('http://[::1]/')))).toBe('private-address');
  });

  it('follows a redirect chain, and caps it', async () => {
    const url = await serve((request, response) => {
      const step = Number(request.url?.slice(1) ?? 0);
      if (step < 3) response.writeHead(302, { location: `/${step + 1}` }).end();
      else response.end('arrived');
    });
    const followed = await http.request(get(`${url}/0`, { maxRedirects: 3 }));
    expect(followed.ok && followed.body?.toString()).toBe('arrived');
    expect(followed.ok && followed.finalUrl).toBe(`${url}/3`);
    expect(refusalOf(await http.request(get(`${url}/0`, { maxRedirects: 2 })))).toBe('too-many-redirects');
  });

  it('answers a redirect as it is when none may be followed', async () => {
    const url = await serve((_request, response) => response.writeHead(301, { location: 'http://169.254.169.254/' }).end());
    const result = await http.request(get(url, { maxRedirects: 0 }));
    expect(result.ok && result.status).toBe(301);
  });

  it('ends a server that accepts and never answers at the deadline', async () => {
    const url = await serve(() => {});
    const result = await http.request(get(url, { timeoutMs: 300 }));
    expect(refusalOf(result)).toBe('timeout');
    expect(result.elapsedMs).toBeGreaterThanOrEqual(290);
    expect(result.elapsedMs).toBeLessThan(1500);
  });

  it('ends a server that trickles its answer at the deadline (one deadline for the whole exchange)', async () => {
    const url = await serve((_request, response) => {
      response.writeHead(200);
      const drip = setInterval(() => response.write('.'), 50);
      response.on('close', () => clearInterval(drip));
    });
    expect(refusalOf(await http.request(get(url, { timeoutMs: 400 })))).toBe('timeout');
  });

  it('ends an answer larger than the limit', async () => {
    const url = await serve((_request, response) => response.end(Buffer.alloc(5000, 'x')));
    const result = await http.request(get(url, { maxResponseBytes: 1000 }));
    expect(refusalOf(result)).toBe('too-large');
  });

  it('reports a reset connection', async () => {
    const url = await serve((request) => request.socket.destroy());
    expect(refusalOf(await http.request(get(url)))).toBe('connection-failed');
  });

  it('streams into a file, and removes a partial file past the limit', async () => {
    folder = await mkdtemp(path.join(tmpdir(), 'ott-outbound-'));
    const url = await serve((request, response) => response.end(Buffer.alloc(request.url === '/big' ? 300_000 : 100_000, 'v')));
    const saved = path.join(folder, 'source.mp4');
    const result = await http.request(get(`${url}/small`, { saveBodyTo: saved, maxResponseBytes: 200_000 }));
    expect(result.ok && result.bodyBytes).toBe(100_000);
    expect(result.ok && result.body).toBeUndefined();
    expect((await readFile(saved)).length).toBe(100_000);
    const tooBig = path.join(folder, 'big.mp4');
    expect(refusalOf(await http.request(get(`${url}/big`, { saveBodyTo: tooBig, maxResponseBytes: 200_000 })))).toBe('too-large');
    await expect(stat(tooBig)).rejects.toThrow();
  });
});
