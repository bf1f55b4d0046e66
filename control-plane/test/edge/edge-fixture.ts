// A running local edge over a temporary store with two tenants, plus signing the way the control
// plane does it (the real AWS signer).
import { getSignedCookies, getSignedUrl } from '@aws-sdk/cloudfront-signer';
import { buildCustomPolicy } from '@ott/signing';
import { generateKeyPairSync, randomBytes, type KeyObject } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { request, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { AccessLogRecord, AccessLogSink } from '../../src/edge/access-log.js';
import { createEdgeServer } from '../../src/edge/create-edge-server.js';
import type { EdgeTenant } from '../../src/edge/edge-options.js';

export const publicBaseUrl = 'https://edge.ott.test';

export interface KeyPair {
  id: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
}

export interface EdgeFixture {
  baseUrl: string;
  storeRoot: string;
  keys: { acme: KeyPair; globex: KeyPair };
  /** Every record the edge logged, in order. */
  log: AccessLogRecord[];
  segment: Buffer;
  /** Resolves with the record once the response to `path` has been logged. */
  logFor(path: string): Promise<AccessLogRecord>;
  close(): Promise<void>;
}

export const acmeVideo = '/t/acme/v/vid-1';
export const globexVideo = '/t/globex/v/vid-9';

export interface EdgeFixtureOptions {
  now?: () => Date;
  /** Runs before each tenant lookup, to hold a request in flight. */
  beforeTenantLookup?: () => Promise<void>;
}

export async function startEdge(options: EdgeFixtureOptions = {}): Promise<EdgeFixture> {
  const storeRoot = await mkdtemp(path.join(tmpdir(), 'ott-edge-'));
  const segment = randomBytes(300_000);
  const files: Record<string, string | Buffer> = {
    [`${acmeVideo}/master.m3u8`]: '#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=800000\n720p/index.m3u8\n',
    [`${acmeVideo}/720p/segment-00001.m4s`]: segment,
    [`${acmeVideo}/720p/init.mp4`]: randomBytes(900),
    [`${acmeVideo}/poster.jpg`]: randomBytes(2048),
    [`${acmeVideo}/storyboard.vtt`]: 'WEBVTT\n',
    [`${acmeVideo}/empty.json`]: '',
    [`${globexVideo}/master.m3u8`]: '#EXTM3U\n',
    '/t/acme/v/vid-2/master.m3u8': '#EXTM3U\n# another video\n',
    '/t/acme/secret.txt': 'tenant-level secret',
    '/sources/acme/original.mp4': 'the original upload',
    '/secret.txt': 'store-level secret',
  };
  for (const [key, content] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(storeRoot, key)), { recursive: true });
    await writeFile(path.join(storeRoot, key), content);
  }

  const keys = { acme: keyPair('K-ACME-1'), globex: keyPair('K-GLOBEX-1') };
  const tenants = new Map<string, EdgeTenant>([
    ['acme', { tenantId: 'acme', allowedOrigins: [], publicKeys: new Map([[keys.acme.id, keys.acme.publicKey]]) }],
    ['globex', { tenantId: 'globex', allowedOrigins: ['https://watch.globex.example'], publicKeys: new Map([[keys.globex.id, keys.globex.publicKey]]) }],
  ]);
  const log: AccessLogRecord[] = [];
  const waiters: { path: string; resolve: (record: AccessLogRecord) => void }[] = [];
  const accessLog: AccessLogSink = {
    write(record) {
      log.push(record);
      const index = waiters.findIndex((waiter) => waiter.path === record.path);
      if (index !== -1) waiters.splice(index, 1)[0]?.resolve(record);
    },
  };

  const directory = {
    tenant: async (id: string) => {
      await options.beforeTenantLookup?.();
      return tenants.get(id);
    },
  };
  const server = createEdgeServer({ storeRoot, publicBaseUrl, accessLog, directory, ...(options.now ? { now: options.now } : {}) });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    baseUrl: `http://127.0.0.1:${port}`,
    storeRoot,
    keys,
    log,
    segment,
    logFor: (path) => {
      const logged = log.find((record) => record.path === path);
      return logged ? Promise.resolve(logged) : new Promise((resolve) => waiters.push({ path, resolve }));
    },
    close: async () => {
      await closeServer(server);
      await rm(storeRoot, { recursive: true, force: true });
    },
  };
}

function keyPair(id: string): KeyPair {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { id, privateKey, publicKey };
}

function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
}

export interface GrantOptions {
  /** Defaults to everything below the video: `${publicBaseUrl}${videoPath}/*`. */
  resource?: string;
  expiresAt?: Date;
  notBefore?: Date;
  ipAddress?: string;
}

export function videoPolicy(videoPath: string, options: GrantOptions = {}): string {
  return buildCustomPolicy({
    resource: options.resource ?? `${publicBaseUrl}${videoPath}/*`,
    expiresAt: options.expiresAt ?? new Date(Date.now() + 3_600_000),
    ...(options.notBefore ? { notBefore: options.notBefore } : {}),
    ...(options.ipAddress ? { ipAddress: options.ipAddress } : {}),
  });
}

/** The `?Policy=…&Signature=…&Key-Pair-Id=…` a player appends to every request. */
export function signedQuery(key: KeyPair, policy: string, objectPath: string): string {
  const signed = getSignedUrl({ url: `${publicBaseUrl}${objectPath}`, policy, keyPairId: key.id, privateKey: sdkPrivateKey(key.privateKey) });
  return new URL(signed).search;
}

/** The `Cookie` header a browser sends once the control plane set the CloudFront-* cookies. */
export function signedCookieHeader(key: KeyPair, policy: string): string {
  const cookies = getSignedCookies({ policy, keyPairId: key.id, privateKey: sdkPrivateKey(key.privateKey) });
  return Object.entries(cookies)
    .map(([name, value]) => `${name}=${String(value)}`)
    .join('; ');
}

/** The AWS signer takes a KeyObject at runtime though its types say string | Buffer (FINDINGS: Signing). */
function sdkPrivateKey(key: KeyObject): string {
  return key as unknown as string;
}

export interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/** Sends the request target exactly as written: fetch would normalise `..` and encoded dots away. */
export function rawGet(baseUrl: string, target: string): Promise<RawResponse> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const req = request({ host: hostname, port, path: target, method: 'GET' }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end();
  });
}
