// A transcode's private folder (mode 0700): the source and the empty output folder, nothing else. ffmpeg runs in it
// and names the source relative to it, and no path to the store (where every tenant's media lives) is passed on,
// so whatever an upload refers to, nothing of ours is beside it to reach.
import { constants } from 'node:fs';
import { copyFile, link, mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

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

/** A worker killed mid-transcode leaves its scratch folder behind; the retry clears it. */
export async function removeScratchOfEarlierAttempts(videoId: string): Promise<void> {
  const prefix = scratchPrefix(videoId);
  for (const name of await readdir(tmpdir())) {
    if (name.startsWith(prefix)) await rm(path.join(tmpdir(), name), { recursive: true, force: true });
  }
}

function scratchPrefix(videoId: string): string {
  return `ott-transcode-${videoId}-`;
}
