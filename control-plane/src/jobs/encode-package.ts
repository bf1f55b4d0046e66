// One source → one HLS package published under `packagePrefix`, in a scratch folder of its own: what a first transcode
// (handlers/transcode-video.ts) and a replacement of the source (handlers/replace-video-source.ts) both do. Its rungs
// above HD are published in the video's UHD folder, the rest in the package's (media/uhd-folder.ts).
import { isUhdRung, packageFolders, UHD_FOLDER_SUFFIX, uhdSiblingOf } from '../media/uhd-folder.js';
import { mkdir, readdir, rename } from 'node:fs/promises';
import path from 'node:path';
import type { DomainDeps } from '../domain/deps.js';
import { planOf } from '../domain/billing/plans.js';
import type { EarlyPublishing, TranscodeOutput } from '../ports.js';
import { createScratchFolder, placeSource, removeScratchOfEarlierAttempts } from './scratch-folder.js';

const PROGRESS_WRITE_MS = 1_000;

export interface PackageToEncode {
  tenantId: string;
  videoId: string;
  sourceKey: string;
  /** Cleared first: an attempt never builds on what an earlier one left. */
  packagePrefix: string;
  signal: AbortSignal;
  /** At most once a second (and at the end): each call is a database write. */
  onProgress: (fraction: number) => void;
  earlyPublishing?: EarlyPublishing;
  /** Only this range of the original (a clip). */
  clip?: { startSeconds: number; endSeconds: number };
  /** Also make the static MP4 downloads. */
  downloads?: boolean;
}

export async function encodePackage(deps: Pick<DomainDeps, 'db' | 'store' | 'transcoder'>, job: PackageToEncode): Promise<TranscodeOutput> {
  const tenant = await deps.db.selectFrom('tenants').select('plan').where('id', '=', job.tenantId).executeTakeFirstOrThrow();
  await removeScratchOfEarlierAttempts(job.videoId);
  const scratch = await createScratchFolder(job.videoId);
  let lastWrite = 0;
  try {
    for (const folder of packageFolders(job.packagePrefix)) await deps.store.deletePrefix(folder);
    // MediaConvert reads the original in the store: a film is never downloaded to the worker's disk for it.
    if (!deps.transcoder.readsStoredSource) await placeSource(await deps.store.localFile(job.sourceKey), scratch.sourcePath);
    const output = await deps.transcoder.transcode({
      sourcePath: scratch.sourcePath,
      sourceKey: job.sourceKey,
      packagePrefix: job.packagePrefix,
      outputDir: scratch.outputDir,
      limits: { maxDurationSeconds: planOf(tenant.plan).maxDurationSeconds },
      signal: job.signal,
      onProgress: (fraction) => {
        const now = Date.now();
        if (now - lastWrite < PROGRESS_WRITE_MS && fraction < 1) return;
        lastWrite = now;
        job.onProgress(fraction);
      },
      ...(job.earlyPublishing ? { earlyPublishing: job.earlyPublishing } : {}),
      ...(job.clip ? { clip: job.clip } : {}),
      ...(job.downloads ? { downloads: true } : {}),
    });
    // Same names as the early files: viewers already playing see the growing playlists end (VOD).
    await publishPackage(deps.store, job.packagePrefix, scratch.outputDir);
    return output;
  } finally {
    await scratch.remove();
  }
}

/**
 * The output folder's UHD rung folders to the video's UHD folder, everything else to the package's. They are moved
 * beside the output folder first (inside the scratch folder, which removes them), so each store upload stays one
 * putDirectory with its own uploads in flight.
 */
async function publishPackage(store: DomainDeps['store'], packagePrefix: string, outputDir: string): Promise<void> {
  const uhdDir = `${outputDir}${UHD_FOLDER_SUFFIX}`;
  await mkdir(uhdDir, { recursive: true });
  for (const entry of await readdir(outputDir, { withFileTypes: true })) {
    if (entry.isDirectory() && isUhdRung(entry.name)) await rename(path.join(outputDir, entry.name), path.join(uhdDir, entry.name));
  }
  await Promise.all([store.putDirectory(packagePrefix, outputDir), store.putDirectory(uhdSiblingOf(packagePrefix), uhdDir)]);
}
