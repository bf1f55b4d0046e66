#!/usr/bin/env node
// Runs every project's tests with Vitest, then prints one plain summary line ("N passed, N failed")
// that CI can read whatever the reporter prints above it.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const resultsDir = path.join(root, 'test-results');
const results = path.join(resultsDir, 'vitest.json');
mkdirSync(resultsDir, { recursive: true });
rmSync(results, { force: true });

const vitest = spawnSync('pnpm', ['exec', 'vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${results}`, ...process.argv.slice(2)], { stdio: 'inherit', cwd: root });

let summary;
try {
  summary = JSON.parse(readFileSync(results, 'utf8'));
} catch {
  console.error('Vitest wrote no results: see the output above.');
  process.exit(vitest.status || 1);
}
const skipped = summary.numPendingTests + summary.numTodoTests;
console.log(`\n${summary.numPassedTests} passed, ${summary.numFailedTests} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(vitest.status ?? 1);
