// cognito-local as a child process on a free port, with its data in a fresh folder (it keeps its database
// under `.cognito/` in its working directory).
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CognitoIdentityProviderClient, type ListUsersCommandOutput } from '@aws-sdk/client-cognito-identity-provider';
import { freePort } from '../../../src/net/free-port.js';
import { waitFor } from '../../support/wait-for.js';
import { childProcessEnv } from '../../../src/env.js';

export interface CognitoEmulator {
  endpoint: string;
  client: CognitoIdentityProviderClient;
  /** The code the emulator "emailed" a user (ForgotPassword): it keeps it on the user, in its database file. */
  confirmationCodeOf(poolId: string, username: string): Promise<string>;
  close(): Promise<void>;
}

export async function startCognitoEmulator(): Promise<CognitoEmulator> {
  const directory = await mkdtemp(path.join(tmpdir(), 'ott-cognito-local-'));
  const port = await freePort();
  const entry = createRequire(import.meta.url).resolve('cognito-local/lib/bin/start.js');
  const child = spawn(process.execPath, [entry], { cwd: directory, env: childProcessEnv({ PORT: String(port), HOST: '127.0.0.1' }), stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const endpoint = `http://127.0.0.1:${port}`;
  await waitFor(
    async () => {
      if (child.exitCode !== null) throw new Error(`cognito-local exited: ${stderr}`);
      return fetch(`${endpoint}/health`).then(
        () => true,
        () => undefined,
      );
    },
    { what: 'cognito-local to listen' },
  );
  const client = new CognitoIdentityProviderClient({ region: 'local', endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  pageListUsersAsCognitoDoes(client);
  return {
    endpoint,
    client,
    async confirmationCodeOf(poolId, username) {
      type StoredUser = { Username?: string; Attributes?: { Name: string; Value?: string }[]; ConfirmationCode?: string };
      const pool = JSON.parse(await readFile(path.join(directory, '.cognito', 'db', `${poolId}.json`), 'utf8')) as { Users?: Record<string, StoredUser> };
      // With e-mail as the username attribute, the stored Username may be the user's sub: found by either.
      const user = Object.values(pool.Users ?? {}).find(
        (candidate) => candidate.Username === username || candidate.Attributes?.some((attribute) => attribute.Name === 'email' && attribute.Value === username),
      );
      const code = user?.ConfirmationCode;
      if (!code) throw new Error(`cognito-local holds no confirmation code for ${username}`);
      return code;
    },
    async close() {
      client.destroy();
      child.kill();
      await new Promise((resolve) => (child.exitCode !== null ? resolve(undefined) : child.once('exit', resolve)));
      await rm(directory, { recursive: true, force: true });
    },
  };
}

/**
 * cognito-local 5.3.0 ignores ListUsers' Limit and PaginationToken and answers every user at once, which real Cognito
 * never does: it refuses a Limit over 60, answers at most Limit users and a PaginationToken while more remain
 * (docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_ListUsers.html). This client middleware
 * gives the emulator's answer those documented rules, so the adapter's paging is tested against them. The token here
 * is an offset; Cognito's is opaque, and a token it did not issue is refused as InvalidParameterException.
 */
function pageListUsersAsCognitoDoes(client: CognitoIdentityProviderClient): void {
  client.middlewareStack.add(
    (next, context) => async (args) => {
      if (context.commandName !== 'ListUsersCommand') return next(args);
      const input = args.input as { Limit?: number; PaginationToken?: string };
      const limit = input.Limit ?? 60;
      const refuse = (message: string) => Object.assign(new Error(message), { name: 'InvalidParameterException' });
      if (!Number.isInteger(limit) || limit < 0 || limit > 60)
        throw refuse(`1 validation error detected: Value '${limit}' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 60`);
      const start = input.PaginationToken === undefined ? 0 : /^emulated-(\d+)$/.exec(input.PaginationToken)?.[1];
      if (start === undefined) throw refuse('Invalid pagination token.');
      const result = await next({ ...args, input: { ...args.input, Limit: undefined, PaginationToken: undefined } });
      const output = result.output as ListUsersCommandOutput;
      const users = output.Users ?? [];
      const end = Number(start) + limit;
      const paged: ListUsersCommandOutput = { ...output, Users: users.slice(Number(start), end), PaginationToken: end < users.length ? `emulated-${end}` : undefined };
      return { ...result, output: paged };
    },
    { step: 'initialize', name: 'pageListUsersAsCognitoDoes' },
  );
}
