// The upload journey for one local file: start (or resume) a multipart upload, send the parts with
// progress, and complete it so that transcoding is queued.
import { open, stat } from 'node:fs/promises';
import path from 'node:path';
import { formatBytes } from '@ott/contracts';
import { putFilePart, type OttCloud } from '@ott/node-sdk';
import { openUpload, PartUrlPool, sendParts, type AnyPartUrlBatch, type OpenUpload, type ResumeState, type UploadApi } from '@ott/upload-client';
import { isNotFound } from '../api-errors.js';
import { createAdminClient, type AccessMode, type ApiClient } from '../api-client.js';
import type { CliContext } from '../cli-context.js';
import { CliError } from '../cli-error.js';
import { describeError } from '../report-error.js';
import { createProgressBar } from './progress-bar.js';
import { findResumable, forgetUpload, rememberUpload, type FileFingerprint } from './resume-state.js';

export interface UploadFileOptions {
  file: string;
  title?: string | undefined;
  accessMode?: AccessMode | undefined;
  /** Parts in flight at once (default 4). */
  concurrency?: number | undefined;
}

export interface UploadFileResult {
  videoId: string;
  resumed: boolean;
  partCount: number;
  /** Parts sent by this run; fewer than partCount when resuming. */
  partsSent: number;
}

export const DEFAULT_CONCURRENCY = 4;

export async function uploadFile(ctx: CliContext, options: UploadFileOptions, client: ApiClient = createAdminClient(ctx)): Promise<UploadFileResult> {
  const file = await fingerprint(ctx.api, options.file);
  const api = uploadApi(client, file, options);
  const upload = await openUpload({
    size: file.size,
    api,
    resume: resumeState(ctx, file),
  });
  const { videoId, plan } = upload;
  ctx.stderr.write(
    upload.resumed
      ? `Resuming video ${videoId}: ${plan.partCount - upload.partNumbers.length} of ${plan.partCount} parts already stored\n`
      : `Uploading ${path.basename(file.path)} (${formatBytes(file.size)}) as video ${videoId} in ${plan.partCount} part${plan.partCount === 1 ? '' : 's'}\n`,
  );
  if (upload.urls && upload.partNumbers.length > 0) {
    await sendFileParts(ctx, api, file, upload, upload.urls, options.concurrency ?? DEFAULT_CONCURRENCY);
  }
  const after = await fingerprint(ctx.api, file.path);
  if (after.size !== file.size || after.mtimeMs !== file.mtimeMs) {
    await forgetUpload(ctx.configDir, file);
    throw new CliError(`${file.path} changed while it was being uploaded; upload it again once it is final`);
  }
  await client.videos.completeUpload.mutate({ videoId });
  await forgetUpload(ctx.configDir, file);
  return { videoId, resumed: upload.resumed, partCount: plan.partCount, partsSent: upload.partNumbers.length };
}

/**
 * The same journey with an API key (OTT_API_KEY) over the REST API, through the node SDK, which drives the same
 * upload client; the resume state is the CLI's, so running the command again continues here too.
 */
export async function uploadFileWithKey(ctx: CliContext, options: UploadFileOptions, ott: OttCloud): Promise<UploadFileResult> {
  const file = await fingerprint(ctx.api, options.file);
  const bar = createProgressBar(ctx.stderr, 'upload', () => ctx.clock.now());
  let result;
  try {
    result = await ott.uploads.uploadFile(file.path, {
      ...(options.title !== undefined ? { title: options.title } : {}),
      ...(options.accessMode !== undefined ? { accessMode: options.accessMode } : {}),
      concurrency: options.concurrency ?? DEFAULT_CONCURRENCY,
      onProgress: (fraction) => bar.update(fraction, `${formatBytes(Math.round(fraction * file.size))} of ${formatBytes(file.size)}`),
      resume: resumeState(ctx, file),
    });
  } catch (error) {
    bar.interrupt();
    throw new CliError(`${describeError(error, ctx.api).message}; run the same command again to resume (stored parts are not sent again)`);
  }
  bar.finish(formatBytes(file.size));
  return { videoId: result.videoId, resumed: result.resumed, partCount: result.partCount, partsSent: result.partCount };
}

async function sendFileParts(ctx: CliContext, api: UploadApi, file: FileFingerprint, upload: OpenUpload, firstUrls: AnyPartUrlBatch, concurrency: number): Promise<void> {
  const { videoId, plan, storedBytes: alreadyStored } = upload;
  const urls = new PartUrlPool(
    firstUrls,
    (partNumbers) => api.partUrls(videoId, partNumbers),
    () => ctx.clock.now(),
  );
  const bar = createProgressBar(ctx.stderr, 'upload', () => ctx.clock.now());
  const startedAt = ctx.clock.now();
  let sentNow = 0;
  const detail = () => {
    const seconds = Math.max(0.001, (ctx.clock.now() - startedAt) / 1000);
    return `${formatBytes(alreadyStored + sentNow)} of ${formatBytes(plan.size)}, ${formatBytes(Math.round(sentNow / seconds))}/s`;
  };
  try {
    await sendParts({
      plan,
      partNumbers: upload.partNumbers,
      urls,
      put: putFilePart(file.path, ctx.fetch),
      concurrency,
      sleep: (ms) => ctx.clock.sleep(ms),
      onBytes: (delta) => {
        sentNow += delta;
        bar.update(plan.size === 0 ? 1 : (alreadyStored + sentNow) / plan.size, detail());
      },
    });
  } catch (error) {
    bar.interrupt();
    throw new CliError(`${describeError(error, ctx.api).message}; run the same command again to resume (stored parts are not sent again)`);
  }
  bar.finish(detail());
}

/**
 * The upload's calls for this file. A video that is gone (deleted, or saved under another workspace's session)
 * has no status: the file simply starts over.
 */
function uploadApi(client: ApiClient, file: FileFingerprint, options: UploadFileOptions): UploadApi {
  return {
    async videoStatus(videoId) {
      try {
        return (await client.videos.get.query({ videoId })).status;
      } catch (error) {
        if (!isNotFound(error)) throw error;
        return undefined;
      }
    },
    listParts: (videoId) => client.videos.listParts.query({ videoId }),
    partUrls: (videoId, partNumbers) => client.videos.partUrls.mutate({ videoId, partNumbers }),
    createUpload: () =>
      client.videos.createUpload.mutate({
        filename: path.basename(file.path),
        size: file.size,
        ...(options.title !== undefined ? { title: options.title } : {}),
        ...(options.accessMode !== undefined ? { accessMode: options.accessMode } : {}),
      }),
  };
}

/** Which video this file is being sent as, in the CLI's uploads.json: the same for both ways of uploading. */
function resumeState(ctx: CliContext, file: FileFingerprint): ResumeState {
  return {
    find: () => findResumable(ctx.configDir, file),
    remember: (videoId) => rememberUpload(ctx.configDir, { ...file, videoId }),
    forget: () => forgetUpload(ctx.configDir, file),
  };
}

async function fingerprint(api: string, file: string): Promise<FileFingerprint> {
  const absolute = path.resolve(file);
  let stats;
  try {
    stats = await stat(absolute);
    // Unreadable files fail here, before a video is created for them.
    if (stats.isFile()) await (await open(absolute, 'r')).close();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new CliError(code === 'ENOENT' ? `no such file: ${file}` : `cannot read ${file} (${code ?? 'unknown error'})`);
  }
  if (!stats.isFile()) throw new CliError(`${file} is not a file; give the path of a video file`);
  return { api, path: absolute, size: stats.size, mtimeMs: stats.mtimeMs };
}
