// Issue 15, defect 10: `npm start` gave a newcomer no demo on a busy machine. Here `npm start`'s script runs for real
// (embedded PostgreSQL, api, worker, edge, the demo) on ports that are not the defaults, and its api is held still
// (SIGSTOP: what a machine too busy to schedule it looks like) while the script waits: it says it is waiting, waits
// as long as it takes, then prints the portal, the login and the inbox, with `--api` in the CLI commands, and says
// the play URL follows. Ctrl-C, sent to the whole process group as a terminal does while the sample is being
// prepared, stops it all without a PostgreSQL FATAL line and confirms "Stopped.".
import { spawn, spawnSync } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, it } from 'vitest';
import { freePort } from '../../src/net/free-port.js';
import { waitFor } from '../support/wait-for.js';

const controlPlane = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
let dataDir: string | undefined;

afterAll(async () => {
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

/** The process started by `parent` whose command line names `script` (the api is `node --import tsx …/api.ts`). */
async function childRunning(parent: number, script: string): Promise<number | undefined> {
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = await readFile(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === parent && (await readFile(`/proc/${entry}/cmdline`, 'utf8')).includes(script)) return Number(entry);
    } catch {
      // The process ended while being read.
    }
  }
  return undefined;
}

it('waits for a slow API with a progress line, prints the URLs and the login with --api in the CLI commands, and stops cleanly on Ctrl-C', async () => {
  for (const script of ['../tenant-portal/scripts/build-if-stale.mjs', '../player-sdk/build/ensure-build.mjs']) {
    expect(spawnSync(process.execPath, [path.resolve(controlPlane, script)], { stdio: 'ignore' }).status).toBe(0);
  }
  dataDir = await mkdtemp(path.join(tmpdir(), 'ott-npm-start-'));
  const [apiPort, edgePort] = [await freePort(), await freePort()];
  const apiUrl = `http://127.0.0.1:${apiPort}`;
  const env: NodeJS.ProcessEnv = { ...process.env, OTT_DATA_DIR: dataDir, OTT_API_PORT: String(apiPort), OTT_EDGE_PORT: String(edgePort), OTT_X264_PRESET: 'ultrafast' };
  delete env.DATABASE_URL;
  // Its own process group, as a terminal gives a command: Ctrl-C reaches every process in it.
  const start = spawn(process.execPath, ['--import', 'tsx', 'src/bin/start-local.ts'], { cwd: controlPlane, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let output = '';
  for (const stream of [start.stdout, start.stderr]) stream.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => start.once('exit', () => resolve()));
  const ctrlC = () => process.kill(-start.pid!, 'SIGINT');
  try {
    const api = await waitFor(() => childRunning(start.pid!, 'bin/api.ts'), { what: 'npm start to start the api', timeoutMs: 120_000, intervalMs: 20 });
    process.kill(api, 'SIGSTOP');
    await waitFor(async () => (/waiting for the API… 1\d s/.test(output) ? true : undefined), { what: `a progress line while the api is held; it printed:\n${output}`, timeoutMs: 60_000 });
    process.kill(api, 'SIGCONT');
    await waitFor(async () => (/CLI\s+pnpm ott/.test(output) ? true : undefined), { what: `the demo's summary; it printed:\n${output}`, timeoutMs: 240_000 });

    expect(output).toMatch(new RegExp(`Portal\\s+${apiUrl}/`));
    expect(output).toMatch(new RegExp(`Inbox\\s+${apiUrl}/inbox`));
    expect(output).toMatch(/Demo login\s+demo@ott\.local \/ demo-[0-9a-f]{12}/);
    // The login comes as soon as the workspace is active; the play URL follows once the sample is transcoded
    // (local-data-protection.test.ts waits for it). Ctrl-C comes while that work is under way.
    expect(output).toContain('The demo video is being prepared: its play URL follows below.');
    const cli =
      /CLI\s+([\s\S]+?)\n\n/
        .exec(output)?.[1]
        ?.split('\n')
        .map((line) => line.trim()) ?? [];
    expect(cli).toHaveLength(3);
    for (const command of cli) expect(command).toContain(`--api ${apiUrl}`);
  } finally {
    const beforeStop = output.length;
    ctrlC();
    await exited;
    const stopping = output.slice(beforeStop);
    expect(stopping).not.toMatch(/FATAL/);
    expect(stopping.trimEnd()).toMatch(/Stopped\. Your data stays in .+\.$/);
  }
}, 360_000);
