// `npm start`: the whole platform on one machine. PostgreSQL (embedded unless DATABASE_URL is set), migrations,
// the tenant portal's build, then the api, worker and edge as separate processes, a demo tenant with a sample
// video, and the URLs to try.
// Ctrl-C stops everything; the data folder keeps the database, the store and the secrets for the next start.
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
import { seedDemo } from './seed-demo.js';

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

for (const name of ['api', 'worker', 'edge']) {
  const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL(`./${name}.ts`, import.meta.url))], { env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  children.set(name, child);
  // Line by line: a JSON line split across two chunks would otherwise be printed as two broken halves.
  for (const stream of [child.stdout, child.stderr]) {
    if (stream) createInterface({ input: stream, crlfDelay: Infinity }).on('line', (line) => line.trim() && print(line, name));
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
  log.info('stopping…');
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
  log.info(`stopped; your data stays in ${dataDir}`);
  process.exit(exitCode);
}
process.on('SIGINT', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));

try {
  const demo = await seedDemo({ apiUrl: config.apiUrl, dataDir, log, ffmpegPath: config.ffmpegPath });
  // The banner is for a person to read and copy from, not a log line.
  process.stdout.write(`
  OTT Cloud is running (local shape). Ctrl-C stops it; data stays in ${dataDir}.

    Portal          ${config.apiUrl}/   (sign in with the demo login below, or sign up)
    API             ${config.apiUrl}/trpc
    Edge (CDN)      ${config.edgeUrl}
    Demo workspace  ${demo.slug}
    Demo login      ${demo.email} / ${demo.password}
    Demo video      ${demo.videoId} (${demo.status})
    Play it         ${demo.playUrl ?? '(not ready)'}
                    (signed for 10 minutes: open it in Safari, VLC, or ffplay)

    CLI             pnpm ott login --tenant ${demo.slug} --email ${demo.email}
                    pnpm ott upload <file> --wait
                    pnpm ott play-url <videoId>

`);
} catch (error) {
  log.error({ err: error }, 'the demo could not be prepared');
  log.info('the platform is still running; sign up with `pnpm ott signup`.');
}
