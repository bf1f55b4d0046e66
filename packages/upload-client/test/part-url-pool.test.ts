import { describe, expect, it } from 'vitest';
import { PartUrlPool, type AnyPartUrlBatch } from '../src/index.js';

function batch(partNumbers: number[], generation: number, expiresAt: number): AnyPartUrlBatch {
  return { parts: partNumbers.map((partNumber) => ({ partNumber, url: `u${partNumber}-g${generation}` })), urlsExpireAt: new Date(expiresAt).toISOString() };
}

describe('PartUrlPool', () => {
  it('renews every unsettled URL in one call shortly before they expire', async () => {
    let now = 0;
    const requests: number[][] = [];
    const pool = new PartUrlPool(
      batch([1, 2, 3], 1, 3600_000),
      async (partNumbers) => (requests.push(partNumbers), batch(partNumbers, 2, now + 3600_000)),
      () => now,
    );
    expect(await pool.urlFor(1)).toBe('u1-g1');
    pool.settled(1);
    now = 3600_000 - 30_000;
    expect(await Promise.all([pool.urlFor(2), pool.urlFor(3)])).toEqual(['u2-g2', 'u3-g2']);
    expect(requests).toEqual([[2, 3]]);
  });

  it('renews once when several parts find their URLs refused, and not for a URL already replaced', async () => {
    const requests: number[][] = [];
    const pool = new PartUrlPool(
      batch([1, 2], 1, 3600_000),
      async (partNumbers) => (requests.push(partNumbers), batch(partNumbers, requests.length + 1, 3600_000)),
      () => 0,
    );
    expect(await Promise.all([pool.renew(1, 'u1-g1'), pool.renew(2, 'u2-g1')])).toEqual(['u1-g2', 'u2-g2']);
    expect(await pool.renew(1, 'u1-g1')).toBe('u1-g2');
    expect(requests).toEqual([[1, 2]]);
  });
});
