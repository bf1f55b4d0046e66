import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROVISIONING_MESSAGES } from '../../src/domain/tenants/provision-tenant.js';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.js';
import { PASSWORD, signUpActiveTenant } from '../support/tenants.js';
import { waitFor } from '../support/wait-for.js';
import { linkToken, waitForEmail } from '../support/mailbox.js';

let platform: TestPlatform;

beforeAll(async () => {
  platform = await startTestPlatform();
});
afterAll(() => platform?.close());

describe('sign-up and provisioning', () => {
  it('creates the tenant as provisioning, then the job makes it active with a signing key and a viewer pool', async () => {
    const session = await platform.caller().tenants.signup({ companyName: 'Northwind Pictures', slug: 'Northwind', email: 'Owner@Northwind.example', password: PASSWORD });
    expect(session.tenantSlug).toBe('northwind');
    const admin = platform.caller(session.accessToken);
    expect((await admin.tenants.me()).status).toBe('provisioning');

    await platform.startWorker();
    const tenant = await waitFor(
      async () => {
        const me = await admin.tenants.me();
        return me.status === 'active' ? me : undefined;
      },
      { what: 'provisioning' },
    );
    expect(tenant).toMatchObject({ slug: 'northwind', name: 'Northwind Pictures', plan: { id: 'free' }, failureReason: null });

    const key = await platform.database.db.selectFrom('tenant_signing_keys').selectAll().where('tenant_id', '=', tenant.id).executeTakeFirstOrThrow();
    expect(key.public_key_pem).toContain('BEGIN PUBLIC KEY');
    expect(key.private_key_sealed).not.toContain('PRIVATE KEY');
    const jwks = await fetch(
      `${platform.apiUrl}/pools/${(await platform.database.db.selectFrom('tenants').select('viewer_pool_id').where('id', '=', tenant.id).executeTakeFirstOrThrow()).viewer_pool_id}/.well-known/jwks.json`,
    );
    expect(((await jwks.json()) as { keys: { kty: string; alg: string }[] }).keys[0]).toMatchObject({ kty: 'RSA', alg: 'RS256' });
  });

  it('refuses a taken workspace name and explains the rules for a bad one', async () => {
    const input = { companyName: 'Other', slug: 'taken-name', email: 'a@b.example', password: PASSWORD };
    await platform.caller().tenants.signup(input);
    await expect(platform.caller().tenants.signup({ ...input, email: 'c@d.example' })).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('"taken-name" is taken') });
    await expect(platform.caller().tenants.signup({ ...input, slug: '-bad-' })).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('lower-case letters') });
    await expect(platform.caller().tenants.signup({ ...input, slug: 'fine-name', password: 'short' })).rejects.toMatchObject({ message: expect.stringContaining('at least 10 characters') });
  });

  it('a failed provisioning tells the tenant in plain words, never the operator detail, and can be retried', async () => {
    await platform.startWorker();
    const provisioner = platform.app.deps.provisioner;
    let failures = 0;
    platform.app.deps.provisioner = {
      provision: async (tenant) => {
        if (tenant.slug !== 'flaky') return provisioner.provision(tenant);
        failures += 1;
        throw new Error('Terraform failed at apply: the stack at /srv/ott/infra/stacks/tenant-x could not be applied');
      },
      deprovision: (tenant) => provisioner.deprovision(tenant),
    };
    try {
      const session = await platform.caller().tenants.signup({ companyName: 'Flaky', slug: 'flaky', email: 'o@flaky.example', password: PASSWORD });
      const admin = platform.caller(session.accessToken);
      const failed = await waitFor(
        async () => {
          const me = await admin.tenants.me();
          return me.status === 'failed' ? me : undefined;
        },
        { what: 'failure after every retry', timeoutMs: 90_000 },
      );
      expect(failures).toBe(4);
      expect(failed.failureReason).toBe(PROVISIONING_MESSAGES.failed);
      expect(failed.failureReason).not.toMatch(/terraform|\/srv\/|stack/i);
      platform.app.deps.provisioner = provisioner;
      await admin.tenants.retryProvisioning();
      await waitFor(async () => ((await admin.tenants.me()).status === 'active' ? true : undefined), { what: 'retry' });
    } finally {
      platform.app.deps.provisioner = provisioner;
    }
  });
});

describe('offboarding', () => {
  it('the operator offboards a tenant: the job removes its infrastructure and the tenant is kept as offboarded', async () => {
    await platform.startWorker();
    const { session } = await signUpActiveTenant(platform, 'leaving');
    const admin = platform.caller(session.accessToken);
    const { id } = await admin.tenants.me();
    await expect(platform.caller(session.accessToken).tenants.offboard({ tenantId: id })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    platform.app.deps.operatorToken = 'op-secret-token-for-tests-0002';
    const removed: string[] = [];
    const provisioner = platform.app.deps.provisioner;
    platform.app.deps.provisioner = { provision: (tenant, onStep) => provisioner.provision(tenant, onStep), deprovision: async (tenant) => void removed.push(tenant.id) };
    try {
      await platform.caller('op-secret-token-for-tests-0002').tenants.offboard({ tenantId: id });
      const closed = await waitFor(
        async () => ((await platform.app.deps.db.selectFrom('tenants').select('status').where('id', '=', id).executeTakeFirst())?.status === 'offboarded' ? true : undefined),
        {
          what: 'offboarded',
        },
      );
      expect(closed).toBe(true);
      expect(removed).toEqual([id]);
    } finally {
      platform.app.deps.provisioner = provisioner;
      platform.app.deps.operatorToken = undefined;
    }
  });
});

describe('admin sessions', () => {
  it('logs in, refreshes with rotation, and ends that sign-in’s session when its refresh token is reused', async () => {
    await platform.startWorker();
    const { slug, email } = await signUpActiveTenant(platform, 'sessions');
    await expect(platform.caller().auth.login({ tenantSlug: slug, email, password: 'wrong password!' })).rejects.toMatchObject({
      code: 'UNAUTHORIZED',
      message: 'Wrong workspace, e-mail or password.',
    });
    const first = await platform.caller().auth.login({ tenantSlug: slug, email: email.toUpperCase(), password: PASSWORD });
    expect((await platform.caller(first.accessToken).tenants.me()).slug).toBe(slug);

    const second = await platform.caller().auth.refresh({ refreshToken: first.refreshToken });
    expect(second.refreshToken).not.toBe(first.refreshToken);
    await expect(platform.caller().auth.refresh({ refreshToken: first.refreshToken })).rejects.toMatchObject({ code: 'UNAUTHORIZED', message: expect.stringContaining('used twice') });
    // The reuse revoked the newer refresh token too.
    await expect(platform.caller().auth.refresh({ refreshToken: second.refreshToken })).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
  });

  it('refuses admin procedures without a valid token and owner procedures to plain admins; the owner adds and removes admins', async () => {
    await expect(platform.caller().videos.list()).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    await expect(platform.caller('not-a-token').tenants.me()).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    const { session } = await signUpActiveTenant(platform, 'roles');
    const owner = platform.caller(session.accessToken);
    const added = await owner.admins.add({ email: 'Editor@Roles.example' });
    const invitation = await waitForEmail(platform.database.db, { kind: 'admin-invitation', to: 'editor@roles.example' });
    await platform.caller().auth.redeemEmailLink({ token: linkToken(invitation), purpose: 'invitation', newPassword: PASSWORD });
    expect(added).toMatchObject({ email: 'editor@roles.example', role: 'admin' });
    const editorSession = await platform.caller().auth.login({ tenantSlug: session.tenantSlug, email: 'editor@roles.example', password: PASSWORD });
    const editor = { accessToken: editorSession.accessToken };
    await expect(platform.caller(editor.accessToken).admins.add({ email: 'another@roles.example' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(owner.admins.remove({ adminId: (await owner.admins.list()).find((admin) => admin.role === 'owner')!.adminId })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(platform.caller(editor.accessToken).playbackKeys.create({ name: 'backend' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(await platform.caller(editor.accessToken).videos.list()).toMatchObject({ data: [], nextCursor: null });
    await owner.admins.remove({ adminId: added.adminId });
    await expect(platform.caller().auth.refresh({ refreshToken: editorSession.refreshToken })).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
  });
});
