import { mkdir, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * The folder belongs to the transcoder (the port hands it over empty): a rerun clears what an
 * earlier or interrupted run left, so the same source always yields the same set of files.
 */
export async function emptyOutputFolder(outputDir: string): Promise<void> {
  await mkdir(outputDir, { recursive: true });
  const entries = await readdir(outputDir);
  await Promise.all(entries.map((entry) => rm(join(outputDir, entry), { recursive: true, force: true })));
}
