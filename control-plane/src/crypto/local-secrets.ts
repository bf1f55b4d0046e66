// The local shape's generated secrets, kept in `<data folder>/secrets.json` (0600): the master key and auth
// secret used when the environment gives none, and the embedded PostgreSQL's password. Each is generated once,
// on first need; a file from an older version gets the ones it lacks and keeps the ones it has.
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ownerOnlyFile, ownerOnlyFolders } from '../fs/owner-only.js';

export interface LocalSecrets {
  masterKey: string;
  authSecret: string;
  postgresPassword: string;
}

export function localSecretsFile(dataDir: string): string {
  return path.resolve(dataDir, 'secrets.json');
}

export async function localSecrets(dataDir: string): Promise<LocalSecrets> {
  const file = localSecretsFile(dataDir);
  const stored = await readSecrets(file);
  if (stored?.masterKey && stored.authSecret && stored.postgresPassword) return stored as LocalSecrets;
  await mkdir(path.dirname(file), ownerOnlyFolders);
  const complete: LocalSecrets = {
    masterKey: randomBytes(32).toString('base64'),
    authSecret: randomBytes(32).toString('base64'),
    // URL-safe: it travels inside the connection string.
    postgresPassword: randomBytes(32).toString('base64url'),
    ...stored,
  };
  if (stored) {
    // Completing an older file: written aside and renamed, so a crash leaves the old file or the new one, never half.
    // Only the process that starts the embedded database does this, before anything else reads the file.
    const temporary = `${file}.${randomUUID()}.tmp`;
    await writeFile(temporary, JSON.stringify(complete), { ...ownerOnlyFile, flag: 'wx' });
    await rename(temporary, file);
  } else {
    // Several processes may start at once: the first file written wins and everyone reads it back.
    await writeFile(file, JSON.stringify(complete), { ...ownerOnlyFile, flag: 'wx' }).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'EEXIST') throw error;
    });
  }
  return (await readSecrets(file)) as LocalSecrets;
}

async function readSecrets(file: string): Promise<Partial<LocalSecrets> | undefined> {
  const text = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw error;
  });
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text) as Partial<LocalSecrets>;
  } catch (error) {
    throw new Error(`${file} is not valid JSON (${(error as Error).message}). Restore it from a backup: without it the stored private keys and the database cannot be opened.`, { cause: error });
  }
}
