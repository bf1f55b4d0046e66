// The viewer-facing doors the player's built-in sign-in uses: the sign-in screen (branding, and a poster grant that
// opens the poster alone; none for videos a token guards) and "forgot password" by emailed code — single use, an
// hour long, five tries, hashed at rest, and the same answer whether or not the viewer exists.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newestEmail, waitForEmail } from '../support/mailbox.js';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.js';
import { signUpActiveTenant } from '../support/tenants.js';
import { insertReadyVideo } from '../support/playback-fixtures.js';

let platform: TestPlatform;
let tenant: Awaited<ReturnType<typeof signUpActiveTenant>>;

beforeAll(async () => {
  platform = await startTestPlatform();
  await platform.startWorker();
  tenant = await signUpActiveTenant(platform, 'resets');
});
afterAll(async () => {
  await platform?.close();
});

/** An invited viewer who has chosen their password. */
async function activeViewer(email: string): Promise<void> {
  await tenant.admin.viewers.invite({ email });
  const password = /Temporary password: (\S+)/.exec((await waitForEmail(platform.database.db, { kind: 'viewer-invitation', to: email })).text)?.[1] ?? '';
  const first = await platform.caller().viewerAuth.signIn({ tenantSlug: tenant.slug, email, password });
  if (first.kind !== 'new-password-required') throw new Error('expected a new password to be asked for');
  await platform.caller().viewerAuth.completeNewPassword({ tenantSlug: tenant.slug, session: first.session, newPassword: 'first chosen password' });
}

async function emailedCode(email: string, since: Date): Promise<string> {
  const mail = await waitForEmail(platform.database.db, { kind: 'viewer-password-reset', to: email, since });
  const code = /Code: (\d{6})/.exec(mail.text)?.[1];
  if (!code) throw new Error(`no code in: ${mail.text}`);
  return code;
}

async function requestCode(email: string): Promise<string> {
  const since = new Date(Date.now() - 1000);
  expect(await platform.caller().viewerAuth.requestPasswordReset({ tenantSlug: tenant.slug, email })).toEqual({ requested: true });
  return emailedCode(email, since);
}

describe('viewer password reset', () => {
  it('emails a code that sets a new password once; the code is stored only as a hash', async () => {
    const email = 'reset-once@viewers.example';
    await activeViewer(email);
    const code = await requestCode(email);
    const stored = await platform.database.db.selectFrom('viewers').select('reset_code_hash').where('email', '=', email).executeTakeFirstOrThrow();
    expect(stored.reset_code_hash).not.toContain(code);

    await platform.caller().viewerAuth.confirmPasswordReset({ tenantSlug: tenant.slug, email, code, newPassword: 'second chosen password' });
    expect((await platform.caller().viewerAuth.signIn({ tenantSlug: tenant.slug, email, password: 'second chosen password' })).kind).toBe('signed-in');
    await expect(platform.caller().viewerAuth.confirmPasswordReset({ tenantSlug: tenant.slug, email, code, newPassword: 'third chosen password' })).rejects.toThrow(
      'The code has expired — request a new one.',
    );
  });

  it('ends a code after five wrong tries, and after an hour', async () => {
    const email = 'reset-tries@viewers.example';
    await activeViewer(email);
    const code = await requestCode(email);
    const wrong = code === '000000' ? '111111' : '000000';
    for (let attempt = 0; attempt < 5; attempt += 1) {
      await expect(platform.caller().viewerAuth.confirmPasswordReset({ tenantSlug: tenant.slug, email, code: wrong, newPassword: 'guessed password!' })).rejects.toThrow(
        'That code is not right. Check the latest email and try again.',
      );
    }
    await expect(platform.caller().viewerAuth.confirmPasswordReset({ tenantSlug: tenant.slug, email, code, newPassword: 'too late password' })).rejects.toThrow(
      'The code has expired — request a new one.',
    );

    const fresh = await requestCode(email);
    const stored = await platform.database.db.selectFrom('viewers').select('reset_code_expires_at').where('email', '=', email).executeTakeFirstOrThrow();
    expect(stored.reset_code_expires_at?.getTime()).toBeLessThanOrEqual(Date.now() + 3600_000);
    // An hour on (the identity provider keeps the platform's clock): the code has ended.
    await platform.database.db
      .updateTable('viewers')
      .set({ reset_code_expires_at: new Date(Date.now() - 1000) })
      .where('email', '=', email)
      .execute();
    await expect(platform.caller().viewerAuth.confirmPasswordReset({ tenantSlug: tenant.slug, email, code: fresh, newPassword: 'an hour too late' })).rejects.toThrow(
      'The code has expired — request a new one.',
    );
  });

  it('answers a request for an unknown viewer or workspace as for a known one, and sends nothing', async () => {
    const since = new Date(Date.now() - 1000);
    expect(await platform.caller().viewerAuth.requestPasswordReset({ tenantSlug: tenant.slug, email: 'nobody@viewers.example' })).toEqual({ requested: true });
    expect(await platform.caller().viewerAuth.requestPasswordReset({ tenantSlug: 'no-such-workspace', email: 'nobody@viewers.example' })).toEqual({ requested: true });
    expect(await newestEmail(platform.database.db, { kind: 'viewer-password-reset', to: 'nobody@viewers.example', since })).toBeUndefined();
  });
});

describe('viewerAuth.signInScreen', () => {
  const insertVideo = (accessMode: 'viewers' | 'token') => insertReadyVideo(platform.database.db, tenant.session.tenantId, { title: 'Members film', accessMode });

  it('gives a viewers-only video its workspace, title and a grant for the poster alone', async () => {
    const screen = await platform.caller().viewerAuth.signInScreen({ videoId: await insertVideo('viewers') });
    expect(screen).toMatchObject({ tenantSlug: tenant.slug, title: 'Members film', branding: expect.objectContaining({ accentColor: null }), signUpOpen: false });
    const poster = new URL(screen.posterUrl ?? '');
    expect(poster.pathname).toMatch(/\/poster\.jpg$/);
    const policy = JSON.parse(Buffer.from((poster.searchParams.get('Policy') ?? '').replace(/-/g, '+').replace(/_/g, '=').replace(/~/g, '/'), 'base64').toString()) as {
      Statement: { Resource: string }[];
    };
    expect(policy.Statement[0]?.Resource).toBe(`${poster.origin}${poster.pathname}`);
  });

  it('shows nothing for a video a playback token guards', async () => {
    await expect(platform.caller().viewerAuth.signInScreen({ videoId: await insertVideo('token') })).rejects.toThrow('The video was not found.');
  });
});
