// Unfinished uploads past their deadline: parts deleted, video failed with the reason, reserved storage released; the
// same for a dub's file (the dub fails with the reason).
// Every worker sweeps: each expired upload is claimed under a row lock, so sweeps running at once do not collide.
import type { DomainDeps } from '../../domain/deps.js';
import { expireUnfinishedDubUploads } from '../../domain/videos/dub-upload-expiry.js';
import { expireUnfinishedUploads, type UploadExpiryReport } from '../../domain/videos/upload-expiry.js';
import type { Logger } from '../../ports.js';

export async function sweepUnfinishedUploads(deps: DomainDeps, log: Logger): Promise<void> {
  await sweep(log, 'upload', 'parts deleted, storage released', () => expireUnfinishedUploads(deps));
  await sweep(log, 'dub upload', 'parts deleted, dubs failed with the reason', () => expireUnfinishedDubUploads(deps));
}

async function sweep(log: Logger, what: string, outcome: string, expire: () => Promise<UploadExpiryReport>): Promise<void> {
  await expire().then(
    ({ expired, failed }) => {
      if (expired > 0) log.info(`expired ${expired} unfinished ${what}(s): ${outcome}`);
      for (const { videoId, reason } of failed) log.warn({ videoId }, `${what} could not be expired yet (${reason}); trying again next sweep`);
    },
    (error: unknown) => log.warn({ err: error }, `${what} expiry sweep failed; trying again next sweep`),
  );
}
