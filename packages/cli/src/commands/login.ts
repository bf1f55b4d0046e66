// `ott login`: sign in as an admin of an existing workspace; the session is saved for this API URL.
import { createPublicClient } from '../api-client.js';
import type { CliContext } from '../cli-context.js';
import { defineCommand, requireFlag } from '../command.js';
import { saveSession, storedSessionFrom, type StoredSession } from '../credentials-store.js';
import { readPassword } from '../read-password.js';

export interface LoginInput {
  tenantSlug: string;
  email: string;
  password: string;
}

export async function login(ctx: CliContext, input: LoginInput): Promise<StoredSession> {
  const session = storedSessionFrom(await createPublicClient(ctx).auth.login.mutate(input), input.email);
  await saveSession(ctx.configDir, ctx.api, session);
  return session;
}

export const loginCommand = defineCommand({
  name: 'login',
  summary: 'Sign in as an admin of a workspace',
  description: ['The password comes from --password, OTT_PASSWORD, or a prompt when run in a terminal.'],
  flags: {
    tenant: { type: 'string', value: '<slug>', help: 'the workspace name' },
    email: { type: 'string', value: '<e-mail>', help: 'your e-mail address' },
    password: { type: 'string', value: '<p>', help: 'your password (visible in the process list: prefer OTT_PASSWORD)' },
  },
  examples: ['ott login --tenant acme --email owner@acme.test', 'OTT_PASSWORD=… ott login --tenant acme --email owner@acme.test --api https://api.example.com'],
  async run({ flags }, ctx) {
    const tenantSlug = requireFlag(flags.tenant, '--tenant <slug>', 'login');
    const email = requireFlag(flags.email, '--email <e-mail>', 'login');
    const session = await login(ctx, { tenantSlug, email, password: await readPassword(ctx, flags.password, 'login') });
    ctx.stdout.write(`Signed in to workspace ${session.tenantSlug} at ${ctx.api} as ${email}.\n`);
    return 0;
  },
});
