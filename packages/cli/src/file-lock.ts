// A lock file shared by every `ott` process on the machine. Refresh tokens rotate on use and the server
// revokes every session when one is used twice, so two processes must never refresh at the same time.
// It measures real time on purpose: it coordinates real processes, whatever clock a test injects elsewhere.
import { open, rm, stat } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { CliError } from './cli-error.js';

/** A holder that died leaves its lock behind; after this long the lock is taken over. */
const STALE_MS = 30_000;
const WAIT_MS = 15_000;
const POLL_MS = 50;

export async function withFileLock<T>(lockFile: string, work: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    try {
      await (await open(lockFile, 'wx', 0o600)).close();
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      if (await isStale(lockFile)) {
        await rm(lockFile, { force: true });
        continue;
      }
      if (Date.now() > deadline) throw new CliError(`another ott process holds ${lockFile}; if none is running, delete that file and retry`);
      await sleep(POLL_MS);
    }
  }
  try {
    return await work();
  } finally {
    await rm(lockFile, { force: true });
  }
}

async function isStale(lockFile: string): Promise<boolean> {
  try {
    return Date.now() - (await stat(lockFile)).mtimeMs > STALE_MS;
  } catch {
    return false;
  }
}
