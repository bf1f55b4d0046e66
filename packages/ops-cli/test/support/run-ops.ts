// Runs one `ott-ops` command line in-process with captured output and the given AWS clients.
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runOps } from '../../src/main.js';
import { awsClients, type AwsClients } from '../../src/aws/aws-clients.js';

export const EXAMPLE_CONFIG = fileURLToPath(new URL('../../../../tenant-infra/infra.example.json', import.meta.url));

export async function runOpsCaptured(argv: string[], options: { configPath: string; clients?: AwsClients; nodeVersion?: string }): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runOps(argv, {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    configPath: options.configPath,
    nodeVersion: options.nodeVersion ?? 'v20.19.0',
    clients: options.clients ?? awsClients({ endpoint: 'http://127.0.0.1:9', credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' } }),
  });
  return { code, stdout, stderr };
}

/** The example configuration with `change` applied, written to a fresh folder. */
export async function writeConfig(change: (config: Record<string, unknown>) => Record<string, unknown>): Promise<string> {
  const folder = await mkdtemp(path.join(tmpdir(), 'ott-ops-'));
  const file = path.join(folder, 'infra.json');
  await writeFile(file, JSON.stringify(change(JSON.parse(await readFile(EXAMPLE_CONFIG, 'utf8')) as Record<string, unknown>)));
  return file;
}
