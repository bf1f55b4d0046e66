// Server API keys against the REST API: shown once, hashed at rest, scoped, last use shown, revoked at once in every
// API process, and never written to a log.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startApiServer } from '../support/api-server.js';
import { rest } from '../support/rest-client.js';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.js';
import { signUpActiveTenant } from '../support/tenants.js';
import { linkToken, waitForEmail } from '../support/mailbox.js';

let platform: TestPlatform;
let tenant: Awaited<ReturnType<typeof signUpActiveTenant>>;

beforeAll(async () => {
  platform = await startTestPlatform();
  await platform.startWorker();
  tenant = await signUpActiveTenant(platform, 'keys');
});
afterAll(() => platform?.close());

it('shows a new key once, keeps only its hash, and lists it without the secret', async () => {
  const created = await tenant.admin.apiKeys.create({ name: 'backend', scopes: ['read', 'upload'] });
  expect(created.key).toMatch(/^ott_sk_[a-z0-9]{8}_[A-Za-z0-9_-]{43}$/);
  expect(created.key.startsWith(`${created.prefix}_`)).toBe(true);
  const listed = await tenant.admin.apiKeys.list();
  expect(listed).toEqual([expect.objectContaining({ id: created.id, name: 'backend', prefix: created.prefix, scopes: ['read', 'upload'], lastUsedAt: null, revokedAt: null })]);
  expect(JSON.stringify(listed)).not.toContain(created.key.slice(created.prefix.length + 1));
  const stored = await platform.database.db.selectFrom('api_keys').selectAll().where('id', '=', created.id).executeTakeFirstOrThrow();
  expect(JSON.stringify(stored)).not.toContain(created.key.slice(created.prefix.length + 1));
});

it('answers with the key, shows its last use, and refuses it on the next call in another API process once revoked', async () => {
  const { key, id, prefix } = await tenant.admin.apiKeys.create({ name: 'revocable', scopes: ['read'] });
  const other = await startApiServer(platform.app.deps);
  try {
    expect((await rest(platform.apiUrl, 'GET', '/v1/videos', { key })).status).toBe(200);
    expect((await rest(other.url, 'GET', '/v1/videos', { key })).status).toBe(200);
    expect((await tenant.admin.apiKeys.list()).find((listed) => listed.id === id)?.lastUsedAt).toBeInstanceOf(Date);

    await tenant.admin.apiKeys.revoke({ keyId: id });
    const refused = await rest<{ error: { code: string; message: string; details: Record<string, unknown> } }>(other.url, 'GET', '/v1/videos', { key });
    expect(refused.status).toBe(401);
    expect(refused.body.error).toMatchObject({ code: 'unauthenticated', details: { keyPrefix: prefix } });
    expect(refused.body.error.message).toContain(`${prefix} was revoked`);
  } finally {
    await other.close();
  }
});

it('lets only the owner create and revoke keys; any admin sees them', async () => {
  await tenant.admin.admins.add({ email: `editor@${tenant.slug}.example` });
  const invitation = await waitForEmail(platform.database.db, { kind: 'admin-invitation', to: `editor@${tenant.slug}.example` });
  const signedIn = await platform.caller().auth.redeemEmailLink({ token: linkToken(invitation), purpose: 'invitation', newPassword: 'an editor’s own password' });
  const editor = platform.caller(signedIn.accessToken);
  await expect(editor.apiKeys.create({ name: 'sneaky', scopes: ['read'] })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  const [listed] = await editor.apiKeys.list();
  expect(listed).toBeDefined();
  await expect(editor.apiKeys.revoke({ keyId: listed!.id })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  await expect(tenant.admin.apiKeys.create({ name: 'nothing', scopes: [] })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
});
