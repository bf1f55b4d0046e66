// One source → one HLS package published under `packagePrefix`, in a scratch folder of its own: what a first transcode
// (handlers/transcode-video.ts) and a replacement of the source (handlers/replace-video-source.ts) both do.
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
    await deps.store.deletePrefix(job.packagePrefix);
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
    await deps.store.putDirectory(job.packagePrefix, scratch.outputDir);
    return output;
  } finally {
    await scratch.remove();
  }
}
