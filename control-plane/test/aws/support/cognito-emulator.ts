// cognito-local as a child process on a free port, with its data in a fresh folder (it keeps its database
// under `.cognito/` in its working directory).
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { freePort } from '../../../src/net/free-port.js';
import { waitFor } from '../../support/wait-for.js';
import { childProcessEnv } from '../../../src/env.js';

export interface CognitoEmulator {
  endpoint: string;
  client: CognitoIdentityProviderClient;
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
  return {
    endpoint,
    client,
    async close() {
      client.destroy();
      child.kill();
      await new Promise((resolve) => (child.exitCode !== null ? resolve(undefined) : child.once('exit', resolve)));
      await rm(directory, { recursive: true, force: true });
    },
  };
}
