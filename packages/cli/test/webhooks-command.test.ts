// `ott webhooks …` against the fake control plane: the secret alone on stdout, event filters checked before any
// request, the list as a table, delete and test by id.
import { describe, expect, it } from 'vitest';
import { run, signedInFake } from './helpers/cli-harness.js';

const setup = signedInFake;

describe('ott webhooks', () => {
  it('creates an endpoint with event filters, printing only the secret on stdout', async () => {
    const { server, ctx } = await setup();
    const result = await run(['webhooks', 'create', '--url', 'https://example.com/hooks', '--event', 'video.ready', '--event', 'video.failed'], ctx);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^whsec_\S+\n$/);
    expect(result.stderr).toMatch(/^Created webhook endpoint [0-9a-f-]{36} for https:\/\/example\.com\/hooks \(video\.ready, video\.failed\)\. This is the only time its signing secret is shown/);
    expect(server.inputs.get('webhooks.create')).toEqual({ url: 'https://example.com/hooks', eventTypes: ['video.ready', 'video.failed'] });
  });

  it('refuses an unknown event type before asking the server', async () => {
    const { server, ctx } = await setup();
    const result = await run(['webhooks', 'create', '--url', 'https://example.com/hooks', '--event', 'video.done'], ctx);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('error: --event must be one of upload.created,');
    expect(server.calls).not.toContain('webhooks.create');
  });

  it('lists endpoints, sends a test event and deletes one', async () => {
    const { ctx } = await setup();
    await run(['webhooks', 'create', '--url', 'https://example.com/all'], ctx);
    const listed = await run(['webhooks', 'list'], ctx);
    const [header, row] = listed.stdout.trimEnd().split('\n');
    expect(header).toMatch(/^ID\s+STATUS\s+EVENTS\s+URL$/);
    const id = row?.split(/\s+/)[0] ?? '';
    expect(row).toMatch(/^[0-9a-f-]{36}\s+enabled\s+all\s+https:\/\/example\.com\/all$/);
    expect((await run(['webhooks', 'test', id], ctx)).stdout).toBe("Queued test event evt-1 (delivery delivery-1); see how it went in the portal's Webhooks page.\n");
    expect(await run(['webhooks', 'delete', id], ctx)).toEqual({ code: 0, stderr: '', stdout: `Deleted webhook endpoint ${id}.\n` });
    expect((await run(['webhooks', 'list'], ctx)).stdout).toBe('No webhook endpoints yet. Add one with: ott webhooks create --url <https://…>\n');
    expect(await run(['webhooks', 'test', id], ctx)).toMatchObject({ code: 1, stderr: 'error: No such webhook endpoint in this workspace.\n' });
  });
});
