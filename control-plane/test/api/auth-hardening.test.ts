// Sign-in hardening: lockout after repeated failures, every session ended by a password change,
// and rate limits on the doors an attacker would hammer (over real HTTP).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCKOUT_AFTER } from '../../src/domain/admins/admin-sessions.js';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.js';
import { PASSWORD, signUpActiveTenant } from '../support/tenants.js';

let platform: TestPlatform;

beforeAll(async () => {
  platform = await startTestPlatform();
  await platform.startWorker();
});
afterAll(() => platform?.close());

describe('lockout', () => {
  it(`locks the account after ${LOCKOUT_AFTER} wrong passwords, even for the right one, and says for how long`, async () => {
    const { slug, email } = await signUpActiveTenant(platform, 'lockout');
    for (let attempt = 0; attempt < LOCKOUT_AFTER; attempt += 1) {
      await expect(platform.caller().auth.login({ tenantSlug: slug, email, password: `guess number ${attempt}` })).rejects.toMatchObject({ message: 'Wrong workspace, e-mail or password.' });
    }
    await expect(platform.caller().auth.login({ tenantSlug: slug, email, password: PASSWORD })).rejects.toMatchObject({ code: 'UNAUTHORIZED', message: expect.stringMatching(/locked for 15 more minutes/) });
  });

  it('resets the count after a successful sign-in', async () => {
    const { slug, email } = await signUpActiveTenant(platform, 'resets');
    for (let round = 0; round < 2; round += 1) {
      for (let attempt = 0; attempt < LOCKOUT_AFTER - 1; attempt += 1) {
        await expect(platform.caller().auth.login({ tenantSlug: slug, email, password: 'not the password' })).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
      }
      await platform.caller().auth.login({ tenantSlug: slug, email, password: PASSWORD });
    }
  });
});

describe('password change', () => {
  it('ends every other session at once: old access and refresh tokens stop working', async () => {
    const { slug, email, session } = await signUpActiveTenant(platform, 'rotate');
    const otherDevice = await platform.caller().auth.login({ tenantSlug: slug, email, password: PASSWORD });
    await expect(platform.caller(session.accessToken).auth.changePassword({ currentPassword: 'wrong current one', newPassword: 'a brand new password' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    const fresh = await platform.caller(session.accessToken).auth.changePassword({ currentPassword: PASSWORD, newPassword: 'a brand new password' });

    await expect(platform.caller(session.accessToken).tenants.me()).rejects.toMatchObject({ code: 'UNAUTHORIZED', message: expect.stringContaining('password changed') });
    await expect(platform.caller(otherDevice.accessToken).videos.list()).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    await expect(platform.caller().auth.refresh({ refreshToken: otherDevice.refreshToken })).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    expect((await platform.caller(fresh.accessToken).tenants.me()).slug).toBe(slug);
    await expect(platform.caller().auth.login({ tenantSlug: slug, email, password: PASSWORD })).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    await platform.caller().auth.login({ tenantSlug: slug, email, password: 'a brand new password' });
  });
});

describe('rate limits over HTTP', () => {
  it('answers 429 with a readable message once a client address makes too many sign-in attempts', async () => {
    const statuses: number[] = [];
    let lastMessage = '';
    for (let attempt = 0; attempt < 25; attempt += 1) {
      const response = await fetch(`${platform.apiUrl}/trpc/auth.login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ tenantSlug: 'nobody-here', email: 'x@example.com', password: 'whatever it is' }),
      });
      statuses.push(response.status);
      lastMessage = ((await response.json()) as { error: { message: string } }).error.message;
    }
    expect(statuses.slice(0, 20).every((status) => status === 401)).toBe(true);
    expect(statuses.slice(20).every((status) => status === 429)).toBe(true);
    expect(lastMessage).toMatch(/^Too many attempts from your network\. Wait \d+ s and try again\.$/);
  });
});
