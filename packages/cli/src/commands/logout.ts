// `ott logout`: end the session on the server and forget it on this machine.
import { createPublicClient } from '../api-client.js';
import type { CliContext } from '../cli-context.js';
import { defineCommand } from '../command.js';
import { changeSession, type StoredSession } from '../credentials-store.js';
import { describeError } from '../report-error.js';

export interface LogoutResult {
  /** The session that was removed; undefined when none was saved for this API. */
  session: StoredSession | undefined;
  /** Set when the server could not be told; the session is forgotten locally all the same. */
  serverError: string | undefined;
}

export async function logout(ctx: CliContext): Promise<LogoutResult> {
  let session: StoredSession | undefined;
  let serverError: string | undefined;
  await changeSession(ctx.configDir, ctx.api, async (current) => {
    session = current;
    if (current) {
      try {
        await createPublicClient(ctx).auth.logout.mutate({ refreshToken: current.refreshToken });
      } catch (error) {
        serverError = describeError(error, ctx.api).message;
      }
    }
    return undefined;
  });
  return { session, serverError };
}

export const logoutCommand = defineCommand({
  name: 'logout',
  summary: 'Sign out and forget the saved session for this API',
  flags: {},
  examples: ['ott logout', 'ott logout --api https://api.example.com'],
  async run(_args, ctx) {
    const { session, serverError } = await logout(ctx);
    if (serverError) ctx.stderr.write(`warning: the server was not told (${serverError}); the session is removed from this machine anyway\n`);
    ctx.stdout.write(session ? `Signed out of workspace ${session.tenantSlug} at ${ctx.api}.\n` : `Not signed in at ${ctx.api}.\n`);
    return 0;
  },
});
