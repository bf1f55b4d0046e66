// Files only the platform's own OS user may read: the local data folder holds tenants' media, the edge's
// access logs and the secrets, on a machine other users may share. Modes are given on every create (the
// process umask can only narrow them), and a folder made by an older version is tightened in place.
import { chmod, copyFile, lstat, readdir } from 'node:fs/promises';
import path from 'node:path';

export const OWNER_ONLY_FILE_MODE = 0o600;
export const OWNER_ONLY_FOLDER_MODE = 0o700;

/** For writeFile, appendFile, createWriteStream: applies when the call creates the file. */
export const ownerOnlyFile = { mode: OWNER_ONLY_FILE_MODE } as const;
/** For mkdir: every folder the call creates, parents included. */
export const ownerOnlyFolders = { recursive: true, mode: OWNER_ONLY_FOLDER_MODE } as const;

/** copyFile gives the copy its source's mode (ffmpeg's outputs follow the umask): the copy is narrowed before anyone can look for it. */
export async function copyOwnerOnly(source: string, target: string): Promise<void> {
  await copyFile(source, target);
  await chmod(target, OWNER_ONLY_FILE_MODE);
}

/**
 * Folders 0700 and files 0600 from `root` down; returns how many entries it changed. A folder that is already
 * 0700 keeps everything in it from other users, so it is not descended: a start costs one look per top-level
 * entry, not one per stored segment. A folder's contents are narrowed before the folder itself, so a run cut short
 * leaves the rest of the job to the next one. Symbolic links are left alone: chmod would follow them out of the tree.
 */
export async function restrictToOwner(root: string): Promise<number> {
  const stats = await lstat(root).catch(vanished);
  if (!stats || stats.isSymbolicLink()) return 0;
  if (!stats.isDirectory()) return narrow(root, stats.mode, OWNER_ONLY_FILE_MODE);
  if ((stats.mode & 0o7777) === OWNER_ONLY_FOLDER_MODE) return 0;
  let changed = 0;
  for (const name of (await readdir(root).catch(vanished)) ?? []) changed += await restrictToOwner(path.join(root, name));
  return changed + (await narrow(root, stats.mode, OWNER_ONLY_FOLDER_MODE));
}

async function narrow(entry: string, mode: number, wanted: number): Promise<number> {
  if ((mode & 0o7777) === wanted) return 0;
  await chmod(entry, wanted).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return;
    throw new Error(`Cannot make ${entry} private to its owner (${error.code ?? error.message}). Give it to the user that runs OTT Cloud (chown), or move it out of the data folder.`);
  });
  return 1;
}

/** A file removed while the tree is walked (a finished upload's parts) needs no narrowing. */
function vanished(error: NodeJS.ErrnoException): undefined {
  if (error.code === 'ENOENT') return undefined;
  throw error;
}
