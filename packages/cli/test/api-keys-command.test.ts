// `ott api-keys create|list|revoke` against the fake control plane: the key printed once to stdout (so it can be
// captured into a variable) with the warning on stderr, scopes checked before any request, revoke by prefix or id.
import { describe, expect, it } from 'vitest';
import { run, signedInFake } from './helpers/cli-harness.js';

const setup = signedInFake;

describe('ott api-keys', () => {
  it('creates a key with repeated --scope, printing the key alone on stdout and the warning on stderr', async () => {
    const { server, ctx } = await setup();
    const result = await run(['api-keys', 'create', '--name', 'Upload service', '--scope', 'upload', '--scope', 'read'], ctx);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^ott_sk_[a-z0-9]{8}_s{43}\n$/);
    expect(result.stderr).toMatch(/^Created API key "Upload service" \(ott_sk_[a-z0-9]{8}\) with scopes upload, read\. This is the only time the key is shown/);
    expect(server.inputs.get('apiKeys.create')).toEqual({ name: 'Upload service', scopes: ['upload', 'read'] });
  });

  it('refuses an unknown scope or no scope before asking the server', async () => {
    const { server, ctx } = await setup();
    const unknown = await run(['api-keys', 'create', '--name', 'x', '--scope', 'admin'], ctx);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('error: --scope must be one of read, write, upload, playback, viewers, usage, webhooks (got "admin")');
    const none = await run(['api-keys', 'create', '--name', 'x'], ctx);
    expect(none).toMatchObject({ code: 2, stderr: expect.stringContaining('error: missing --scope') });
    expect(server.calls).not.toContain('apiKeys.create');
  });

  it('lists keys without secrets, and revokes one by its prefix (even given the whole key) or its id', async () => {
    const { ctx } = await setup();
    const first = (await run(['api-keys', 'create', '--name', 'First', '--scope', 'read'], ctx)).stdout.trim();
    await run(['api-keys', 'create', '--name', 'Second', '--scope', 'usage'], ctx);
    const listed = await run(['api-keys', 'list'], ctx);
    const lines = listed.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^PREFIX\s+NAME\s+SCOPES\s+CREATED\s+LAST USED\s+STATUS$/);
    expect(lines[1]).toMatch(/^ott_sk_[a-z0-9]{8}\s+First\s+read\s+\d{4}-\d\d-\d\d \d\d:\d\d\s+-\s+active$/);
    expect(listed.stdout).not.toContain(first);

    const revoked = await run(['api-keys', 'revoke', first], ctx);
    expect(revoked).toEqual({ code: 0, stderr: '', stdout: `Revoked API key "First" (${first.slice(0, 15)}); calls with it are refused from now on.\n` });
    expect(revoked.stdout).not.toContain(first.slice(16));
    const again = await run(['api-keys', 'revoke', first.slice(0, 15)], ctx);
    expect(again.stdout).toMatch(/^API key "First" \(ott_sk_[a-z0-9]{8}\) was already revoked on /);
    const json = JSON.parse((await run(['api-keys', 'list', '--json'], ctx)).stdout) as { id: string; name: string; revokedAt: string | null }[];
    expect(json.map((key) => [key.name, key.revokedAt !== null])).toEqual([
      ['First', true],
      ['Second', false],
    ]);
    const byId = await run(['api-keys', 'revoke', json[1]?.id ?? ''], ctx);
    expect(byId.stdout).toContain('Revoked API key "Second"');
    const missing = await run(['api-keys', 'revoke', 'ott_sk_zzzzzzzz'], ctx);
    expect(missing).toMatchObject({ code: 1, stderr: 'error: no API key ott_sk_zzzzzzzz in this workspace; list them with: ott api-keys list\n' });
  });
});
