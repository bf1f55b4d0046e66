// The upload journey for one local file: start (or resume) a multipart upload, send the parts with
// progress, and complete it so that transcoding is queued.
import { open, stat } from 'node:fs/promises';
import path from 'node:path';
import { isNotFound } from '../api-errors.js';
import { createAdminClient, type AccessMode, type ApiClient } from '../api-client.js';
import type { CliContext } from '../cli-context.js';
import { CliError } from '../cli-error.js';
import { formatBytes } from '../format.js';
import { describeError } from '../report-error.js';
import { checkPlan, missingParts, partRange, type PartPlan } from './part-plan.js';
import { uploadParts } from './part-uploader.js';
import { PartUrlPool, type PartUrlBatch } from './part-url-pool.js';
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

interface OpenUpload {
  videoId: string;
  plan: PartPlan;
  /** Parts still to send, and signed URLs for them (none when nothing is left to send). */
  partNumbers: number[];
  urls: PartUrlBatch | undefined;
  resumed: boolean;
}

export async function uploadFile(ctx: CliContext, options: UploadFileOptions, client: ApiClient = createAdminClient(ctx)): Promise<UploadFileResult> {
  const file = await fingerprint(ctx.api, options.file);
  const upload = (await resumeUpload(ctx, client, file)) ?? (await startUpload(ctx, client, file, options));
  const { videoId, plan } = upload;
  ctx.stderr.write(
    upload.resumed
      ? `Resuming video ${videoId}: ${plan.partCount - upload.partNumbers.length} of ${plan.partCount} parts already stored\n`
      : `Uploading ${path.basename(file.path)} (${formatBytes(file.size)}) as video ${videoId} in ${plan.partCount} part${plan.partCount === 1 ? '' : 's'}\n`,
  );
  if (upload.urls && upload.partNumbers.length > 0) {
    await sendParts(ctx, client, file, upload, upload.urls, options.concurrency ?? DEFAULT_CONCURRENCY);
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

async function sendParts(ctx: CliContext, client: ApiClient, file: FileFingerprint, upload: OpenUpload, firstUrls: PartUrlBatch, concurrency: number): Promise<void> {
  const { videoId, plan } = upload;
  const urls = new PartUrlPool(firstUrls, (partNumbers) => client.videos.partUrls.mutate({ videoId, partNumbers }), () => ctx.clock.now());
  const bar = createProgressBar(ctx.stderr, 'upload', () => ctx.clock.now());
  const startedAt = ctx.clock.now();
  const alreadyStored = plan.size - upload.partNumbers.reduce((bytes, partNumber) => bytes + partRange(plan, partNumber).length, 0);
  let sentNow = 0;
  const detail = () => {
    const seconds = Math.max(0.001, (ctx.clock.now() - startedAt) / 1000);
    return `${formatBytes(alreadyStored + sentNow)} of ${formatBytes(plan.size)}, ${formatBytes(Math.round(sentNow / seconds))}/s`;
  };
  try {
    await uploadParts({
      file: file.path,
      plan,
      partNumbers: upload.partNumbers,
      urls,
      concurrency,
      fetch: ctx.fetch,
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
 * The same file (path, size, modification time) was being uploaded to this API as a video that is still
 * open: ask the server which parts it holds and plan only the rest. Anything else starts a new upload.
 */
async function resumeUpload(ctx: CliContext, client: ApiClient, file: FileFingerprint): Promise<OpenUpload | undefined> {
  const videoId = await findResumable(ctx.configDir, file);
  if (!videoId) return undefined;
  let video;
  try {
    video = await client.videos.get.query({ videoId });
  } catch (error) {
    // Deleted, or saved under another workspace's session: this file simply starts over.
    if (!isNotFound(error)) throw error;
  }
  if (video?.status !== 'uploading') {
    await forgetUpload(ctx.configDir, file);
    return undefined;
  }
  const stored = await client.videos.listParts.query({ videoId });
  const plan = checkPlan({ size: file.size, partSize: stored.partSize, partCount: stored.partCount });
  const partNumbers = missingParts(plan, stored.parts);
  const urls = partNumbers.length > 0 ? await client.videos.partUrls.mutate({ videoId, partNumbers }) : undefined;
  return { videoId, plan, partNumbers, urls, resumed: true };
}

async function startUpload(ctx: CliContext, client: ApiClient, file: FileFingerprint, options: UploadFileOptions): Promise<OpenUpload> {
  const ticket = await client.videos.createUpload.mutate({
    filename: path.basename(file.path),
    size: file.size,
    ...(options.title !== undefined ? { title: options.title } : {}),
    ...(options.accessMode !== undefined ? { accessMode: options.accessMode } : {}),
  });
  // Saved before the first byte goes out, so that even an upload killed at once can be resumed.
  await rememberUpload(ctx.configDir, { ...file, videoId: ticket.videoId });
  const plan = checkPlan({ size: file.size, partSize: ticket.partSize, partCount: ticket.partCount });
  return { videoId: ticket.videoId, plan, partNumbers: ticket.parts.map((part) => part.partNumber), urls: ticket, resumed: false };
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
