// `npm run bench [-- <name>…] [-- --quick]`: runs the benchmarks one after another (each bounded in time and
// cleaning up after itself), prints one table, writes bench/results.json and docs/benchmarks.md.
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { startEmbeddedPostgres, type RunningPostgres } from '@ott/control-plane/internals/embedded-postgres';
import type { Benchmark, BenchmarkResult } from './src/benchmark.js';
import { analyticsDashboard } from './src/benchmarks/analytics-dashboard.js';
import { analyticsIngest } from './src/benchmarks/analytics-ingest.js';
import { apiList } from './src/benchmarks/api-list.js';
import { captionAccuracy } from './src/benchmarks/caption-accuracy.js';
import { edgeThroughput } from './src/benchmarks/edge-throughput.js';
import { egressIngest } from './src/benchmarks/egress-ingest.js';
import { playbackAuthorize } from './src/benchmarks/playback-authorize.js';
import { playerSize } from './src/benchmarks/player-size.js';
import { playerStart } from './src/benchmarks/player-start.js';
import { storefront } from './src/benchmarks/storefront.js';
import { synth } from './src/benchmarks/synth.js';
import { timeToPlayable } from './src/benchmarks/time-to-playable.js';
import { transcode } from './src/benchmarks/transcode.js';
import { webhookDelivery } from './src/benchmarks/webhook-delivery.js';
import { benchEnv } from './src/env.js';
import { machineInfo } from './src/machine.js';
import { table, writeReports } from './src/report.js';

const BENCHMARKS: Record<string, Benchmark> = {
  transcode,
  'time-to-playable': timeToPlayable,
  'playback-authorize': playbackAuthorize,
  edge: edgeThroughput,
  'player-start': playerStart,
  'player-size': playerSize,
  api: apiList,
  'egress-ingest': egressIngest,
  synth,
  'webhook-delivery': webhookDelivery,
  'caption-accuracy': captionAccuracy,
  storefront,
  'analytics-ingest': analyticsIngest,
  'analytics-dashboard': analyticsDashboard,
};

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const quick = args.includes('--quick');
const names = args.filter((arg) => !arg.startsWith('--'));
const unknown = names.filter((name) => !(name in BENCHMARKS));
if (unknown.length > 0) {
  console.error(`Unknown benchmark ${unknown.join(', ')}; choose from ${Object.keys(BENCHMARKS).join(', ')}.`);
  process.exit(2);
}
const log = (message: string) => console.log(`[bench] ${message}`);
const workDir = await mkdtemp(path.join(tmpdir(), 'ott-bench-'));
let postgres: RunningPostgres | undefined;
const given = benchEnv().databaseUrl;
if (!given) postgres = await startEmbeddedPostgres(path.join(workDir, 'pg'));
const adminDatabaseUrl = given ?? postgres!.connectionString;

const results: BenchmarkResult[] = [];
try {
  for (const name of names.length > 0 ? names : Object.keys(BENCHMARKS)) {
    log(`${name}…`);
    const result = await BENCHMARKS[name]!({ quick, runs: 3, workDir, adminDatabaseUrl, log });
    log(`${name}: ours ${result.ours.value} ${result.ours.unit}, reference ${result.reference.value} ${result.reference.unit}, ${result.ratio}× (target ${result.target})`);
    results.push(result);
  }
  const client = new pg.Client(adminDatabaseUrl);
  await client.connect();
  const postgresVersion = ((await client.query<{ server_version: string }>('show server_version')).rows[0]?.server_version ?? 'unknown').split(' ')[0] ?? 'unknown';
  await client.end();
  console.log(`\n${table(results)}\n`);
  await mkdir(path.join(root, 'docs'), { recursive: true });
  const jsonReport = path.join(root, 'bench', 'results.json');
  await writeReports(
    names.length > 0 ? await withEarlierResults(results, jsonReport) : results,
    machineInfo(postgresVersion),
    { json: jsonReport, markdown: path.join(root, 'docs', 'benchmarks.md') },
    await readFile(path.join(root, 'bench', 'limits.md'), 'utf8'),
  );
  log('wrote bench/results.json and docs/benchmarks.md');
} finally {
  await postgres?.stop();
  await rm(workDir, { recursive: true, force: true });
}

/** A run of some benchmarks (`npm run bench -- api`) replaces their rows and keeps the others' from the last report. */
async function withEarlierResults(fresh: readonly BenchmarkResult[], jsonReport: string): Promise<BenchmarkResult[]> {
  const earlier = await readFile(jsonReport, 'utf8')
    .then((text) => (JSON.parse(text) as { results: BenchmarkResult[] }).results)
    .catch(() => []);
  const byName = new Map(fresh.map((result) => [result.name, result]));
  return [...earlier.map((result) => byName.get(result.name) ?? result), ...fresh.filter((result) => !earlier.some((old) => old.name === result.name))];
}
