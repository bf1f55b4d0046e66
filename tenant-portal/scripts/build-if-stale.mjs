#!/usr/bin/env node
// Builds the portal into dist/ unless dist/ is newer than every source file: `npm start` and the browser
// tests run it before serving the portal, and a second start costs nothing. Node built-ins only.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const portal = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// Everything that goes into the bundle, including the workspace packages the portal imports at run time.
const inputs = ['src', 'index.html', 'vite.config.ts', 'package.json', '../packages/contracts/src', '../packages/contracts/package.json', '../packages/upload-client/src'];

function newestMtime(entry) {
  const stats = statSync(entry, { throwIfNoEntry: false });
  if (!stats) return 0;
  if (!stats.isDirectory()) return stats.mtimeMs;
  return Math.max(0, ...readdirSync(entry).map((name) => newestMtime(path.join(entry, name))));
}

const built = statSync(path.join(portal, 'dist', 'index.html'), { throwIfNoEntry: false })?.mtimeMs ?? 0;
const sources = Math.max(...inputs.map((input) => newestMtime(path.join(portal, input))));
if (built > sources && !process.argv.includes('--force')) {
  console.log('[portal] dist/ is up to date');
} else {
  const started = Date.now();
  const result = spawnSync(process.execPath, [path.join(portal, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--logLevel', 'warn'], { cwd: portal, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`[portal] the build failed (exit ${result.status ?? result.signal})`);
    process.exit(result.status || 1);
  }
  console.log(`[portal] built into ${path.join(portal, 'dist')} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
