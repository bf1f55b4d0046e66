// Resumable multipart upload: create → PUT parts (any order, in parallel, retried) → list what is stored → complete.
// Each part URL carries the part's exact size, an upload holds its declared size of the plan's storage from the
// moment it is created, and one not completed within OTT_UPLOAD_EXPIRY_HOURS expires (see upload-expiry.ts).
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { formatBytes, type PartUrlBatch, type StoredParts, type UploadTicket } from '@ott/contracts';
import { sql } from 'kysely';
import type { AccessMode, Video, VideoStatus } from '../../db/schema.js';
import { assertUploadAllowed } from '../billing/billing-standing.js';
import type { DomainDeps } from '../deps.js';
import { planOf, type Plan } from '../billing/plans.js';
import { conflict, invalid, limitExceeded, notFound, notReady } from '../errors.js';
import { addHours } from '../usage/time-buckets.js';
import { uploadExpiredReason } from './upload-expiry.js';
import { expectedPartSize, planUpload } from './upload-plan.js';
import { videoOfTenant } from './video-access.js';
import { recordVideoEvents } from './video-events.js';

const PART_URL_SECONDS = 3600;

export interface CreateUploadInput {
  filename: string;
  size: number;
  title?: string;
  description?: string;
  accessMode?: AccessMode;
  /** Also make static MP4 downloads in the transcode (video-downloads.ts). */
  downloads?: boolean;
}

export type UploadDeps = Pick<DomainDeps, 'db' | 'store' | 'queue' | 'clock' | 'uploads'>;

/** An upload still taking parts: where they go, how the file is cut, and its deadline. */
export interface OpenUpload {
  key: string;
  uploadId: string;
  size: number;
  partSize: number;
  partCount: number;
  expiresAt: Date;
}

export async function createUpload(deps: UploadDeps, tenantId: string, input: CreateUploadInput): Promise<UploadTicket> {
  const plan = await planAdmitting(deps, tenantId, input);
  const { partSize, partCount } = planUpload(input.size);
  const videoId = randomUUID();
  const key = `sources/${tenantId}/${videoId}/original${safeExtension(input.filename)}`;
  const expiresAt = addHours(deps.clock.now(), deps.uploads.expiryHours);
  const uploadId = await deps.db.transaction().execute(async (trx) => {
    await admitOneAtATime({ db: trx, clock: deps.clock }, tenantId, plan, input.size);
    const { uploadId } = await deps.store.createMultipartUpload(key);
    try {
      const video = await trx
        .insertInto('videos')
        .values({
          id: videoId,
          tenant_id: tenantId,
          title: input.title?.trim() || titleFromFilename(input.filename),
          description: input.description ?? '',
          access_mode: input.accessMode ?? 'public',
          source_key: key,
          source_filename: input.filename,
          source_size: input.size,
          upload_id: uploadId,
          part_size: partSize,
          upload_expires_at: expiresAt,
          downloads_enabled: input.downloads ?? false,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      await recordVideoEvents(trx, ['video.created', 'upload.created'], video, deps.clock.now());
    } catch (error) {
      // Unrecorded, nothing would ever expire it; the insert's own error is the one to report.
      await deps.store.abortMultipartUpload(key, uploadId).catch(() => {});
      throw error;
    }
    return uploadId;
  });
  const partNumbers = Array.from({ length: partCount }, (_, index) => index + 1);
  return { videoId, partSize, partCount, expiresAt, ...(await signParts(deps, { key, uploadId, size: input.size, partSize, partCount, expiresAt }, partNumbers)) };
}

/** The tenant's plan, when the workspace is active and the plan takes a file of this size. */
export async function planAdmitting(deps: Pick<DomainDeps, 'db'>, tenantId: string, file: { filename: string; size: number }): Promise<Plan> {
  const tenant = await deps.db.selectFrom('tenants').select(['status', 'plan']).where('id', '=', tenantId).executeTakeFirstOrThrow();
  if (tenant.status !== 'active') throw notReady('Your workspace is still being set up. Try the upload again in a few seconds.');
  if (file.size === 0) throw invalid(`${file.filename} is empty (0 bytes): there is no video in it. Choose the video file itself and upload again.`);
  const plan = planOf(tenant.plan);
  if (file.size > plan.maxUploadBytes) {
    throw limitExceeded(`${file.filename} is ${formatBytes(file.size)}; the ${plan.name} plan accepts files up to ${formatBytes(plan.maxUploadBytes)}. Upgrade your plan or upload a smaller file.`);
  }
  return plan;
}

/**
 * Inside the transaction that records the upload. A tenant's uploads are admitted one at a time: the plan check and
 * the row that reserves the space commit together, so uploads created at once cannot each see the same free gigabytes.
 */
export async function admitOneAtATime(trx: Pick<DomainDeps, 'db' | 'clock'>, tenantId: string, plan: Plan, size: number): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtextextended(${`upload-admission:${tenantId}`}, 0))`.execute(trx.db);
  // Unpaid invoices past their grace period, and the free plan's monthly and storage limits.
  await assertUploadAllowed(trx, tenantId, plan, size);
}

/** Fresh URLs for parts still to send (after a restart, or when the first ones expired). */
export async function partUrls(deps: UploadDeps, tenantId: string, videoId: string, partNumbers: number[]): Promise<PartUrlBatch> {
  const upload = uploadInProgress(await videoOfTenant(deps, tenantId, videoId), deps.clock.now());
  const outside = partNumbers.filter((number) => number < 1 || number > upload.partCount);
  if (outside.length > 0) throw invalid(`This upload has parts 1 to ${upload.partCount}; part ${outside[0]} does not exist.`);
  return signParts(deps, upload, partNumbers);
}

export async function listUploadedParts(deps: UploadDeps, tenantId: string, videoId: string): Promise<StoredParts> {
  const { key, uploadId, partSize, partCount, expiresAt } = uploadInProgress(await videoOfTenant(deps, tenantId, videoId), deps.clock.now());
  return { partSize, partCount, expiresAt, parts: await deps.store.listParts(key, uploadId) };
}

/** Checks every part against the plan made at creation; nothing is thrown away when something is missing. */
export async function completeUpload(deps: UploadDeps, tenantId: string, videoId: string): Promise<{ videoId: string; status: VideoStatus }> {
  const status = await deps.db.transaction().execute(async (trx) => {
    // Locked until the video is queued: the expiry sweep skips a video being completed rather than delete its parts.
    const video = await trx.selectFrom('videos').selectAll().where('tenant_id', '=', tenantId).where('id', '=', videoId).forUpdate().executeTakeFirst();
    if (!video) throw notFound('The video');
    // Completing twice (a retried request) is harmless: it reports where the video is now.
    if (video.status !== 'uploading' && !video.upload_id) return video.status;
    await assembleOriginal(deps, uploadInProgress(video, deps.clock.now()));
    const queued = await trx
      .updateTable('videos')
      .set({ status: 'queued', upload_id: null, updated_at: deps.clock.now() })
      .where('id', '=', videoId)
      .where('tenant_id', '=', tenantId)
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordVideoEvents(trx, ['upload.completed'], queued, deps.clock.now());
    return 'queued' as const;
  });
  // After the commit: a worker taking the job at once must find the video queued.
  if (status === 'queued') await deps.queue.enqueue({ type: 'transcode-video', tenantId, videoId });
  return { videoId, status };
}

/** Checks every part against the plan made at creation and assembles the file; nothing is thrown away when something is missing. */
export async function assembleOriginal(deps: Pick<DomainDeps, 'store'>, upload: OpenUpload): Promise<void> {
  const stored = new Map((await deps.store.listParts(upload.key, upload.uploadId)).map((part) => [part.partNumber, part]));
  const missing: number[] = [];
  const wrongSize: string[] = [];
  let total = 0;
  for (let partNumber = 1; partNumber <= upload.partCount; partNumber += 1) {
    const part = stored.get(partNumber);
    const expected = expectedPartSize(upload, upload.size, partNumber);
    if (!part) missing.push(partNumber);
    else if (part.size !== expected) wrongSize.push(`part ${partNumber} has ${exactBytes(part.size)}, expected ${exactBytes(expected)}`);
    total += part?.size ?? 0;
  }
  if (missing.length > 0) throw invalid(`${missing.length} of ${upload.partCount} parts are not uploaded yet (${summarise(missing)}). Upload them and complete again.`);
  if (wrongSize.length > 0) {
    const mismatch =
      total === upload.size
        ? 'Some parts do not match how the file was cut when this upload started'
        : `The parts add up to ${exactBytes(total)} but this upload was started for a file of ${exactBytes(upload.size)}`;
    throw invalid(`${mismatch} (${wrongSize.slice(0, 3).join('; ')}). Send those parts again from the same file, or start a new upload with the file's real size.`);
  }
  const parts = [...stored.values()].filter((part) => part.partNumber <= upload.partCount).map(({ partNumber, etag }) => ({ partNumber, etag }));
  await deps.store.completeMultipartUpload(upload.key, upload.uploadId, parts);
}

/** The upload of a video still taking parts; otherwise why it takes none (complete, or expired with the reason). */
function uploadInProgress(video: Video, now: Date): OpenUpload {
  const { upload_id: uploadId, upload_expires_at: expiresAt } = video;
  if (!uploadId || !expiresAt) throw conflict('This upload is already complete: nothing more to send.');
  // Swept (failed, upload_id kept: see upload-expiry.ts), or past its deadline and not swept yet.
  if (video.status !== 'uploading' || expiresAt <= now) throw conflict(uploadExpiredReason({ created_at: video.created_at, upload_expires_at: expiresAt }));
  const size = Number(video.source_size);
  return { key: video.source_key, uploadId, size, ...planUpload(size, video.part_size), expiresAt };
}

/** Each URL is signed for its part's exact size, and lives an hour at most and never past the upload's deadline. */
export async function signParts(deps: UploadDeps, upload: OpenUpload, partNumbers: number[]): Promise<PartUrlBatch> {
  const urlsExpireAt = new Date(Math.min(deps.clock.now().getTime() + PART_URL_SECONDS * 1000, upload.expiresAt.getTime()));
  const parts = await Promise.all(
    partNumbers.map(async (partNumber) => ({
      partNumber,
      url: await deps.store.signPartUrl(upload.key, upload.uploadId, { partNumber, size: expectedPartSize(upload, upload.size, partNumber) }, urlsExpireAt),
    })),
  );
  return { parts, urlsExpireAt };
}

/** The last path segment (browsers on Windows may send `C:\\…`), without its extension, in NFC. */
function titleFromFilename(filename: string): string {
  const base = filename.split(/[\\/]/).pop() ?? '';
  return (
    base
      .replace(/\.[^.]*$/, '')
      .trim()
      .normalize('NFC') || 'Untitled video'
  );
}

/** The file name's extension when it is a plain one (kept on the stored original's key), else none. */
export function safeExtension(filename: string): string {
  const extension = path.extname(filename).toLowerCase();
  return /^\.[a-z0-9]{1,8}$/.test(extension) ? extension : '';
}

function exactBytes(count: number): string {
  return `${count.toLocaleString('en-US')} bytes`;
}

function summarise(numbers: number[]): string {
  const shown = numbers.slice(0, 10).join(', ');
  return numbers.length > 10 ? `parts ${shown}, …` : `part${numbers.length > 1 ? 's' : ''} ${shown}`;
}
