// Unfinished uploads past their deadline: parts deleted, video failed with the reason, reserved storage released.
// Every worker sweeps: each expired upload is claimed under a row lock, so sweeps running at once do not collide.
import type { DomainDeps } from '../../domain/deps.js';
import { expireUnfinishedUploads } from '../../domain/videos/upload-expiry.js';
import type { Logger } from '../../ports.js';

export async function sweepUnfinishedUploads(deps: DomainDeps, log: Logger): Promise<void> {
  await expireUnfinishedUploads(deps).then(
    ({ expired, failed }) => {
      if (expired > 0) log.info(`expired ${expired} unfinished upload(s): parts deleted, storage released`);
      for (const { videoId, reason } of failed) log.warn({ videoId }, `upload could not be expired yet (${reason}); trying again next sweep`);
    },
    (error: unknown) => log.warn({ err: error }, 'upload expiry sweep failed; trying again next sweep'),
  );
}
