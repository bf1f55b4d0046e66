import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { corsHeaders } from '../../src/edge/cors.js';
import { acmeVideo, globexVideo, signedCookieHeader, signedQuery, startEdge, videoPolicy, type EdgeFixture } from './edge-fixture.js';

let edge: EdgeFixture;

beforeAll(async () => {
  edge = await startEdge();
});
afterAll(() => edge.close());

const acmeMaster = `${acmeVideo}/master.m3u8`;
const globexMaster = `${globexVideo}/master.m3u8`;
const allowed = 'https://watch.globex.example';

describe('local edge: CORS', () => {
  it('allows any origin when the tenant lists none', async () => {
    const response = await fetch(`${edge.baseUrl}${acmeMaster}${signedQuery(edge.keys.acme, videoPolicy(acmeVideo), acmeMaster)}`, { headers: { origin: 'https://anyone.example' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('access-control-allow-credentials')).toBeNull();
    expect(response.headers.get('access-control-expose-headers')).toBe('Content-Length, Content-Range');
  });

  it('echoes a listed origin with credentials so cookie grants work cross-site', async () => {
    const cookie = signedCookieHeader(edge.keys.globex, videoPolicy(globexVideo));
    const response = await fetch(`${edge.baseUrl}${globexMaster}`, { headers: { origin: allowed, cookie } });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe(allowed);
    expect(response.headers.get('access-control-allow-credentials')).toBe('true');
    expect(response.headers.get('vary')).toBe('Origin');
  });

  it('sends no CORS grant to an origin the tenant did not list', async () => {
    const cookie = signedCookieHeader(edge.keys.globex, videoPolicy(globexVideo));
    const response = await fetch(`${edge.baseUrl}${globexMaster}`, { headers: { origin: 'https://evil.example', cookie } });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
    expect(response.headers.get('access-control-allow-credentials')).toBeNull();
    expect(response.headers.get('vary')).toBe('Origin');
  });

  it('lets the allowed player read a 403 reason', async () => {
    const response = await fetch(`${edge.baseUrl}${globexMaster}`, { headers: { origin: allowed } });
    expect(response.status).toBe(403);
    expect(response.headers.get('access-control-allow-origin')).toBe(allowed);
    expect(await response.text()).toBe('missing-credentials\n');
  });

  it('answers preflights for Range requests from allowed origins only', async () => {
    const preflight = (origin: string, target: string): Promise<Response> =>
      fetch(`${edge.baseUrl}${target}`, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'GET', 'access-control-request-headers': 'range' } });

    const ok = await preflight(allowed, globexMaster);
    expect(ok.status).toBe(204);
    expect(ok.headers.get('access-control-allow-origin')).toBe(allowed);
    expect(ok.headers.get('access-control-allow-methods')).toBe('GET, HEAD, OPTIONS');
    expect(ok.headers.get('access-control-allow-headers')).toBe('Range');

    const refused = await preflight('https://evil.example', globexMaster);
    expect(refused.headers.get('access-control-allow-origin')).toBeNull();
    expect(refused.headers.get('access-control-allow-methods')).toBeNull();

    const open = await preflight('https://anyone.example', acmeMaster);
    expect([open.status, open.headers.get('access-control-allow-origin'), open.headers.get('access-control-allow-headers')]).toEqual([204, '*', 'Range']);
  });

  it('never grants the opaque origin `null` (sandboxed frames, data: and file: pages), even where an old version stored it', () => {
    const stored = ['null', allowed];
    expect(corsHeaders('null', stored)).toEqual({ vary: 'Origin' });
    expect(corsHeaders('NULL', stored)).toEqual({ vary: 'Origin' });
    expect(corsHeaders(allowed, stored)['access-control-allow-origin']).toBe(allowed);
  });
});
