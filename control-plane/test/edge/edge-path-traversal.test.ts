import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acmeVideo, rawGet, signedQuery, startEdge, videoPolicy, type EdgeFixture } from './edge-fixture.js';

let edge: EdgeFixture;

beforeAll(async () => {
  edge = await startEdge();
});
afterAll(() => edge.close());

describe('local edge: path traversal', () => {
  // Signed for everything, so only the path rules stand between the request and the files.
  const everything = (): string => signedQuery(edge.keys.acme, videoPolicy(acmeVideo, { resource: '*' }), `${acmeVideo}/master.m3u8`);

  const attempts = [
    `${acmeVideo}/../../secret.txt`,
    `${acmeVideo}/../../../../secret.txt`,
    `${acmeVideo}/./master.m3u8`,
    `${acmeVideo}/%2e%2e/%2e%2e/secret.txt`,
    `${acmeVideo}/%2E%2E/%2E%2E/secret.txt`,
    `${acmeVideo}/.%2e/.%2e/.%2e/.%2e/sources/acme/original.mp4`,
    `${acmeVideo}/..%2f..%2fsecret.txt`,
    `${acmeVideo}/..%2F..%2Fsecret.txt`,
    `${acmeVideo}/..%5c..%5csecret.txt`,
    `${acmeVideo}/..\\..\\secret.txt`,
    `${acmeVideo}/master.m3u8%00.jpg`,
    `${acmeVideo}/master%0a.m3u8`,
    `${acmeVideo}/%252e%252e/secret.txt`,
    `/t/acme/v/..%2f..%2f/secret.txt`,
    `/t/../v/x/secret.txt`,
    `/t/%2e%2e/v/%2e%2e/secret.txt`,
    `${acmeVideo}/%E0%A4%A`,
  ];

  it.each(attempts)('refuses %s without serving a byte of the store', async (target) => {
    const response = await rawGet(edge.baseUrl, `${target}${everything()}`);
    expect([400, 403, 404]).toContain(response.status);
    expect(response.body).not.toMatch(/secret|original upload|EXTM3U/);
  });

  it('refuses dot segments and encoded separators with 400 before any lookup', async () => {
    for (const target of attempts.slice(0, 12)) {
      expect((await rawGet(edge.baseUrl, `${target}${everything()}`)).status, target).toBe(400);
    }
  });

  it('still serves an encoded but harmless name', async () => {
    const response = await rawGet(edge.baseUrl, `${acmeVideo}/%6Daster.m3u8${everything()}`);
    expect(response.status).toBe(200);
  });
});
