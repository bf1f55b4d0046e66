// `ott signup`: create a workspace (tenant) and its owner, and sign the owner in on this machine.
import { createAdminClient, createPublicClient, type ApiClient } from '../api-client.js';
import type { CliContext } from '../cli-context.js';
import { CliError } from '../cli-error.js';
import { defineCommand, requireFlag } from '../command.js';
import { saveSession, storedSessionFrom, type StoredSession } from '../credentials-store.js';
import { readPassword } from '../read-password.js';

export interface SignupInput {
  companyName: string;
  slug: string;
  email: string;
  password: string;
}

export type Workspace = Awaited<ReturnType<ApiClient['tenants']['me']['query']>>;

const POLL_MS = 1_000;

export async function signup(ctx: CliContext, input: SignupInput): Promise<StoredSession> {
  const session = storedSessionFrom(await createPublicClient(ctx).tenants.signup.mutate(input), input.email);
  await saveSession(ctx.configDir, ctx.api, session);
  return session;
}

/** Polls until provisioning has finished; a failed workspace is an error carrying the server's reason. */
export async function waitForWorkspace(ctx: CliContext, client: ApiClient = createAdminClient(ctx), pollMs = POLL_MS): Promise<Workspace> {
  for (;;) {
    const workspace = await client.tenants.me.query();
    if (workspace.status === 'active') return workspace;
    if (workspace.status === 'failed') throw new CliError(`setting up workspace ${workspace.slug} failed: ${workspace.failureReason ?? 'the server gave no reason'}`);
    await ctx.clock.sleep(pollMs);
  }
}

export const signupCommand = defineCommand({
  name: 'signup',
  summary: 'Create a workspace and sign in as its owner',
  description: ['The password comes from --password, OTT_PASSWORD, or a prompt when run in a terminal.'],
  flags: {
    company: { type: 'string', value: '<name>', help: 'company name shown to viewers' },
    slug: { type: 'string', value: '<slug>', help: 'workspace name: lower-case letters, digits, dashes' },
    email: { type: 'string', value: '<e-mail>', help: "the owner's e-mail address" },
    password: { type: 'string', value: '<p>', help: 'at least 10 characters (visible in the process list: prefer OTT_PASSWORD)' },
    wait: { type: 'boolean', help: 'wait until the workspace is set up' },
  },
  examples: ['ott signup --company "Acme Films" --slug acme --email owner@acme.test --wait', 'OTT_PASSWORD=… ott signup --company Acme --slug acme --email owner@acme.test'],
  async run({ flags }, ctx) {
    const input = {
      companyName: requireFlag(flags.company, '--company <name>', 'signup'),
      slug: requireFlag(flags.slug, '--slug <slug>', 'signup'),
      email: requireFlag(flags.email, '--email <e-mail>', 'signup'),
    };
    const session = await signup(ctx, { ...input, password: await readPassword(ctx, flags.password, 'signup', true) });
    ctx.stdout.write(`Created workspace ${session.tenantSlug} (${input.companyName}) at ${ctx.api}; signed in as ${input.email}.\n`);
    if (!flags.wait) {
      ctx.stdout.write('Provisioning is under way (storage, signing keys, viewer pool); uploads open once it is active, usually within seconds.\n');
      return 0;
    }
    ctx.stderr.write('Provisioning is under way (storage, signing keys, viewer pool); waiting for it to finish…\n');
    const workspace = await waitForWorkspace(ctx);
    ctx.stdout.write(`Workspace ${workspace.slug} is active on the ${workspace.plan.name} plan.\n`);
    return 0;
  },
});
