// Refresh tokens come in families, one per sign-in. A stale token (rotated, or from a family that was signed out
// or has expired) must not be a kill switch for the admin's other sessions: reuse detection ends only the
// family it belongs to, and only while that family is live.
import { randomBytes } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../src/composition.js';
import { sha256 } from '../../src/crypto/ids.js';
import * as familiesMigration from '../../src/db/migrations/0014-refresh-token-families.js';
import { refreshAdminSession } from '../../src/domain/admins/admin-sessions.js';
import { insertTenant } from '../support/billing-fixtures.js';
import { createTestDatabase } from '../support/test-database.js';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.js';
import { PASSWORD, signUpActiveTenant } from '../support/tenants.js';

let platform: TestPlatform;

beforeAll(async () => {
  platform = await startTestPlatform();
  await platform.startWorker();
});
afterAll(() => platform?.close());

/** The admin signed in on two devices, each with its own session. */
async function twoDevices(name: string) {
  const { slug, email } = await signUpActiveTenant(platform, name);
  const signIn = () => platform.caller().auth.login({ tenantSlug: slug, email, password: PASSWORD });
  return { deviceA: await signIn(), deviceB: await signIn() };
}

const refresh = (refreshToken: string | undefined) => platform.caller().auth.refresh({ refreshToken });

describe('refresh-token families', () => {
  it('answers 401 to a signed-out device’s old tokens later, and the admin’s other device keeps refreshing', async () => {
    const { deviceA, deviceB } = await twoDevices('logout');
    const rotatedA = await refresh(deviceA.refreshToken);
    await platform.caller().auth.logout({ refreshToken: rotatedA.refreshToken });

    // Both of A's tokens, the current one and the one it rotated earlier, are dead and say why ...
    await expect(refresh(rotatedA.refreshToken)).rejects.toMatchObject({ code: 'UNAUTHORIZED', message: 'This session was signed out. Sign in again.' });
    await expect(refresh(deviceA.refreshToken)).rejects.toMatchObject({ code: 'UNAUTHORIZED', message: 'This session was signed out. Sign in again.' });
    // ... and presenting them ended nothing else: B goes on rotating.
    const nextB = await refresh(deviceB.refreshToken);
    expect((await platform.caller(nextB.accessToken).tenants.me()).id).toBe(deviceB.tenantId);
    await refresh(nextB.refreshToken);
  });

  it('ends only the reused token’s family when a rotated token comes back while that family is live', async () => {
    const { deviceA, deviceB } = await twoDevices('reuse');
    const rotatedA = await refresh(deviceA.refreshToken);

    // A stolen copy of A's first token: the thief and A now both hold A's session, so it ends.
    await expect(refresh(deviceA.refreshToken)).rejects.toMatchObject({ code: 'UNAUTHORIZED', message: expect.stringContaining('used twice') });
    await expect(refresh(rotatedA.refreshToken)).rejects.toMatchObject({ code: 'UNAUTHORIZED', message: expect.stringContaining('used twice') });
    // Once ended, the family answers 401 and never ends anything again; B was never touched.
    await expect(refresh(deviceA.refreshToken)).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    const nextB = await refresh(deviceB.refreshToken);
    await refresh(nextB.refreshToken);
  });

  it('answers 401 to a token of an expired family and ends nothing', async () => {
    const { deviceA, deviceB } = await twoDevices('expiry');
    const rotatedA = await refresh(deviceA.refreshToken);
    const clock = platform.app.deps.clock;
    // 31 days on: A's session (idle for its 30 days) has expired; so would B's, so B refreshes just before.
    const later = (days: number) => ({ now: () => new Date(clock.now().getTime() + days * 86_400_000) });
    platform.app.deps.clock = later(29);
    const keptB = await refresh(deviceB.refreshToken);
    platform.app.deps.clock = later(31);
    try {
      await expect(refresh(deviceA.refreshToken)).rejects.toMatchObject({ code: 'UNAUTHORIZED', message: 'Sign in again: your session is missing or has expired.' });
      await expect(refresh(rotatedA.refreshToken)).rejects.toMatchObject({ code: 'UNAUTHORIZED', message: 'Sign in again: your session is missing or has expired.' });
      await refresh(keptB.refreshToken);
    } finally {
      platform.app.deps.clock = clock;
    }
  });

  it('rotates a token once when it is presented twice at the same moment', async () => {
    const { deviceB } = await twoDevices('race');
    const { tenantSlug, email } = deviceB;
    // Several rounds, each a new sign-in: the two requests overlap differently each time.
    for (let round = 0; round < 5; round += 1) {
      const device = await platform.caller().auth.login({ tenantSlug, email, password: PASSWORD });
      const results = await Promise.allSettled([refresh(device.refreshToken), refresh(device.refreshToken)]);
      // Never two successors: one rotation wins, the other is the second use of a rotated token.
      expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
      expect(results.find((result) => result.status === 'rejected')).toMatchObject({ reason: { code: 'UNAUTHORIZED', message: expect.stringContaining('used twice') } });
    }
    await refresh(deviceB.refreshToken);
  });

  it('ends every family of the admin on a password change, and the sessions say why', async () => {
    const { deviceA, deviceB } = await twoDevices('password');
    const fresh = await platform.caller(deviceA.accessToken).auth.changePassword({ currentPassword: PASSWORD, newPassword: 'another long password' });
    for (const old of [deviceA, deviceB]) {
      await expect(refresh(old.refreshToken)).rejects.toMatchObject({ code: 'UNAUTHORIZED', message: expect.stringContaining('password was changed') });
    }
    await refresh(fresh.refreshToken);
  });
});

describe('migrating to families', () => {
  it('keeps live sessions of older versions, and their revoked tokens end nothing', async () => {
    const database = await createTestDatabase();
    try {
      const db = database.db;
      const { tenantId } = await insertTenant(db);
      const admin = await db.insertInto('admins').values({ tenant_id: tenantId, email: 'old@acme.example', password_hash: 'x', role: 'owner' }).returning('id').executeTakeFirstOrThrow();
      await familiesMigration.down(db as unknown as Kysely<unknown>);
      // Tokens as an older version kept them: one live, one revoked (rotated or signed out, it could not tell).
      const expires = new Date(Date.now() + 86_400_000);
      for (const [token, revoked] of [
        ['live-token-from-before', null],
        ['revoked-token-from-before', new Date()],
      ] as const) {
        await sql`insert into refresh_tokens (tenant_id, admin_id, token_hash, expires_at, revoked_at) values (${tenantId}, ${admin.id}, ${sha256(token)}, ${expires}, ${revoked})`.execute(db);
      }
      await familiesMigration.up(db as unknown as Kysely<unknown>);

      const deps = { db, clock: systemClock, authSecret: randomBytes(32) };
      await expect(refreshAdminSession(deps, 'revoked-token-from-before')).rejects.toMatchObject({ kind: 'unauthenticated', message: 'This session has ended. Sign in again.' });
      const next = await refreshAdminSession(deps, 'live-token-from-before');
      expect(next.email).toBe('old@acme.example');
      await refreshAdminSession(deps, next.refreshToken);
    } finally {
      await database.drop();
    }
  });
});
