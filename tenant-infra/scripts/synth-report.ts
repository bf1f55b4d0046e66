// `pnpm --filter @ott/tenant-infra synth-report`: synthesis time and peak memory for 1, 10 and 100 tenant stacks,
// each in fresh processes, against linear growth from one tenant; prints a table, writes synth-report.json.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { measureSynth, synthTable } from './synth-measure.js';

const SIZES = [1, 10, 100];
const RUNS = 3;
const rows = await measureSynth(SIZES, { runs: RUNS, log: (message) => console.error(message) });
console.log(synthTable(rows));
const target = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'synth-report.json');
const measuredAt = new Date().toISOString();
await writeFile(target, `${JSON.stringify({ measuredAt, node: process.version, runsPerSize: RUNS, rows }, null, 2)}\n`);
console.log(`\nMedian of ${RUNS} fresh processes per size; imports (cdktf and the deep @cdktf/provider-aws modules) excluded from the synth time. Wrote ${path.relative(process.cwd(), target)}.`);
