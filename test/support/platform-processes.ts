// The platform as separate processes, exactly as `npm start` runs them: api, worker and edge, each
// `node --import tsx src/bin/<name>.ts`, talking over real HTTP and PostgreSQL.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { freePort } from '@ott/control-plane/internals/free-port';
import { fileURLToPath } from 'node:url';

const controlPlane = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../control-plane');
type Name = 'api' | 'worker' | 'edge';
const READY: Record<Name, RegExp> = { api: /api listening/, worker: /worker ready/, edge: /edge listening/ };

export interface PlatformProcesses {
  apiUrl: string;
  edgeUrl: string;
  masterKey: Buffer;
  authSecret: Buffer;
  output(name: Name): string;
  /** Everything every process printed since it started, restarts included: for the secrets-in-logs check. */
  allOutput(): string;
  /** The running process's id, for reading its memory from /proc. */
  pid(name: Name): number | undefined;
  start(name: Name): Promise<void>;
  kill(name: Name, signal?: NodeJS.Signals): Promise<void>;
  stop(): Promise<void>;
}

export async function startPlatformProcesses(options: { databaseUrl: string; dataDir: string; env?: Record<string, string> }): Promise<PlatformProcesses> {
  const [apiPort, edgePort] = [await freePort(), await freePort()];
  const masterKey = randomBytes(32);
  const authSecret = randomBytes(32);
  const env = {
    ...process.env,
    DATABASE_URL: options.databaseUrl,
    OTT_DATA_DIR: options.dataDir,
    OTT_API_PORT: String(apiPort),
    OTT_EDGE_PORT: String(edgePort),
    OTT_MASTER_KEY: masterKey.toString('base64'),
    OTT_AUTH_SECRET: authSecret.toString('base64'),
    ...options.env,
  };
  const children = new Map<Name, ChildProcess>();
  const logs = new Map<Name, string>();
  let everything = '';

  async function start(name: Name): Promise<void> {
    const child = spawn(process.execPath, ['--import', 'tsx', `src/bin/${name}.ts`], { cwd: controlPlane, env, stdio: ['ignore', 'pipe', 'pipe'] });
    children.set(name, child);
    // This start's output: what a failure to start shows (the shared log may hold an earlier run's, or nothing yet).
    let startOutput = '';
    const shown = () => startOutput.trimEnd() || '(it printed nothing)';
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${name} did not start within 60 s (no line matching ${READY[name]}); its output:\n${shown()}`)), 60_000);
      const onData = (chunk: Buffer) => {
        startOutput += chunk.toString();
        logs.set(name, (logs.get(name) ?? '') + chunk.toString());
        everything += chunk.toString();
        if (READY[name].test(startOutput)) {
          clearTimeout(timer);
          resolve();
        }
      };
      child.stdout?.on('data', onData);
      child.stderr?.on('data', onData);
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`${name} exited with ${signal ?? code} before it started; its output:\n${shown()}`));
      });
    });
    logs.set(name, '');
  }

  async function kill(name: Name, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    const child = children.get(name);
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill(signal);
    await exited;
    children.delete(name);
  }

  try {
    await Promise.all((['api', 'worker', 'edge'] as const).map(start));
  } catch (error) {
    // One did not start: stop the others, or they outlive the test run.
    await Promise.all((['api', 'worker', 'edge'] as const).map((name) => kill(name)));
    throw error;
  }
  return {
    apiUrl: `http://127.0.0.1:${apiPort}`,
    edgeUrl: `http://127.0.0.1:${edgePort}`,
    masterKey,
    authSecret,
    output: (name) => logs.get(name) ?? '',
    allOutput: () => everything,
    pid: (name) => children.get(name)?.pid,
    start,
    kill,
    async stop() {
      await Promise.all((['api', 'worker', 'edge'] as const).map((name) => kill(name)));
    },
  };
}
