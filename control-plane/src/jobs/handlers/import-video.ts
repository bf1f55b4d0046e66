// import-video: fetch a video's original from the address the tenant gave, through the SSRF-guarded outbound port
// (public addresses only, redirects re-checked, the plan's size limit, one deadline), into a scratch folder; store it
// where an upload's original goes; queue the transcode. Safe to re-run: a finished import only re-queues its
// transcode (a singleton job), and a failed or deleted video is left alone.
import type { OutboundResult } from '../../ports.js';
import { DomainError } from '../../domain/errors.js';
import {
  DEFAULT_IMPORT_TIMEOUT_SECONDS,
  IMPORT_MAX_REDIRECTS,
  assertImportFits,
  failImport,
  finishImport,
  importTooLargeReason,
  pendingImport,
  type PendingImport,
} from '../../domain/videos/video-imports.js';
import type { JobHandler } from '../job-handler.js';
import { createScratchFolder } from '../scratch-folder.js';

export const importVideo: JobHandler<'import-video'> = async (job, attempt, { deps, log }) => {
  const video = log.child({ tenantId: job.tenantId, videoId: job.videoId });
  const pending = await pendingImport(deps, job.tenantId, job.videoId);
  if (!pending) return;
  // Stored and recorded by an attempt that stopped before queueing the transcode.
  if (pending.stored) return deps.queue.enqueue({ type: 'transcode-video', tenantId: job.tenantId, videoId: job.videoId });
  const timeoutSeconds = deps.uploads.importTimeoutSeconds ?? DEFAULT_IMPORT_TIMEOUT_SECONDS;
  const scratch = await createScratchFolder(job.videoId);
  try {
    video.info(`import started (attempt ${attempt.retryCount + 1})`);
    const result = await deps.outbound.request({
      url: pending.sourceUrl,
      method: 'GET',
      timeoutMs: timeoutSeconds * 1000,
      maxResponseBytes: pending.plan.maxUploadBytes,
      maxRedirects: IMPORT_MAX_REDIRECTS,
      saveBodyTo: scratch.sourcePath,
    });
    const problem = failureOf(result, pending, timeoutSeconds);
    if (problem) {
      // A server that could not be reached or answered 5xx may do better in a moment; everything else is final.
      if (problem.retry && !attempt.isLast) throw new Error(`import attempt failed: ${problem.reason}`);
      video.info({ reason: problem.reason }, 'import refused');
      return failImport(deps, job.tenantId, job.videoId, problem.reason);
    }
    const bytes = result.ok ? result.bodyBytes : 0;
    try {
      await assertImportFits(deps, job.tenantId, pending.plan, bytes);
    } catch (error) {
      if (error instanceof DomainError) return failImport(deps, job.tenantId, job.videoId, error.message);
      throw error;
    }
    await deps.store.putFile(pending.sourceKey, scratch.sourcePath);
    await finishImport(deps, job.tenantId, job.videoId, bytes);
    video.info({ bytes }, 'import done');
  } finally {
    await scratch.remove();
  }
};

/** Why the fetch did not give a video file, in the tenant's words; undefined when it did. */
function failureOf(result: OutboundResult, pending: PendingImport, timeoutSeconds: number): { reason: string; retry: boolean } | undefined {
  const host = hostOf(pending.sourceUrl);
  if (result.ok) {
    if (result.status >= 200 && result.status < 300) return undefined;
    if (result.status >= 300 && result.status < 400)
      return { reason: `${host} answered ${result.status} (a redirect) and more than ${IMPORT_MAX_REDIRECTS} redirects are not followed; give the file's final address.`, retry: false };
    return {
      reason: `${host} answered ${result.status} when asked for ${pending.sourceUrl}: check that the address is right and that the file is public (or the link signed for long enough), then import again.`,
      retry: result.status >= 500 || result.status === 429,
    };
  }
  switch (result.refusal) {
    case 'private-address':
      return { reason: `The address was refused: ${result.message}. Imports must come from the public internet.`, retry: false };
    case 'too-large':
      return { reason: importTooLargeReason(pending.plan), retry: false };
    case 'timeout':
      return { reason: `${host} did not send the whole file within ${minutes(timeoutSeconds)}. Try again later, or upload the file instead.`, retry: false };
    case 'too-many-redirects':
      return { reason: `The address redirected too many times (${result.message}); give the file's final address.`, retry: false };
    case 'dns-failed':
      return { reason: `The address cannot be reached: ${result.message}. Check the host name.`, retry: true };
    case 'bad-url':
      return { reason: `The address cannot be imported: ${result.message}.`, retry: false };
    case 'connection-failed':
      return { reason: `The file could not be downloaded from ${host}: ${result.message}. Try again later, or upload the file instead.`, retry: true };
  }
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

function minutes(seconds: number): string {
  return seconds >= 120 ? `${Math.round(seconds / 60)} minutes` : `${seconds} seconds`;
}
