// The portal test serves what `npm start` serves: the built portal (tenant-portal/dist, rebuilt when its
// sources changed) and the player SDK's script bundle (built when missing).
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export async function ensurePortalBuilt(): Promise<void> {
  await run(process.execPath, [path.join(root, 'tenant-portal', 'scripts', 'build-if-stale.mjs')], { cwd: root });
}

export async function ensurePlayerSdkBuilt(): Promise<void> {
  if (existsSync(path.join(root, 'player-sdk', 'dist', 'ott-player.js'))) return;
  await run('pnpm', ['--filter', '@ott/player-sdk', 'build'], { cwd: root });
}
