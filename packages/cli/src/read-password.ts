// Where a password comes from: the --password flag, else OTT_PASSWORD, else a prompt without echo when a
// person is at a terminal. Scripts without any of them get a clear refusal instead of a hang.
import type { CliContext } from './cli-context.js';
import { CliError, UsageError } from './cli-error.js';

export async function readPassword(ctx: Pick<CliContext, 'password' | 'promptPassword'>, flag: string | undefined, command: string, confirm = false): Promise<string> {
  const given = flag ?? ctx.password;
  if (given !== undefined) return given;
  if (!ctx.promptPassword) {
    throw new UsageError('no password given: pass --password <p>, set OTT_PASSWORD, or run in a terminal to be asked', command);
  }
  const password = await ctx.promptPassword('Password: ');
  if (confirm && (await ctx.promptPassword('Repeat password: ')) !== password) throw new CliError('the passwords do not match');
  return password;
}
