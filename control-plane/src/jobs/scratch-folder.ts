// A transcode's private folder (mode 0700): the source and the empty output folder, nothing else. ffmpeg runs in it
// and names the source relative to it, and no path to the store (where every tenant's media lives) is passed on,
// so whatever an upload refers to, nothing of ours is beside it to reach.
import { constants } from 'node:fs';
import { copyFile, link, mkdir, mkdtemp, readdir, readlink, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';

/** The source's name in the folder: fixed, so neither the uploader's file name nor its extension reaches a tool. */
export const SCRATCH_SOURCE = 'source';
const SCRATCH_OUTPUT = 'out';

/** Why link(2) may refuse where a copy works: another file system, or one (or a policy) without hard links. */
const NO_HARD_LINK = new Set(['EXDEV', 'EPERM', 'EMLINK', 'ENOTSUP', 'EOPNOTSUPP']);

export interface ScratchFolder {
  sourcePath: string;
  outputDir: string;
  remove(): Promise<void>;
}

export async function createScratchFolder(videoId: string): Promise<ScratchFolder> {
  const dir = await mkdtemp(path.join(tmpdir(), scratchPrefix(videoId)));
  const outputDir = path.join(dir, SCRATCH_OUTPUT);
  await mkdir(outputDir);
  return { sourcePath: path.join(dir, SCRATCH_SOURCE), outputDir, remove: () => rm(dir, { recursive: true, force: true }) };
}

/**
 * Puts the stored original at `target`: a hard link where the store shares the scratch folder's file system (free
 * whatever the size: the transcode benchmark's 5 GB source costs nothing), else a copy (a reflink where the file system
 * has them). Removing the folder removes the link, never the original.
 */
export async function placeSource(storedFile: string, target: string): Promise<void> {
  try {
    await link(storedFile, target);
  } catch (error) {
    if (!NO_HARD_LINK.has((error as NodeJS.ErrnoException).code ?? '')) throw error;
    await copyFile(storedFile, target, constants.COPYFILE_FICLONE);
  }
}

/**
 * A worker killed mid-transcode leaves its scratch folder behind, and its ffmpeg may still be running in it (a killed
 * parent does not take its children along): the retry stops those tools, then clears the folder. Left running, a tool
 * went on writing into the folder while it was removed and left it behind (seen once under load).
 */
export async function removeScratchOfEarlierAttempts(videoId: string): Promise<void> {
  const prefix = scratchPrefix(videoId);
  for (const name of await readdir(tmpdir())) {
    if (!name.startsWith(prefix)) continue;
    const dir = path.join(tmpdir(), name);
    await stopProcessesWorkingIn(dir);
    await rm(dir, { recursive: true, force: true, maxRetries: 5 });
  }
}

/** Processes whose working directory is in `dir` (Linux's /proc; elsewhere there is nothing to look at). */
async function stopProcessesWorkingIn(dir: string): Promise<void> {
  const working = await processesWorkingIn(dir);
  for (const pid of working) killQuietly(pid);
  // SIGKILL is delivered at once but the process ends a moment later: its last writes land before the folder goes.
  for (let wait = 0; wait < 20 && (await processesWorkingIn(dir)).length > 0; wait += 1) await delay(100);
}

async function processesWorkingIn(dir: string): Promise<number[]> {
  const entries = await readdir('/proc').catch(() => []);
  const working: number[] = [];
  for (const pid of entries.filter((entry) => /^\d+$/.test(entry))) {
    const cwd = await readlink(`/proc/${pid}/cwd`).catch(() => null);
    if (cwd !== null && (cwd === dir || cwd.startsWith(`${dir}${path.sep}`))) working.push(Number(pid));
  }
  return working;
}

function killQuietly(pid: number): void {
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // Ended on its own meanwhile.
  }
}

function scratchPrefix(videoId: string): string {
  return `ott-transcode-${videoId}-`;
}
