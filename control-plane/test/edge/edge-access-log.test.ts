import { randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccessLogRecord } from '../../src/edge/access-log.js';
import { acmeVideo, signedQuery, startEdge, videoPolicy, type EdgeFixture } from './edge-fixture.js';

let edge: EdgeFixture;
let query: string;

beforeAll(async () => {
  edge = await startEdge();
  query = signedQuery(edge.keys.acme, videoPolicy(acmeVideo), `${acmeVideo}/master.m3u8`);
});
afterAll(() => edge.close());

/** Requests run one at a time, so the record a request adds is the last one. */
async function fetchLogged(objectPath: string, init: RequestInit = {}, signed = true): Promise<{ body: Buffer; status: number; record: AccessLogRecord }> {
  const logged = edge.log.length;
  const response = await fetch(`${edge.baseUrl}${objectPath}${signed ? query : ''}`, init);
  const body = Buffer.from(await response.arrayBuffer());
  await until(() => edge.log.length > logged);
  const record = edge.log[edge.log.length - 1];
  if (record === undefined) throw new Error('nothing logged');
  return { body, status: response.status, record };
}

async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 5));
}

const segmentPath = `${acmeVideo}/720p/segment-00001.m4s`;

describe('local edge: access log', () => {
  it('logs a full download with its body bytes, tenant, video and client', async () => {
    const { body, status, record } = await fetchLogged(segmentPath, { headers: { 'user-agent': 'ott-test/1.0' } });
    expect(status).toBe(200);
    expect(record).toMatchObject({ tenantId: 'acme', videoId: 'vid-1', path: segmentPath, status: 200, bytes: body.length, clientIp: '127.0.0.1', userAgent: 'ott-test/1.0' });
    expect(body.length).toBe(edge.segment.length);
    expect(record.range).toBeUndefined();
    expect(Date.parse(record.time)).not.toBeNaN();
  });

  it('logs a ranged download with the range and only the bytes sent', async () => {
    const { body, status, record } = await fetchLogged(segmentPath, { headers: { range: 'bytes=100-1123' } });
    expect([status, body.length]).toEqual([206, 1024]);
    expect(record).toMatchObject({ status: 206, bytes: 1024, range: 'bytes=100-1123' });
  });

  it('logs HEAD with zero body bytes', async () => {
    const { record } = await fetchLogged(segmentPath, { method: 'HEAD' });
    expect(record).toMatchObject({ status: 200, bytes: 0 });
  });

  it('logs refusals, misses and unsatisfiable ranges with the bytes of their short bodies', async () => {
    const refused = await fetchLogged(segmentPath, {}, false);
    expect(refused.record).toMatchObject({ status: 403, bytes: refused.body.length, tenantId: 'acme' });
    expect(refused.body.length).toBeGreaterThan(0);
    const missing = await fetchLogged(`${acmeVideo}/nope.m4s`);
    expect(missing.record).toMatchObject({ status: 404, bytes: missing.body.length });
    const unsatisfiable = await fetchLogged(segmentPath, { headers: { range: 'bytes=999999999-' } });
    expect(unsatisfiable.record).toMatchObject({ status: 416, bytes: unsatisfiable.body.length });
    const stray = await fetchLogged('/favicon.ico', {}, false);
    expect(stray.record).toMatchObject({ status: 404, tenantId: '', videoId: '', path: '/favicon.ico' });
  });

  it('never writes signatures into the log', async () => {
    const { record } = await fetchLogged(`${acmeVideo}/master.m3u8`);
    expect(JSON.stringify(record)).not.toMatch(/Signature|Policy|Key-Pair-Id/);
  });

  it('logs what an aborted download actually sent, not the object size', async () => {
    const bigPath = `${acmeVideo}/720p/big.m4s`;
    const size = 64 * 1024 * 1024;
    await writeFile(path.join(edge.storeRoot, bigPath), randomBytes(size));
    const { hostname, port } = new URL(edge.baseUrl);
    let received = 0;
    await new Promise<void>((resolve) => {
      const req = request({ host: hostname, port, path: `${bigPath}${query}` }, (res) => {
        res.on('data', (chunk: Buffer) => {
          received += chunk.length;
          if (received >= 256 * 1024) req.destroy();
        });
      });
      req.on('close', resolve);
      req.on('error', () => undefined);
      req.end();
    });
    const record = await edge.logFor(bigPath);
    expect(record.status).toBe(200);
    expect(record.bytes).toBeGreaterThanOrEqual(received);
    expect(record.bytes).toBeLessThan(size / 2);
  });

  it('logs a client that left before any answer as 499 with no bytes, and serves on', async () => {
    let lookupStarted = (): void => undefined;
    const started = new Promise<void>((resolve) => (lookupStarted = resolve));
    let release = (): void => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const held = await startEdge({
      beforeTenantLookup: () => {
        lookupStarted();
        return gate;
      },
    });
    const heldQuery = signedQuery(held.keys.acme, videoPolicy(acmeVideo), segmentPath);
    try {
      const controller = new AbortController();
      const leaving = fetch(`${held.baseUrl}${segmentPath}${heldQuery}`, { signal: controller.signal }).catch(() => 'aborted');
      await started;
      controller.abort();
      expect(await leaving).toBe('aborted');
      expect(await held.logFor(segmentPath)).toMatchObject({ status: 499, bytes: 0 });
      release();
      const next = await fetch(`${held.baseUrl}${segmentPath}${heldQuery}`);
      expect((await next.arrayBuffer()).byteLength).toBe(held.segment.length);
      await until(() => held.log.length >= 2);
      expect(held.log.map((record) => record.status)).toEqual([499, 200]);
    } finally {
      release();
      await held.close();
    }
  });
});
