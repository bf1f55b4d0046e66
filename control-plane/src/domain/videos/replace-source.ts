// Replacing a video's source: a new original uploads (the same resumable multipart protocol as uploads.ts) and
// transcodes beside the package that keeps playing; the video keeps its id, so every embed, watch page and API
// reference goes on working. The video's status stays `ready` throughout; the replacement has its own state, and the
// job (jobs/handlers/replace-video-source.ts, with replacement-processing.ts) switches the package when it is done.
import type { PartUrlBatch, StoredParts, UploadTicket } from '@ott/contracts';
import type { ReplacementStatus, Video } from '../../db/schema.js';
import { conflict, invalid, notFound } from '../errors.js';
import { addHours } from '../usage/time-buckets.js';
import { planUpload } from './upload-plan.js';
import { admitOneAtATime, assembleOriginal, planAdmitting, safeExtension, signParts, type OpenUpload, type UploadDeps } from './uploads.js';
import { videoOfTenant } from './video-access.js';

export interface ReplacementUploadInput {
  videoId: string;
  filename: string;
  size: number;
}

export async function createReplacementUpload(deps: UploadDeps, tenantId: string, input: ReplacementUploadInput): Promise<UploadTicket> {
  const plan = await planAdmitting(deps, tenantId, input);
  const { partSize, partCount } = planUpload(input.size);
  const expiresAt = addHours(deps.clock.now(), deps.uploads.expiryHours);
  const upload = await deps.db.transaction().execute(async (trx) => {
    await admitOneAtATime({ db: trx, clock: deps.clock }, tenantId, plan, input.size);
    const video = await trx.selectFrom('videos').selectAll().where('tenant_id', '=', tenantId).where('id', '=', input.videoId).forUpdate().executeTakeFirst();
    if (!video) throw notFound('The video');
    if (video.status !== 'ready') throw conflict('Only a ready video’s source can be replaced. Wait until this one is ready, or upload the new file as a video of its own.');
    if (video.replacement_status === 'queued' || video.replacement_status === 'processing') {
      throw conflict('A replacement of this video’s source is already being processed. Wait for it to finish before replacing it again.');
    }
    // A replacement upload left unfinished gives way to the new one.
    if (video.replacement_upload_id && video.replacement_source_key) await deps.store.abortMultipartUpload(video.replacement_source_key, video.replacement_upload_id).catch(() => {});
    const key = `sources/${tenantId}/${video.id}/replacement-${video.package_revision + 1}${safeExtension(input.filename)}`;
    const { uploadId } = await deps.store.createMultipartUpload(key);
    await trx
      .updateTable('videos')
      .set({
        replacement_status: 'uploading',
        replacement_progress: 0,
        replacement_failure_reason: null,
        replacement_source_key: key,
        replacement_source_filename: input.filename,
        replacement_source_size: input.size,
        replacement_upload_id: uploadId,
        replacement_part_size: partSize,
        replacement_upload_expires_at: expiresAt,
        updated_at: deps.clock.now(),
      })
      .where('tenant_id', '=', tenantId)
      .where('id', '=', video.id)
      .execute();
    return { key, uploadId, size: input.size, partSize, partCount, expiresAt };
  });
  const partNumbers = Array.from({ length: partCount }, (_, index) => index + 1);
  return { videoId: input.videoId, partSize, partCount, expiresAt, ...(await signParts(deps, upload, partNumbers)) };
}

export async function replacementPartUrls(deps: UploadDeps, tenantId: string, videoId: string, partNumbers: number[]): Promise<PartUrlBatch> {
  const upload = replacementUploading(await videoOfTenant(deps, tenantId, videoId), deps.clock.now());
  const outside = partNumbers.find((number) => number < 1 || number > upload.partCount);
  if (outside !== undefined) throw invalid(`This upload has parts 1 to ${upload.partCount}; part ${outside} does not exist.`);
  return signParts(deps, upload, partNumbers);
}

/** What the portal and the API show of a replacement on its way, or of the last one that failed; null when none. */
export function replacementView(video: Video): { status: ReplacementStatus; progress: number; failureReason: string | null } | null {
  if (!video.replacement_status) return null;
  return { status: video.replacement_status, progress: video.replacement_progress, failureReason: video.replacement_failure_reason };
}

export async function listReplacementParts(deps: UploadDeps, tenantId: string, videoId: string): Promise<StoredParts> {
  const { key, uploadId, partSize, partCount, expiresAt } = replacementUploading(await videoOfTenant(deps, tenantId, videoId), deps.clock.now());
  return { partSize, partCount, expiresAt, parts: await deps.store.listParts(key, uploadId) };
}

/** Assembles the new original and queues its transcode; the current package plays on meanwhile. */
export async function completeReplacementUpload(deps: UploadDeps, tenantId: string, videoId: string): Promise<{ videoId: string; replacementStatus: ReplacementStatus | null }> {
  const status = await deps.db.transaction().execute(async (trx) => {
    const video = await trx.selectFrom('videos').selectAll().where('tenant_id', '=', tenantId).where('id', '=', videoId).forUpdate().executeTakeFirst();
    if (!video) throw notFound('The video');
    // Completing twice (a retried request) is harmless: it reports where the replacement is now.
    if (video.replacement_status !== 'uploading') return video.replacement_status;
    await assembleOriginal(deps, replacementUploading(video, deps.clock.now()));
    await trx
      .updateTable('videos')
      .set({ replacement_status: 'queued', replacement_upload_id: null, updated_at: deps.clock.now() })
      .where('tenant_id', '=', tenantId)
      .where('id', '=', videoId)
      .execute();
    return 'queued' as const;
  });
  // After the commit: a worker taking the job at once must find the replacement queued.
  if (status === 'queued') await deps.queue.enqueue({ type: 'replace-video-source', tenantId, videoId });
  return { videoId, replacementStatus: status };
}

function replacementUploading(video: Video, now: Date): OpenUpload {
  const { replacement_upload_id: uploadId, replacement_source_key: key, replacement_upload_expires_at: expiresAt, replacement_source_size: size } = video;
  if (video.replacement_status !== 'uploading' || !uploadId || !key || !expiresAt || size === null) {
    throw conflict('No replacement of this video’s source is uploading. Start one with the new file.');
  }
  if (expiresAt <= now) throw conflict('This replacement upload has expired. Start it again with the new file.');
  const bytes = Number(size);
  return { key, uploadId, size: bytes, ...planUpload(bytes, video.replacement_part_size ?? undefined), expiresAt };
}
