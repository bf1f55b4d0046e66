// Which video a local file is being uploaded as, kept in `<configDir>/uploads.json` beside the credentials,
// so that running the same `ott upload` again after a crash or Ctrl-C continues instead of starting over.
// It is a cache: an unreadable file is treated as empty, and an entry only counts if the file is unchanged.
import path from 'node:path';
import { z } from 'zod';
import { readPrivateJson, writePrivateJson } from '../private-json-file.js';

const entrySchema = z.object({
  api: z.string(),
  path: z.string(),
  size: z.number(),
  mtimeMs: z.number(),
  videoId: z.string(),
});

export type ResumeEntry = z.infer<typeof entrySchema>;

/** What identifies "the same file": its absolute path, size and modification time. */
export type FileFingerprint = Omit<ResumeEntry, 'videoId'>;

const stateSchema = z.object({ uploads: z.array(entrySchema) });

export function resumeStatePath(configDir: string): string {
  return path.join(configDir, 'uploads.json');
}

export async function findResumable(configDir: string, file: FileFingerprint): Promise<string | undefined> {
  const entry = (await readEntries(configDir)).find((candidate) => sameUpload(candidate, file));
  return entry && entry.size === file.size && entry.mtimeMs === file.mtimeMs ? entry.videoId : undefined;
}

export async function rememberUpload(configDir: string, entry: ResumeEntry): Promise<void> {
  const others = (await readEntries(configDir)).filter((candidate) => !sameUpload(candidate, entry));
  await writePrivateJson(resumeStatePath(configDir), { uploads: [...others, entry] });
}

export async function forgetUpload(configDir: string, file: Pick<FileFingerprint, 'api' | 'path'>): Promise<void> {
  const entries = await readEntries(configDir);
  const kept = entries.filter((candidate) => !sameUpload(candidate, file));
  if (kept.length !== entries.length) await writePrivateJson(resumeStatePath(configDir), { uploads: kept });
}

function sameUpload(a: Pick<FileFingerprint, 'api' | 'path'>, b: Pick<FileFingerprint, 'api' | 'path'>): boolean {
  return a.api === b.api && a.path === b.path;
}

async function readEntries(configDir: string): Promise<ResumeEntry[]> {
  const state = await readPrivateJson(resumeStatePath(configDir), stateSchema);
  return state === undefined || state === 'invalid' ? [] : state.uploads;
}
