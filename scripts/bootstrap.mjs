#!/usr/bin/env node
// `npm start`, `npm test`, `npm run check` and `npm run ott` on a fresh Debian machine with Node 20 and npm: installs
// what is missing (pnpm at the version pinned in package.json, the workspace's packages, ffmpeg from apt), then runs.
// Only Node built-ins here: nothing is installed yet when this runs.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const [mode = 'start', ...rest] = process.argv.slice(2);
const say = (message) => console.log(`[setup] ${message}`);

function has(command, args = ['--version']) {
  return spawnSync(command, args, { stdio: 'ignore' }).status === 0;
}

function onPath(command) {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { stdio: 'inherit', cwd: root, ...options });
  if (result.status !== 0) {
    console.error(`[setup] \`${command} ${args.join(' ')}\` failed (exit ${result.status ?? result.signal}).`);
    process.exit(result.status || 1);
  }
}

function ensurePnpm() {
  const wanted = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'))
    .packageManager.split('@')[1]
    .split('+')[0];
  const current = has('pnpm') ? execFileSync('pnpm', ['--version'], { encoding: 'utf8' }).trim() : undefined;
  if (current === wanted) return;
  say(`installing pnpm ${wanted}${current ? ` (found ${current})` : ''}`);
  run('npm', ['install', '--global', `pnpm@${wanted}`]);
}

function ensureAptPackages(packages) {
  const missing = packages.filter(({ command, file }) => (file ? !existsSync(file) : !onPath(command)));
  if (missing.length === 0) return;
  const names = missing.map(({ apt }) => apt);
  if (process.getuid?.() !== 0) {
    console.error(`[setup] Missing ${missing.map(({ command, file }) => file ?? command).join(', ')}. Install with: sudo apt-get install -y ${names.join(' ')}`);
    process.exit(1);
  }
  say(`installing ${names.join(' ')} from apt`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  run('apt-get', ['update', '-qq'], { env });
  run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...names], { env });
}

function ensureWorkspace() {
  say('installing packages (pnpm install)');
  run('pnpm', ['install', '--frozen-lockfile', '--prefer-offline', '--reporter=silent']);
}

function exec(command, args, extraEnv = {}, cwd = root) {
  const child = spawn(command, args, { stdio: 'inherit', cwd, env: { ...process.env, ...extraEnv } });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

// The CLI runs often: once the workspace is installed it starts straight away.
if (mode !== 'ott' || !existsSync(path.join(root, 'node_modules', '.modules.yaml'))) {
  ensurePnpm();
  const media = [
    { command: 'ffmpeg', apt: 'ffmpeg' },
    { command: 'ffprobe', apt: 'ffmpeg' },
    // Automatic captions on the local shape: offline speech to text with its US English model.
    { command: 'pocketsphinx_continuous', apt: 'pocketsphinx' },
    { file: '/usr/share/pocketsphinx/model/en-us/en-us.lm.bin', apt: 'pocketsphinx-en-us' },
  ];
  // The browser tests drive Debian's Chromium (never a downloaded browser build), and the developer journey runs the
  // Developers page's commands with the real curl; the static checks need neither.
  const testTools = [
    { command: 'chromium', apt: 'chromium' },
    { command: 'curl', apt: 'curl' },
    // Speech the caption tests transcribe, made on the spot.
    { command: 'espeak-ng', apt: 'espeak-ng' },
  ];
  ensureAptPackages(mode === 'check' ? [] : mode === 'test' || mode === 'soak' ? [...media, ...testTools] : media);
  ensureWorkspace();
}

if (mode === 'start') {
  exec('pnpm', ['--filter', '@ott/control-plane', 'exec', 'tsx', 'src/bin/start-local.ts'], { OTT_DATA_DIR: process.env.OTT_DATA_DIR ?? path.join(root, '.ott') });
} else if (mode === 'test') {
  run('node', [path.join(root, 'scripts', 'run-tests.mjs'), ...rest]);
} else if (mode === 'check') {
  // The gate before the tests: every check runs, so one run shows all that fails; any failure fails the command.
  const failed = ['typecheck', 'lint', 'format:check'].filter((script) => {
    const started = Date.now();
    const ok = spawnSync('pnpm', ['run', '--silent', script], { stdio: 'inherit', cwd: root }).status === 0;
    say(`${script} ${ok ? 'passed' : 'FAILED'} in ${Math.round((Date.now() - started) / 1000)} s`);
    return !ok;
  });
  if (failed.length > 0) {
    console.error(`[setup] failed: ${failed.join(', ')}`);
    process.exit(1);
  }
} else if (mode === 'bench') {
  ensureAptPackages([{ command: 'wrk', apt: 'wrk' }]);
  run('pnpm', ['--filter', '@ott/bench', 'exec', 'tsx', 'run.ts', ...rest]);
} else if (mode === 'soak') {
  // The longer reliability runs: 500 viewers for 60 s, 10 transcodes with worker kills, a 200 MB interrupted upload.
  run('node', [path.join(root, 'scripts', 'run-tests.mjs'), '--project', '@ott/e2e', 'e2e/faults.test.ts', 'e2e/viewer-load.test.ts', ...rest], { env: { ...process.env, OTT_SOAK: '1' } });
} else if (mode === 'ott') {
  // Relative file names (`ott upload ./film.mp4`) mean the folder the user ran the command from.
  exec('node', [path.join(root, 'packages', 'cli', 'bin', 'ott.mjs'), ...rest], {}, process.env.INIT_CWD ?? process.cwd());
} else {
  console.error(`[setup] unknown mode ${mode}; use start, test, check or ott`);
  process.exit(2);
}
