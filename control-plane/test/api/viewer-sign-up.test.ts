// Viewers creating their own account where the tenant opened sign-up: the address proves itself with an emailed code
// (single use, an hour, five tries, hashed at rest) before the pool has an account, and the first step answers alike
// whether or not the address already has one.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitForEmail } from '../support/mailbox.js';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.js';
import { signUpActiveTenant } from '../support/tenants.js';

let platform: TestPlatform;
let tenant: Awaited<ReturnType<typeof signUpActiveTenant>>;

beforeAll(async () => {
  platform = await startTestPlatform();
  await platform.startWorker();
  tenant = await signUpActiveTenant(platform, 'sign-ups');
  // Events are recorded only for tenants with a subscribed endpoint; a private address refuses the worker at once.
  await tenant.admin.webhooks.create({ url: 'http://10.255.0.2/hook' });
});
afterAll(async () => {
  await platform?.close();
});

async function startSignUp(email: string): Promise<string> {
  const since = new Date(Date.now() - 1000);
  const started = await platform.caller().viewerAuth.startSignUp({ tenantSlug: tenant.slug, email });
  expect(started.codeSentTo).toBe(email.toLowerCase());
  const mail = await waitForEmail(platform.database.db, { kind: 'viewer-sign-up', to: email.toLowerCase(), since });
  const code = /Code: (\d{6})/.exec(mail.text)?.[1];
  if (!code) throw new Error(`no code in: ${mail.text}`);
  return code;
}

const wrongCodeFor = (code: string) => (code === '000000' ? '111111' : '000000');

describe('viewer sign-up', () => {
  it('is closed until the tenant opens it, and says to ask for an invitation', async () => {
    expect(await tenant.admin.viewers.signUp()).toEqual({ open: false });
    await expect(platform.caller().viewerAuth.startSignUp({ tenantSlug: tenant.slug, email: 'early@viewers.example' })).rejects.toThrow('does not take sign-ups here: ask them for an invitation.');
    await tenant.admin.viewers.setSignUp({ open: true });
    expect(await tenant.admin.viewers.signUp()).toEqual({ open: true });
  });

  it('makes the account only once the emailed code comes back, signs the viewer in, and tells webhooks', async () => {
    const email = 'New.Fan@viewers.example';
    const code = await startSignUp(email);
    const stored = await platform.database.db.selectFrom('viewer_sign_ups').select('code_hash').where('email', '=', 'new.fan@viewers.example').executeTakeFirstOrThrow();
    expect(stored.code_hash).not.toContain(code);
    expect((await tenant.admin.viewers.list()).data.map((viewer) => viewer.email)).not.toContain('new.fan@viewers.example');

    await expect(platform.caller().viewerAuth.completeSignUp({ tenantSlug: tenant.slug, email, code: wrongCodeFor(code), password: 'my own password' })).rejects.toThrow(
      'That code is not right. Check the latest email and try again.',
    );
    const tokens = await platform.caller().viewerAuth.completeSignUp({ tenantSlug: tenant.slug, email, code, password: 'my own password' });
    expect(tokens.idToken.split('.')).toHaveLength(3);
    const listed = (await tenant.admin.viewers.list()).data.find((viewer) => viewer.email === 'new.fan@viewers.example');
    expect(listed?.status).toBe('active');
    expect((await platform.caller().viewerAuth.signIn({ tenantSlug: tenant.slug, email, password: 'my own password' })).kind).toBe('signed-in');

    // Single use: the code made one account and is gone.
    await expect(platform.caller().viewerAuth.completeSignUp({ tenantSlug: tenant.slug, email, code, password: 'my own password' })).rejects.toThrow(
      'The code has expired — start the sign-up again for a new one.',
    );
    const events = await platform.database.db
      .selectFrom('webhook_events')
      .select(['type', 'payload'])
      .where('tenant_id', '=', tenant.session.tenantId)
      .where('type', '=', 'viewer.signed_up')
      .execute();
    expect(events.map((event) => event.payload)).toEqual([expect.objectContaining({ data: { viewerId: listed?.viewerId, email: 'new.fan@viewers.example' } })]);
  });

  it('answers step one for an address with an account as for a new one, and tells only the holder of the code', async () => {
    await tenant.admin.viewers.invite({ email: 'invited@viewers.example' });
    const code = await startSignUp('invited@viewers.example');
    await expect(platform.caller().viewerAuth.completeSignUp({ tenantSlug: tenant.slug, email: 'invited@viewers.example', code, password: 'taking it over' })).rejects.toThrow(
      'You already have an account here.',
    );
    // The invitation's temporary password still works: the account was not touched.
    expect((await tenant.admin.viewers.list()).data.find((viewer) => viewer.email === 'invited@viewers.example')?.status).toBe('invited');
  });

  it('ends a code after five wrong tries, after an hour, and when a newer code is asked for', async () => {
    const email = 'guesser@viewers.example';
    const code = await startSignUp(email);
    for (let attempt = 0; attempt < 5; attempt += 1) {
      await expect(platform.caller().viewerAuth.completeSignUp({ tenantSlug: tenant.slug, email, code: wrongCodeFor(code), password: 'guessed password' })).rejects.toThrow('That code is not right.');
    }
    await expect(platform.caller().viewerAuth.completeSignUp({ tenantSlug: tenant.slug, email, code, password: 'too late password' })).rejects.toThrow('The code has expired');

    const replaced = await startSignUp(email);
    const newest = await startSignUp(email);
    if (replaced !== newest) {
      await expect(platform.caller().viewerAuth.completeSignUp({ tenantSlug: tenant.slug, email, code: replaced, password: 'older code password' })).rejects.toThrow('That code is not right.');
    }
    await platform.database.db
      .updateTable('viewer_sign_ups')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where('email', '=', email)
      .execute();
    await expect(platform.caller().viewerAuth.completeSignUp({ tenantSlug: tenant.slug, email, code: newest, password: 'an hour too late' })).rejects.toThrow('The code has expired');
    expect((await tenant.admin.viewers.list()).data.map((viewer) => viewer.email)).not.toContain(email);
  });

  it('stops taking sign-ups the moment the tenant closes them, even with a code in hand', async () => {
    const code = await startSignUp('late@viewers.example');
    await tenant.admin.viewers.setSignUp({ open: false });
    await expect(platform.caller().viewerAuth.completeSignUp({ tenantSlug: tenant.slug, email: 'late@viewers.example', code, password: 'closed door pass' })).rejects.toThrow(
      'does not take sign-ups here',
    );
    await tenant.admin.viewers.setSignUp({ open: true });
  });

  it('refuses an unknown site as not found', async () => {
    await expect(platform.caller().viewerAuth.startSignUp({ tenantSlug: 'no-such-site', email: 'x@viewers.example' })).rejects.toThrow('The site was not found.');
  });
});
