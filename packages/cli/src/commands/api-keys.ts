// `ott api-keys create|list|revoke`: server API keys for the REST API, over the admin session (tRPC apiKeys), as
// the portal's Developers page manages them. Keys are never managed with a key: a leaked key cannot mint more.
import { API_KEY_SCOPE_DESCRIPTIONS, API_KEY_SCOPES, type ApiKeyScope } from '@ott/contracts';
import { createAdminClient, type ApiClient } from '../api-client.js';
import { CliError, UsageError } from '../cli-error.js';
import { defineCommand, requireFlag } from '../command.js';
import { renderTable } from '../format.js';

export type ApiKeySummary = Awaited<ReturnType<ApiClient['apiKeys']['list']['query']>>[number];

export const apiKeysCreateCommand = defineCommand({
  name: 'api-keys create',
  summary: 'Create a server API key for the REST API; prints it once',
  description: [
    'Scopes:',
    ...API_KEY_SCOPES.map((scope) => `  ${scope.padEnd(9)} ${API_KEY_SCOPE_DESCRIPTIONS[scope]}`),
    'The key goes to stdout, the warning to stderr: store the key in your secret store now.',
  ],
  flags: {
    name: { type: 'string', value: '<text>', help: 'what the key is for, e.g. "Production backend"' },
    scope: { type: 'string', value: '<scope>', multiple: true, help: `what the key may do; repeat for several: ${API_KEY_SCOPES.join(', ')}` },
    json: { type: 'boolean', help: 'print the created key and its details as JSON' },
  },
  examples: ['ott api-keys create --name "Upload service" --scope upload --scope read', 'export OTT_API_KEY=$(ott api-keys create --name ci --scope read)'],
  async run({ flags }, ctx) {
    const name = requireFlag(flags.name, '--name', 'api-keys create');
    const scopes = requireFlag(flags.scope, '--scope', 'api-keys create').map((scope) => {
      if ((API_KEY_SCOPES as readonly string[]).includes(scope)) return scope as ApiKeyScope;
      throw new UsageError(`--scope must be one of ${API_KEY_SCOPES.join(', ')} (got "${scope}")`, 'api-keys create');
    });
    const created = await createAdminClient(ctx).apiKeys.create.mutate({ name, scopes: [...new Set(scopes)] });
    ctx.stdout.write(flags.json ? `${JSON.stringify(created, null, 2)}\n` : `${created.key}\n`);
    ctx.stderr.write(`Created API key "${created.name}" (${created.prefix}) with scopes ${created.scopes.join(', ')}. This is the only time the key is shown: store it in your secret store now.\n`);
    return 0;
  },
});

export const apiKeysListCommand = defineCommand({
  name: 'api-keys list',
  summary: 'List the server API keys (prefix, scopes, last use; never the secret)',
  flags: { json: { type: 'boolean', help: 'print the keys as a JSON array' } },
  examples: ['ott api-keys list', 'ott api-keys list --json'],
  async run({ flags }, ctx) {
    const keys = await createAdminClient(ctx).apiKeys.list.query();
    if (flags.json) ctx.stdout.write(`${JSON.stringify(keys, null, 2)}\n`);
    else if (keys.length === 0) ctx.stdout.write('No API keys yet. Create one with: ott api-keys create --name <name> --scope read\n');
    else ctx.stdout.write(apiKeyTable(keys));
    return 0;
  },
});

export const apiKeysRevokeCommand = defineCommand({
  name: 'api-keys revoke',
  summary: 'Revoke a server API key at once, by its prefix or id',
  positionals: ['<prefix|id>'],
  flags: {},
  examples: ['ott api-keys revoke ott_sk_ab12cd34'],
  async run({ positionals }, ctx) {
    const wanted = positionals[0] ?? '';
    const client = createAdminClient(ctx);
    const keys = await client.apiKeys.list.query();
    // A whole key pasted by mistake still names its key, by its prefix; nothing of the secret is printed back.
    const prefix = /^ott_sk_[a-z0-9]{8}/.exec(wanted)?.[0];
    const key = keys.find((candidate) => candidate.id === wanted || (prefix !== undefined && candidate.prefix === prefix));
    if (!key) throw new CliError(`no API key ${prefix ?? wanted} in this workspace; list them with: ott api-keys list`);
    if (key.revokedAt) {
      ctx.stdout.write(`API key "${key.name}" (${key.prefix}) was already revoked on ${String(key.revokedAt)}.\n`);
      return 0;
    }
    await client.apiKeys.revoke.mutate({ keyId: key.id });
    ctx.stdout.write(`Revoked API key "${key.name}" (${key.prefix}); calls with it are refused from now on.\n`);
    return 0;
  },
});

export function apiKeyTable(keys: readonly ApiKeySummary[]): string {
  const day = (value: string | Date | null) =>
    value === null
      ? '-'
      : String(value instanceof Date ? value.toISOString() : value)
          .slice(0, 16)
          .replace('T', ' ');
  return renderTable(
    ['PREFIX', 'NAME', 'SCOPES', 'CREATED', 'LAST USED', 'STATUS'],
    keys.map((key) => [key.prefix, key.name, key.scopes.join(','), day(key.createdAt), day(key.lastUsedAt), key.revokedAt ? 'revoked' : 'active']),
  );
}
