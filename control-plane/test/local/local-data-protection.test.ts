// Issue 11 §3: nobody but the platform's own OS user gets into the local data folder. The embedded PostgreSQL
// took postgres/postgres on a port written in a world-readable file (a superuser: row-level security bypassed,
// shell commands through COPY ... PROGRAM), and tenants' originals and renditions, the edge's logs and the port
// file were readable by every local user. `npm start`'s script runs here for real, under umask 000 (the loosest):
// on a fresh data folder, again on the same folder, then on a folder laid out as versions before this one left it.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, lstat, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedPostgres } from '../../src/db/embedded-postgres.js';
import { freePort } from '../../src/net/free-port.js';
import { waitFor } from '../support/wait-for.js';

const controlPlane = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const asRoot = process.getuid?.() === 0;
const WRONG_PASSWORD = '28P01';
/** One of each kind of file npm start writes: a rendition, an original, an unfinished upload's part, the edge log, the secrets, the port file, the demo login. */
const KINDS_OF_FILE = [/^store\/t\/.+\.m4s$/, /^store\/sources\/.+\/original\.mp4$/, /^store\/\.uploads\/.+\/1$/, /^logs\/edge-access\.jsonl$/, /^secrets\.json$/, /^postgres\.port$/, /^demo\.json$/];

interface NpmStart {
  output(): string;
  playUrl: string;
  videoId: string;
  stop(): Promise<void>;
}

let dataDir: string;
let running: NpmStart | undefined;

beforeAll(async () => {
  // The portal and player builds `npm start` makes when stale are made first, under the usual umask: this test's
  // umask is for the data folder, not for build output in the checkout.
  for (const script of ['../tenant-portal/scripts/build-if-stale.mjs', '../player-sdk/build/ensure-build.mjs']) {
    expect(spawnSync(process.execPath, [path.resolve(controlPlane, script)], { stdio: 'ignore' }).status).toBe(0);
  }
  dataDir = await mkdtemp(path.join(tmpdir(), 'ott-local-data-'));
}, 300_000);

afterAll(async () => {
  await running?.stop();
  await rm(dataDir, { recursive: true, force: true });
});

describe('a fresh data folder', () => {
  beforeAll(async () => {
    running = await npmStart(dataDir);
    await uploadUnfinishedPart(running, dataDir);
    await plays(running.playUrl);
    await waitFor(async () => existsSync(path.join(dataDir, 'logs', 'edge-access.jsonl')) || undefined, { what: 'the edge to log the plays' });
  }, 300_000);

  it('refuses postgres/postgres on the port from the port file, and takes the password kept in secrets.json', async () => {
    const port = await portFromFile();
    expect(await superuserLogin(port, 'postgres')).toBe(WRONG_PASSWORD);
    expect(await superuserLogin(port, (await storedSecrets()).postgresPassword)).toBe('accepted');
  });

  it('leaves no Unix socket for other users to connect through', async () => {
    const port = await portFromFile();
    expect(existsSync(`/tmp/.s.PGSQL.${port}`)).toBe(false);
    expect(await superuserQuery(port, 'SHOW unix_socket_directories')).toEqual([{ unix_socket_directories: '' }]);
  });

  it('writes every file 0600 and every folder 0700, whatever the umask', async () => {
    await expectOwnerOnly(dataDir);
  });

  it.runIf(asRoot)("keeps the embedded database's OS user out of everything but its own folder", async () => {
    await expectOutOfReachOfPostgresUser(dataDir);
  });
});

describe('a second start on the same data folder', () => {
  let firstVideo: string;

  beforeAll(async () => {
    firstVideo = running!.videoId;
    await running!.stop();
    running = await npmStart(dataDir);
  }, 300_000);

  it('finds the same video and plays it, with the same stored password', async () => {
    expect(running!.videoId).toBe(firstVideo);
    await plays(running!.playUrl);
    expect(await superuserLogin(await portFromFile(), (await storedSecrets()).postgresPassword)).toBe('accepted');
    await expectOwnerOnly(dataDir);
  });
});

describe('a data folder left by a version before the random password', () => {
  let before: { masterKey: string; authSecret: string };
  let videoId: string;

  beforeAll(async () => {
    videoId = running!.videoId;
    await running!.stop();
    running = undefined;
    before = await regressToOldLayout(dataDir);
    running = await npmStart(dataDir);
  }, 300_000);

  it('no longer takes postgres/postgres: the superuser has a new random password, stored with the other secrets', async () => {
    const port = await portFromFile();
    const after = await storedSecrets();
    expect(await superuserLogin(port, 'postgres')).toBe(WRONG_PASSWORD);
    expect(after.postgresPassword).toMatch(/^[\w-]{43}$/);
    expect(await superuserLogin(port, after.postgresPassword)).toBe('accepted');
    // The keys that seal the tenants' private keys are the old ones: nothing stored becomes unreadable.
    expect({ masterKey: after.masterKey, authSecret: after.authSecret }).toEqual(before);
    expect(running!.output()).toContain("gave the embedded database's superuser the random password");
  });

  it('keeps the data: the video is still there, and still plays', async () => {
    expect(await superuserQuery(await portFromFile(), `SELECT status FROM videos WHERE id = '${videoId}'`)).toEqual([{ status: 'ready' }]);
    expect(running!.videoId).toBe(videoId);
    await plays(running!.playUrl);
  });

  it('narrows every file to 0600 and every folder to 0700', async () => {
    expect(running!.output()).toMatch(/made \d+ files and folders in .* readable by this user only/);
    await expectOwnerOnly(dataDir);
  });

  it.runIf(asRoot)("keeps the embedded database's OS user out of the store, the logs and the secrets", async () => {
    await expectOutOfReachOfPostgresUser(dataDir);
  });
});

/** `npm start` as bootstrap.mjs runs it, always on the embedded database, until it prints where to play the demo. */
async function npmStart(folder: string): Promise<NpmStart> {
  const env: NodeJS.ProcessEnv = { ...process.env, OTT_DATA_DIR: folder, OTT_API_PORT: String(await freePort()), OTT_EDGE_PORT: String(await freePort()), OTT_X264_PRESET: 'ultrafast' };
  delete env.DATABASE_URL;
  const child = spawn('sh', ['-c', 'umask 000 && exec "$0" "$@"', process.execPath, '--import', 'tsx', 'src/bin/start-local.ts'], { cwd: controlPlane, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  for (const stream of [child.stdout, child.stderr]) stream.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const summary = await Promise.race([
    waitFor(async () => /Demo video\s+(\S+) \(ready\)[\s\S]*Play it\s+(http\S+)/.exec(output) ?? undefined, { timeoutMs: 240_000, what: 'npm start to serve the demo video' }),
    exited.then(() => Promise.reject(new Error('npm start exited'))),
  ]).catch(async (error: Error) => {
    // Ctrl-C, as a user would: it stops the api, worker, edge and database it started.
    child.kill('SIGINT');
    await exited;
    throw new Error(`${error.message}. It printed:\n${output}`);
  });
  return {
    output: () => output,
    videoId: summary[1]!,
    playUrl: summary[2]!,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGINT');
      await exited;
    },
  };
}

/** An upload still in progress: its part sits in the store until it is completed. */
async function uploadUnfinishedPart(start: NpmStart, folder: string): Promise<void> {
  const apiUrl = /API\s+(http\S+)\/trpc/.exec(start.output())![1]!;
  const demo = JSON.parse(await readFile(path.join(folder, 'demo.json'), 'utf8')) as { slug: string; email: string; password: string };
  const call = async <T>(procedure: string, input: unknown, token?: string): Promise<T> => {
    const response = await fetch(`${apiUrl}/trpc/${procedure}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(input),
    });
    expect(response.status).toBe(200);
    return ((await response.json()) as { result: { data: T } }).result.data;
  };
  const { accessToken } = await call<{ accessToken: string }>('auth.login', { tenantSlug: demo.slug, email: demo.email, password: demo.password });
  const ticket = await call<{ parts: { url: string }[] }>('videos.createUpload', { filename: 'unfinished.mp4', size: 1000, title: 'Unfinished' }, accessToken);
  expect((await fetch(ticket.parts[0]!.url, { method: 'PUT', body: Buffer.alloc(1000, 1) })).status).toBe(200);
}

/** The signed master playlist, its first variant playlist and that variant's first segment, through the edge. */
async function plays(playUrl: string): Promise<void> {
  let url = playUrl;
  for (const what of ['master playlist', 'variant playlist']) {
    const response = await fetch(url);
    expect(response.status, what).toBe(200);
    const firstUri = (await response.text()).split('\n').find((line) => line.trim() !== '' && !line.startsWith('#'));
    url = new URL(firstUri!, url).toString();
  }
  const segment = await fetch(url);
  expect(segment.status).toBe(200);
  expect((await segment.arrayBuffer()).byteLength).toBeGreaterThan(0);
}

async function portFromFile(): Promise<number> {
  return Number(await readFile(path.join(dataDir, 'postgres.port'), 'utf8'));
}

async function storedSecrets(): Promise<{ masterKey: string; authSecret: string; postgresPassword: string }> {
  return JSON.parse(await readFile(path.join(dataDir, 'secrets.json'), 'utf8')) as { masterKey: string; authSecret: string; postgresPassword: string };
}

/** 'accepted', or PostgreSQL's error code for the refusal. */
async function superuserLogin(port: number, password: string): Promise<string> {
  const client = new pg.Client({ host: '127.0.0.1', port, user: 'postgres', password, database: 'ott' });
  try {
    await client.connect();
    return 'accepted';
  } catch (error) {
    return (error as { code?: string }).code ?? String(error);
  } finally {
    await client.end().catch(() => {});
  }
}

async function superuserQuery(port: number, sql: string): Promise<unknown[]> {
  const client = new pg.Client({ host: '127.0.0.1', port, user: 'postgres', password: (await storedSecrets()).postgresPassword, database: 'ott' });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

/** Every entry of the data folder but PostgreSQL's own (which PostgreSQL keeps 0700 itself), with its mode. */
async function entriesOf(folder: string): Promise<{ relative: string; mode: number; isFolder: boolean }[]> {
  const entries: { relative: string; mode: number; isFolder: boolean }[] = [];
  const walk = async (current: string): Promise<void> => {
    for (const name of await readdir(current)) {
      const absolute = path.join(current, name);
      if (absolute === path.join(folder, 'postgres')) continue;
      const stats = await lstat(absolute);
      entries.push({ relative: path.relative(folder, absolute), mode: stats.mode & 0o7777, isFolder: stats.isDirectory() });
      if (stats.isDirectory()) await walk(absolute);
    }
  };
  await walk(folder);
  return entries;
}

async function expectOwnerOnly(folder: string): Promise<void> {
  const entries = await entriesOf(folder);
  oneOfEachKind(folder, entries);
  const loose = entries.filter((entry) => entry.mode !== (entry.isFolder ? 0o700 : 0o600)).map((entry) => `${entry.mode.toString(8)} ${entry.relative}`);
  expect(loose).toEqual([]);
  // As root the database's own OS user must pass through to postgres/ (enter, not list); otherwise owner-only too.
  expect((await lstat(folder)).mode & 0o777).toBe(asRoot ? 0o711 : 0o700);
  expect((await lstat(path.join(folder, 'postgres'))).mode & 0o777).toBe(0o700);
}

async function expectOutOfReachOfPostgresUser(folder: string): Promise<void> {
  const asPostgres = (...command: string[]) => spawnSync('runuser', ['-u', 'postgres', '--', ...command], { stdio: 'ignore' }).status === 0;
  // The wall is the modes, not a runuser that cannot run: the server's user does reach its own files.
  expect(asPostgres('test', '-r', path.join(folder, 'postgres', 'PG_VERSION'))).toBe(true);
  for (const file of oneOfEachKind(folder, await entriesOf(folder))) expect(asPostgres('cat', file), file).toBe(false);
  expect(asPostgres('ls', folder)).toBe(false);
}

/** The path of one file of each of KINDS_OF_FILE: the checks are not vacuous. */
function oneOfEachKind(folder: string, entries: { relative: string; isFolder: boolean }[]): string[] {
  return KINDS_OF_FILE.map((kind) => {
    const found = entries.find((entry) => !entry.isFolder && kind.test(entry.relative));
    expect(found, `a file matching ${kind}`).toBeDefined();
    return path.join(folder, found!.relative);
  });
}

/**
 * What versions before this one left: the superuser's password `postgres`, a secrets.json without one, and the
 * data folder, the store, the logs and the port file readable by everyone (0755 folders, 0644 files).
 */
async function regressToOldLayout(folder: string): Promise<{ masterKey: string; authSecret: string }> {
  const postgres = await startEmbeddedPostgres(folder);
  const client = new pg.Client({ connectionString: postgres.connectionString });
  await client.connect();
  await client.query(`ALTER ROLE postgres PASSWORD 'postgres'`);
  await client.end();
  await postgres.stop();
  const { masterKey, authSecret } = await storedSecrets();
  await writeFile(path.join(folder, 'secrets.json'), JSON.stringify({ masterKey, authSecret }));
  for (const entry of await entriesOf(folder)) await chmod(path.join(folder, entry.relative), entry.isFolder ? 0o755 : 0o644);
  await chmod(folder, 0o755);
  return { masterKey, authSecret };
}
