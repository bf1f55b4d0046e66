import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acmeVideo, signedCookieHeader, signedQuery, startEdge, videoPolicy, type EdgeFixture } from './edge-fixture.js';

let edge: EdgeFixture;
let query: string;

beforeAll(async () => {
  edge = await startEdge();
  query = signedQuery(edge.keys.acme, videoPolicy(acmeVideo), `${acmeVideo}/master.m3u8`);
});
afterAll(() => edge.close());

const segmentPath = `${acmeVideo}/720p/segment-00001.m4s`;
const get = (objectPath: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Response> => fetch(`${edge.baseUrl}${objectPath}${query}`, { method, headers });

describe('local edge: byte ranges', () => {
  it('answers bytes=a-b with 206 and exactly those bytes', async () => {
    const response = await get(segmentPath, { range: 'bytes=1000-1999' });
    expect(response.status).toBe(206);
    expect(response.headers.get('content-range')).toBe(`bytes 1000-1999/${edge.segment.length}`);
    expect(response.headers.get('content-length')).toBe('1000');
    expect(Buffer.from(await response.arrayBuffer()).equals(edge.segment.subarray(1000, 2000))).toBe(true);
  });

  it('answers open-ended and suffix ranges', async () => {
    const size = edge.segment.length;
    const tail = await get(segmentPath, { range: `bytes=${size - 10}-` });
    expect(tail.headers.get('content-range')).toBe(`bytes ${size - 10}-${size - 1}/${size}`);
    expect(Buffer.from(await tail.arrayBuffer()).equals(edge.segment.subarray(size - 10))).toBe(true);
    const suffix = await get(segmentPath, { range: 'bytes=-500' });
    expect(suffix.status).toBe(206);
    expect(Buffer.from(await suffix.arrayBuffer()).equals(edge.segment.subarray(size - 500))).toBe(true);
  });

  it('clamps a range running past the end', async () => {
    const size = edge.segment.length;
    const response = await get(segmentPath, { range: `bytes=${size - 4}-${size + 1000}` });
    expect(response.status).toBe(206);
    expect(response.headers.get('content-range')).toBe(`bytes ${size - 4}-${size - 1}/${size}`);
    expect((await response.arrayBuffer()).byteLength).toBe(4);
  });

  it('refuses a range starting past the end with 416 and the real size', async () => {
    const response = await get(segmentPath, { range: `bytes=${edge.segment.length}-` });
    expect(response.status).toBe(416);
    expect(response.headers.get('content-range')).toBe(`bytes */${edge.segment.length}`);
    expect((await get(`${acmeVideo}/empty.json`, { range: 'bytes=-1' })).status).toBe(416);
  });

  it('serves the whole object for ranges it does not handle', async () => {
    for (const range of ['bytes=0-1,5-9', 'bytes=9-1', 'items=0-1', 'bytes=abc']) {
      const response = await get(segmentPath, { range });
      expect(response.status, range).toBe(200);
      expect((await response.arrayBuffer()).byteLength).toBe(edge.segment.length);
    }
  });

  it('ignores the range when If-Range names an older version', async () => {
    const etag = (await get(segmentPath, {}, 'HEAD')).headers.get('etag') ?? '';
    expect((await get(segmentPath, { range: 'bytes=0-9', 'if-range': etag })).status).toBe(206);
    expect((await get(segmentPath, { range: 'bytes=0-9', 'if-range': '"stale"' })).status).toBe(200);
  });
});

describe('local edge: HTTP semantics', () => {
  it('answers HEAD with the GET headers and no body', async () => {
    const response = await get(segmentPath, {}, 'HEAD');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-length')).toBe(String(edge.segment.length));
    expect(response.headers.get('accept-ranges')).toBe('bytes');
    expect((await response.arrayBuffer()).byteLength).toBe(0);
  });

  it('answers 304 to If-None-Match and If-Modified-Since for the current version', async () => {
    const first = await get(`${acmeVideo}/poster.jpg`);
    const etag = first.headers.get('etag') ?? '';
    const lastModified = first.headers.get('last-modified') ?? '';
    expect(etag).toMatch(/^"[0-9a-f]+-[0-9a-f]+"$/);
    const byTag = await get(`${acmeVideo}/poster.jpg`, { 'if-none-match': `"other", ${etag}` });
    expect(byTag.status).toBe(304);
    expect(byTag.headers.get('etag')).toBe(etag);
    expect((await get(`${acmeVideo}/poster.jpg`, { 'if-none-match': `W/${etag}` })).status).toBe(304);
    expect((await get(`${acmeVideo}/poster.jpg`, { 'if-modified-since': lastModified })).status).toBe(304);
    expect((await get(`${acmeVideo}/poster.jpg`, { 'if-none-match': '"other"', 'if-modified-since': lastModified })).status).toBe(200);
  });

  it('labels each kind of object and caches playlists briefly, media for a year', async () => {
    const expected: [string, string, string][] = [
      ['/master.m3u8', 'application/vnd.apple.mpegurl', 'max-age=60'],
      ['/720p/segment-00001.m4s', 'video/iso.segment', 'max-age=31536000, immutable'],
      ['/720p/init.mp4', 'video/mp4', 'max-age=31536000, immutable'],
      ['/poster.jpg', 'image/jpeg', 'max-age=31536000, immutable'],
      ['/storyboard.vtt', 'text/vtt; charset=utf-8', 'max-age=60'],
      ['/empty.json', 'application/json', 'max-age=60'],
    ];
    for (const [file, contentType, cacheControl] of expected) {
      const response = await get(`${acmeVideo}${file}`, {}, 'HEAD');
      expect([file, response.headers.get('content-type'), response.headers.get('cache-control')]).toEqual([file, contentType, cacheControl]);
    }
  });

  it('caches a playlist still growing (published while encoding) for two seconds, and as usual once it ends', async () => {
    const playlistPath = `${acmeVideo}/720p/index.m3u8`;
    const file = join(edge.storeRoot, playlistPath);
    const growing = '#EXTM3U\n#EXT-X-PLAYLIST-TYPE:EVENT\n#EXT-X-MAP:URI="init.mp4"\n#EXTINF:6.0,\nsegment-00001.m4s\n';
    await writeFile(file, growing);
    const whileEncoding = await get(playlistPath);
    expect(whileEncoding.headers.get('cache-control')).toBe('max-age=2');
    expect(await whileEncoding.text()).toContain(`segment-00001.m4s${query}`);

    await writeFile(file, `${growing}#EXT-X-ENDLIST\n`);
    const unsigned = await fetch(`${edge.baseUrl}${playlistPath}`, { headers: { cookie: signedCookieHeader(edge.keys.acme, videoPolicy(acmeVideo)) } });
    expect(unsigned.headers.get('cache-control')).toBe('max-age=60');
    expect(await unsigned.text()).toBe(`${growing}#EXT-X-ENDLIST\n`);
    const etag = unsigned.headers.get('etag') ?? '';
    const again = await fetch(`${edge.baseUrl}${playlistPath}`, { headers: { cookie: signedCookieHeader(edge.keys.acme, videoPolicy(acmeVideo)), 'if-none-match': etag } });
    expect(again.status).toBe(304);
  });

  it('serves an empty object as an empty 200', async () => {
    const response = await get(`${acmeVideo}/empty.json`);
    expect([response.status, response.headers.get('content-length'), await response.text()]).toEqual([200, '0', '']);
  });

  it('answers 404 outside /t/{tenant}/v/{video}/ and 405 to other methods', async () => {
    for (const target of ['/', '/t/acme', `${acmeVideo}`, `${acmeVideo}/`, '/healthz', '/x/acme/v/vid-1/master.m3u8']) {
      expect((await fetch(`${edge.baseUrl}${target}`)).status, target).toBe(404);
    }
    const put = await fetch(`${edge.baseUrl}${acmeVideo}/master.m3u8${query}`, { method: 'PUT', body: 'x' });
    expect([put.status, put.headers.get('allow')]).toEqual([405, 'GET, HEAD, OPTIONS']);
    expect((await fetch(`${edge.baseUrl}${acmeVideo}/master.m3u8${query}`, { method: 'DELETE' })).status).toBe(405);
  });

  it('answers 404 for a folder inside the video', async () => {
    expect((await get(`${acmeVideo}/720p`)).status).toBe(404);
  });
});
