// `npm start`: the whole platform on one machine. PostgreSQL (embedded unless DATABASE_URL is set), migrations,
// the tenant portal's build, then the api, worker and edge as separate processes, a demo tenant with a sample
// video, and the URLs to try.
// It waits as long as the API takes to start, saying so, and always prints the portal, the login and the play URL.
// Ctrl-C stops everything and says "Stopped."; the data folder keeps the database, the store and the secrets.
// Everything it and its processes log is printed for a person (readable-log-line.ts), at OTT_LOG_LEVEL.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { startEmbeddedPostgres, type RunningPostgres } from '../db/embedded-postgres.js';
import { createDatabase } from '../db/database.js';
import { migrateToLatest } from '../db/migrate.js';
import { childProcessEnv, readEnv } from '../env.js';
import { protectDataFolder } from './protect-data-folder.js';
import { processLogger } from './process-logger.js';
import { readableLogLine } from './readable-log-line.js';
import { runtimeConfig } from './runtime-config.js';
import { seedDemo, type DemoSummary } from './seed-demo.js';

const env = readEnv();
const dataDir = path.resolve(env.OTT_DATA_DIR);
const print = (line: string, printedBy: string) => process.stdout.write(`${readableLogLine(line, printedBy)}\n`);
const log = processLogger(env, 'start-local', { write: (line) => print(line.trimEnd(), 'start-local') });

const narrowed = await protectDataFolder(dataDir);
if (narrowed > 0) log.info(`made ${narrowed} files and folders in ${dataDir} readable by this user only (files 0600, folders 0700)`);
let postgres: RunningPostgres | undefined;
if (!env.DATABASE_URL) {
  log.info(`starting embedded PostgreSQL (data in ${path.join(dataDir, 'postgres')})`);
  postgres = await startEmbeddedPostgres(dataDir, log.child({ component: 'postgres' }));
}
const databaseUrl = env.DATABASE_URL ?? postgres!.connectionString;
const config = await runtimeConfig(env, databaseUrl);
const db = createDatabase(databaseUrl, { max: 2 });
await migrateToLatest(db);
await db.destroy();

// The API serves the tenant portal (tenant-portal/dist) and the player's and the direct-upload client's script-tag
// bundles (player-sdk/dist, packages/upload-client/dist): build each when its sources are newer than its build (the
// upload bundle takes a tenth of a second: always).
for (const [what, script] of [
  ['the tenant portal', '../../../tenant-portal/scripts/build-if-stale.mjs'],
  ['the player SDK', '../../../player-sdk/build/ensure-build.mjs'],
  ['the direct-upload client', '../../../packages/upload-client/build/build-browser-bundle.mjs'],
] as const) {
  const build = spawnSync(process.execPath, [fileURLToPath(new URL(script, import.meta.url))], { stdio: 'inherit' });
  if (build.status !== 0) log.warn(`${what} could not be built; the API still runs and says how to build it`);
}

const childEnv = childProcessEnv({
  DATABASE_URL: databaseUrl,
  OTT_DATA_DIR: dataDir,
  OTT_MASTER_KEY: config.masterKey.toString('base64'),
  OTT_AUTH_SECRET: config.authSecret.toString('base64'),
});
const children = new Map<string, ChildProcess>();
let stopping = false;

/** The CLI's default; any other address must be passed to it. */
const CLI_DEFAULT_API = 'http://127.0.0.1:8686';
/** Ends the demo's waits on Ctrl-C. */
const stopDemo = new AbortController();

for (const name of ['api', 'worker', 'edge']) {
  const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL(`./${name}.ts`, import.meta.url))], { env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  children.set(name, child);
  // Line by line: a JSON line split across two chunks would otherwise be printed as two broken halves. Once stopping,
  // their shutdown chatter (connections the stopping database ends) is not for the reader: "Stopped." says it all.
  for (const stream of [child.stdout, child.stderr]) {
    if (stream) createInterface({ input: stream, crlfDelay: Infinity }).on('line', (line) => !stopping && line.trim() && print(line, name));
  }
  child.on('exit', (code, signal) => {
    children.delete(name);
    if (!stopping) {
      log.error(`${name} stopped unexpectedly (${signal ?? `exit ${code}`}); shutting down`);
      void shutdown(1);
    }
  });
}

async function shutdown(exitCode: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  stopDemo.abort();
  process.stdout.write('\nStopping…\n');
  await Promise.all(
    [...children.values()].map(
      (child) =>
        new Promise<void>((resolve) => {
          const force = setTimeout(() => child.kill('SIGKILL'), 15_000);
          child.once('exit', () => {
            clearTimeout(force);
            resolve();
          });
          child.kill('SIGTERM');
        }),
    ),
  );
  await postgres?.stop().catch(() => {});
  process.stdout.write(`Stopped. Your data stays in ${dataDir}.\n`);
  process.exit(exitCode);
}
// Ctrl-C in a terminal signals the whole process group: PostgreSQL and the children hear it too and stop at once.
process.on('SIGINT', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));

const demo = await seedDemo({ apiUrl: config.apiUrl, dataDir, log, ffmpegPath: config.ffmpegPath, signal: stopDemo.signal }).catch((error: unknown) => {
  if (!stopping) log.error({ err: error }, 'the demo workspace could not be prepared; sign up in the portal instead');
  return undefined;
});
if (!stopping) process.stdout.write(banner(demo));
const video = await demo?.video.catch(() => undefined);
if (video && !stopping) {
  process.stdout.write(`
    Demo video      ${video.videoId} (${video.status})
    Play it         ${video.playUrl ?? '(not ready)'}
                    (signed for 10 minutes: open it in Safari, VLC, or ffplay)

`);
}

/** What to open and type, for a person to read and copy from (not a log line): printed whatever the demo came to. */
function banner(demo: DemoSummary | undefined): string {
  const api = config.apiUrl === CLI_DEFAULT_API ? '' : ` --api ${config.apiUrl}`;
  const cli = demo ? [`pnpm ott login${api} --tenant ${demo.slug} --email ${demo.email}`, `pnpm ott upload${api} <file> --wait`, `pnpm ott play-url${api} <videoId>`] : [`pnpm ott signup${api}`];
  return `
  OTT Cloud is running (local shape). Ctrl-C stops it; data stays in ${dataDir}.

    Portal          ${config.apiUrl}/   (sign in with the demo login below, or sign up)
    Inbox           ${config.apiUrl}/inbox   (the mail the platform sends: invitations, password resets)
    API             ${config.apiUrl}/trpc
    Edge (CDN)      ${config.edgeUrl}
    Demo workspace  ${demo?.slug ?? '(none)'}
    Demo login      ${demo ? `${demo.email} / ${demo.password}` : '(none: sign up in the portal)'}

    CLI             ${cli.join('\n                    ')}

  ${demo ? 'The demo video is being prepared: its play URL follows below.' : ''}
`;
}
