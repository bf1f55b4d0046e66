// Rate limits hold across several API processes and behind a load balancer: the counters live in PostgreSQL, swept
// when they end, and X-Forwarded-For names the client only when a configured trusted proxy passed it on.
import { parseCidr, type Cidr } from '@ott/signing';
import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SharedRateLimiter } from '../../src/api/shared-rate-limiter.js';
import { sha256 } from '../../src/crypto/ids.js';
import { createDatabase, type Db } from '../../src/db/database.js';
import { movableClock, postMutation, startApiServer, type ExtraApiServer } from '../support/api-server.js';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.js';

let platform: TestPlatform;
/** A second process's view of the database: its own connection pool, its own in-memory state. */
let secondDb: Db;
let first: ExtraApiServer;
let second: ExtraApiServer;
let behindProxy: ExtraApiServer;
const clock = movableClock();

beforeAll(async () => {
  platform = await startTestPlatform();
  secondDb = createDatabase(platform.database.url);
  first = await startApiServer({ ...platform.app.deps, clock });
  second = await startApiServer({ ...platform.app.deps, db: secondDb, clock });
  behindProxy = await startApiServer({ ...platform.app.deps, clock }, [parseCidr('127.0.0.1') as Cidr]);
});
afterAll(async () => {
  for (const server of [first, second, behindProxy]) await server?.close();
  await secondDb?.destroy();
  await platform?.close();
});
// Every test starts in fresh windows (the longest, sign-up's, is an hour).
beforeEach(() => clock.advance(3600_000 + 1000));

const login = (apiUrl: string, attempt: number, forwardedFor?: string) =>
  postMutation(apiUrl, 'auth.login', { tenantSlug: 'nobody-here', email: `guess${attempt}@example.com`, password: 'Summer2026!' }, forwardedFor);

describe('across API processes', () => {
  const doors = [
    { path: 'auth.login', limit: 20, input: (n: number) => ({ tenantSlug: 'nobody-here', email: `door${n}@example.com`, password: 'a guess' }) },
    { path: 'viewerAuth.signIn', limit: 30, input: (n: number) => ({ tenantSlug: 'nobody-here', email: `door${n}@example.com`, password: 'a guess' }) },
    { path: 'tenants.signup', limit: 10, input: (n: number) => ({ companyName: `Flood ${n}`, slug: `flood-${n}`, email: 'not an e-mail', password: 'x' }) },
    { path: 'auth.refresh', limit: 120, input: (n: number) => ({ refreshToken: `not-a-refresh-token-${n}` }) },
  ];

  it.each(doors)('$path: attempts on two API servers against one database count together ($limit in all)', async ({ path, limit, input }) => {
    const statuses: number[] = [];
    for (let attempt = 0; attempt < limit; attempt += 1) statuses.push((await postMutation(attempt % 2 === 0 ? first.url : second.url, path, input(attempt))).status);
    expect(statuses.filter((status) => status === 429)).toEqual([]);
    for (const server of [first, second]) {
      const refused = await postMutation(server.url, path, input(limit));
      expect(refused.status).toBe(429);
      expect(refused.message).toMatch(/^Too many attempts from your network\. Wait \d+ s and try again\.$/);
      expect(refused.retryAfterHeader).toBe(String(refused.retryAfterSeconds));
    }
  });

  it('deletes counters whose window has ended, and keeps the live ones', async () => {
    const limiter = new SharedRateLimiter(platform.database.db, clock);
    await limiter.take('short-lived', { limit: 5, windowMs: 1000 });
    await limiter.take('long-lived', { limit: 5, windowMs: 3600_000 });
    const rowsOf = async (key: string) => (await platform.database.db.selectFrom('rate_limits').select('key').where('key', '=', sha256(key)).execute()).length;
    expect([await rowsOf('short-lived'), await rowsOf('long-lived')]).toEqual([1, 1]);
    clock.advance(2 * 60_000);
    await limiter.take('a later attempt', { limit: 5, windowMs: 1000 });
    expect([await rowsOf('short-lived'), await rowsOf('long-lived')]).toEqual([0, 1]);
    const { rows } = await sql<{ expired: string }>`select count(*) as expired from rate_limits where expires_at <= ${clock.now()}`.execute(platform.database.db);
    expect(Number(rows[0]?.expired)).toBe(0);
  });
});

describe('client address', () => {
  it('ignores X-Forwarded-For from a peer that is not a trusted proxy: a made-up one each time does not dodge the limit', async () => {
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 21; attempt += 1) statuses.push((await login(first.url, attempt, `192.0.2.${attempt + 1}`)).status);
    expect(statuses.slice(0, 20).every((status) => status === 401)).toBe(true);
    expect(statuses[20]).toBe(429);
  });

  it('behind a trusted proxy counts clients apart, and believes only what the proxy appended', async () => {
    for (let attempt = 0; attempt < 20; attempt += 1) expect((await login(behindProxy.url, attempt, '203.0.113.7')).status).toBe(401);
    expect((await login(behindProxy.url, 20, '203.0.113.7')).status).toBe(429);
    // Another client behind the same proxy is not held back by the first one's attempts.
    expect((await login(behindProxy.url, 21, '198.51.100.8')).status).toBe(401);
    // The limited client writes an address of its own choosing; the proxy appends the one it really saw.
    expect((await login(behindProxy.url, 22, '198.51.100.99, 203.0.113.7')).status).toBe(429);
    // A chain of trusted proxies: the right-most address that is not one of them is the client.
    expect((await login(behindProxy.url, 23, '203.0.113.7, 127.0.0.1')).status).toBe(429);
  });

  it('counts an IPv6 client by its /64, which one subscriber holds whole', async () => {
    for (let attempt = 0; attempt < 20; attempt += 1) expect((await login(behindProxy.url, attempt, `2001:db8:1:2::${attempt + 1}`)).status).toBe(401);
    expect((await login(behindProxy.url, 20, '2001:db8:1:2:ffff:ffff:ffff:ffff')).status).toBe(429);
    expect((await login(behindProxy.url, 21, '2001:db8:1:3::1')).status).toBe(401);
  });
});
