import { describe, expect, it } from 'vitest';
import { signatureOf, withSigningQuery } from '../src/authorize/signing-query.js';
import { refreshDelayMs, retryDelayMs } from '../src/authorize/refresh-schedule.js';

const OLD = 'Policy=old-policy&Signature=old~sig&Key-Pair-Id=K1';
const NEW = 'Policy=new-policy&Signature=new~sig&Key-Pair-Id=K2';

describe('withSigningQuery', () => {
  it('adds the grant to a URL without a query', () => {
    expect(withSigningQuery('https://edge.example/t/1/v/2/720p/seg-1.m4s', NEW)).toBe(`https://edge.example/t/1/v/2/720p/seg-1.m4s?${NEW}`);
  });

  it('replaces the grant a playlist wrote into a child URI, never keeping both', () => {
    const swapped = withSigningQuery(`https://edge.example/t/1/v/2/720p/index.m3u8?${OLD}`, NEW);
    expect(swapped).toBe(`https://edge.example/t/1/v/2/720p/index.m3u8?${NEW}`);
    expect(swapped.match(/Signature=/g)).toHaveLength(1);
    expect(signatureOf(swapped)).toBe('new~sig');
  });

  it('keeps other parameters in order, and the fragment', () => {
    expect(withSigningQuery(`https://e.example/a.m4s?_HLS_msn=4&${OLD}&lang=en#t=3`, NEW)).toBe(`https://e.example/a.m4s?_HLS_msn=4&lang=en&${NEW}#t=3`);
  });

  it('strips percent-encoded and legacy canned-policy names too', () => {
    expect(withSigningQuery('https://e.example/a.m4s?Expires=1&Hash-Algorithm=SHA256&Key%2DPair%2DId=K0&x=1', NEW)).toBe(`https://e.example/a.m4s?x=1&${NEW}`);
  });

  it('with an empty grant only strips, and tolerates stray separators', () => {
    expect(withSigningQuery(`https://e.example/a.m4s?&${OLD}&`, '')).toBe('https://e.example/a.m4s');
    expect(withSigningQuery('master.m3u8', `?${NEW}`)).toBe(`master.m3u8?${NEW}`);
  });

  it('is idempotent: signing twice with the same grant changes nothing', () => {
    const once = withSigningQuery(`https://e.example/master.m3u8?${OLD}`, NEW);
    expect(withSigningQuery(once, NEW)).toBe(once);
  });
});

describe('grant refresh schedule', () => {
  const now = Date.parse('2026-11-21T12:00:00Z');
  it('refreshes a ten-minute grant one minute before it ends', () => {
    expect(refreshDelayMs(new Date(now + 600_000), now)).toBe(540_000);
  });
  it('refreshes a short grant when a third of it remains', () => {
    expect(refreshDelayMs(new Date(now + 12_000), now)).toBe(8_000);
  });
  it('never spins on a grant that looks expired (a skewed device clock)', () => {
    expect(refreshDelayMs(new Date(now - 5_000), now)).toBe(30_000);
    expect(refreshDelayMs(new Date(now + 900), now)).toBe(1_000);
  });
  it('backs off failed refreshes up to 30 s', () => {
    expect([1, 2, 3, 4, 5, 6, 7].map(retryDelayMs)).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000]);
  });
});
