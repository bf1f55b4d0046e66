#!/usr/bin/env node
// Builds the SDK when its sources changed since the last build: for `npm start` (the API serves
// dist/ott-player.js at /sdk/ott-player.js) and for the tests that need dist/. Vitest runs projects in
// parallel, so a lock folder makes concurrent callers wait for one build instead of writing dist/ twice.
// Node built-ins only, so it also runs as a plain script: `node player-sdk/build/ensure-build.mjs`.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const SDK_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const SDK_DIST = path.join(SDK_ROOT, 'dist');
const STAMP = path.join(SDK_DIST, '.source-hash');
const LOCK = path.join(SDK_ROOT, '.build-lock');
const INPUTS = ['src', 'vite.config.ts', 'tsconfig.json', 'tsconfig.build.json', 'package.json'];
const STALE_LOCK_MS = 180_000;

/** Builds unless dist/ was built from exactly these sources; returns whether it built. */
export async function ensureBuilt() {
  const hash = await sourceHash();
  if ((await readFile(STAMP, 'utf8').catch(() => '')) === hash) return false;
  let built = false;
  await withLock(async () => {
    // Someone else may have built while this caller waited for the lock.
    if ((await readFile(STAMP, 'utf8').catch(() => '')) === hash) return;
    await run('pnpm', ['run', 'build']);
    await writeFile(STAMP, hash);
    built = true;
  });
  return built;
}

async function sourceHash() {
  const digest = createHash('sha256');
  const files = (await Promise.all(INPUTS.map((input) => listFiles(path.join(SDK_ROOT, input))))).flat().sort();
  for (const file of files)
    digest
      .update(path.relative(SDK_ROOT, file))
      .update('\0')
      .update(await readFile(file))
      .update('\0');
  return digest.digest('hex');
}

async function listFiles(target) {
  const info = await stat(target).catch(() => undefined);
  if (!info) return [];
  if (!info.isDirectory()) return [target];
  const entries = await readdir(target, { withFileTypes: true });
  return (await Promise.all(entries.map((entry) => listFiles(path.join(target, entry.name))))).flat();
}

async function withLock(work) {
  const started = Date.now();
  for (;;) {
    try {
      await mkdir(LOCK);
      break;
    } catch {
      const held = await stat(LOCK).catch(() => undefined);
      // A build killed half-way leaves its lock behind.
      if (held && Date.now() - held.mtimeMs > STALE_LOCK_MS) await rm(LOCK, { recursive: true, force: true });
      if (Date.now() - started > STALE_LOCK_MS) throw new Error(`player-sdk build lock ${LOCK} held too long`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  try {
    await work();
  } finally {
    await rm(LOCK, { recursive: true, force: true });
  }
}

function run(command, args) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: SDK_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk.toString()));
    child.stderr.on('data', (chunk) => (output += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`player-sdk build failed (${code}):\n${output}`))));
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const started = Date.now();
  ensureBuilt().then(
    (built) => console.log(built ? `[player-sdk] built into ${SDK_DIST} in ${((Date.now() - started) / 1000).toFixed(1)} s` : '[player-sdk] dist/ is up to date'),
    (error) => {
      console.error(`[player-sdk] ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    },
  );
}
