// Direct uploads: a tenant's backend (an API key with the `upload` scope) creates a one-time upload and hands its id to
// a browser or phone, which sends ONE file through it with the same resumable protocol as the portal (uploads.ts,
// called with the direct upload's tenant), never holding a key. The id is the browser's only authority: it reaches
// that one video's upload and nothing else, and only until it expires, is cancelled or has been used.
import { checkEmbedOrigin, formatBytes, type PartUrlBatch, type StoredParts, type UploadTicket } from '@ott/contracts';
import { opaqueToken } from '../../crypto/ids.js';
import type { AccessMode, DirectUpload, DirectUploadStatus, VideoStatus } from '../../db/schema.js';
import { planOf } from '../billing/plans.js';
import type { DomainDeps } from '../deps.js';
import { conflict, invalid, limitExceeded, notFound } from '../errors.js';
import { decodeCursor, pageOf, type Page } from '../pagination.js';
import { completeUpload, createUpload, listUploadedParts, partUrls } from './uploads.js';
import { expectedPartSize } from './upload-plan.js';
import { deleteVideo } from './video-library.js';

export const DIRECT_UPLOAD_DEFAULT_SECONDS = 3600;
export const DIRECT_UPLOAD_MAX_SECONDS = 7 * 24 * 3600;
export const PASSTHROUGH_MAX_BYTES = 1024;
/** A start that claimed the upload but died before its video was recorded gives the upload back after this. */
const ABANDONED_START_MS = 60_000;

type DirectUploadDeps = Pick<DomainDeps, 'db' | 'store' | 'queue' | 'clock' | 'uploads'>;

export interface CreateDirectUploadInput {
  /** The plan's largest file when left out; never more. */
  maxSizeBytes?: number | undefined;
  /** How long a browser has to start sending: an hour unless said, 7 days at most. */
  expiresInSeconds?: number | undefined;
  /** The one web origin whose pages may use it (`https://www.example.com`); none: no browser page may. */
  corsOrigin?: string | null | undefined;
  title?: string | undefined;
  description?: string | undefined;
  accessMode?: AccessMode | undefined;
  /** The tenant's own reference (an order or user id), given back as is; 1 KB at most. */
  passthrough?: string | undefined;
  createdByKeyId?: string | undefined;
}

export interface DirectUploadView {
  id: string;
  status: DirectUploadStatus;
  maxSizeBytes: number;
  expiresAt: Date;
  corsOrigin: string | null;
  title: string | null;
  description: string | null;
  accessMode: AccessMode | null;
  passthrough: string | null;
  /** The video the file became, once a browser started sending it. */
  videoId: string | null;
  createdAt: Date;
}

/** What the browser may learn: its own upload's progress, never the tenant's settings or other videos. */
export interface DirectUploadProgress {
  id: string;
  status: DirectUploadStatus;
  expiresAt: Date;
  maxSizeBytes: number;
  video: { id: string; status: VideoStatus; progress: number; playable: boolean; failureReason: string | null } | null;
}

export async function createDirectUpload(deps: Pick<DomainDeps, 'db' | 'clock'>, tenantId: string, input: CreateDirectUploadInput): Promise<DirectUploadView> {
  const tenant = await deps.db.selectFrom('tenants').select('plan').where('id', '=', tenantId).executeTakeFirstOrThrow();
  const plan = planOf(tenant.plan);
  const maxSizeBytes = input.maxSizeBytes ?? plan.maxUploadBytes;
  if (!Number.isInteger(maxSizeBytes) || maxSizeBytes < 1) throw invalid('maxSizeBytes must be a whole number of bytes, at least 1.');
  if (maxSizeBytes > plan.maxUploadBytes) {
    throw limitExceeded(`maxSizeBytes is ${formatBytes(maxSizeBytes)}; the ${plan.name} plan accepts files up to ${formatBytes(plan.maxUploadBytes)}. Ask for at most that, or upgrade your plan.`);
  }
  const seconds = input.expiresInSeconds ?? DIRECT_UPLOAD_DEFAULT_SECONDS;
  if (!Number.isInteger(seconds) || seconds < 60 || seconds > DIRECT_UPLOAD_MAX_SECONDS) {
    throw invalid(`expiresInSeconds must be between 60 (a minute) and ${DIRECT_UPLOAD_MAX_SECONDS} (7 days); it was ${seconds}.`);
  }
  let corsOrigin: string | null = null;
  if (input.corsOrigin) {
    const checked = checkEmbedOrigin(input.corsOrigin);
    if ('problem' in checked) throw invalid(`corsOrigin: ${checked.problem}`);
    corsOrigin = checked.origin;
  }
  if (input.passthrough !== undefined && Buffer.byteLength(input.passthrough, 'utf8') > PASSTHROUGH_MAX_BYTES) {
    throw invalid(`passthrough is ${Buffer.byteLength(input.passthrough, 'utf8')} bytes; keep it to ${PASSTHROUGH_MAX_BYTES} (store an id of your own there, not the data).`);
  }
  const now = deps.clock.now();
  const row = await deps.db
    .insertInto('direct_uploads')
    .values({
      id: `du_${opaqueToken(24)}`,
      tenant_id: tenantId,
      max_size_bytes: maxSizeBytes,
      expires_at: new Date(now.getTime() + seconds * 1000),
      cors_origin: corsOrigin,
      title: input.title?.trim() || null,
      description: input.description ?? null,
      access_mode: input.accessMode ?? null,
      passthrough: input.passthrough ?? null,
      created_by_key_id: input.createdByKeyId ?? null,
      updated_at: now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toView(row, now);
}

export async function getDirectUpload(deps: Pick<DomainDeps, 'db' | 'clock'>, tenantId: string, id: string): Promise<DirectUploadView> {
  const row = await deps.db.selectFrom('direct_uploads').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('The direct upload');
  return toView(row, deps.clock.now());
}

/** Newest first, in keyset pages. */
export async function listDirectUploads(deps: Pick<DomainDeps, 'db' | 'clock'>, tenantId: string, input: { limit: number; cursor?: string | undefined }): Promise<Page<DirectUploadView>> {
  let query = deps.db.selectFrom('direct_uploads').selectAll().where('tenant_id', '=', tenantId);
  if (input.cursor) {
    const after = decodeCursor(input.cursor);
    const createdAt = new Date(after.value);
    if (Number.isNaN(createdAt.getTime())) throw invalid('The cursor is not one this API gave: pass back the nextCursor of the previous page unchanged.');
    query = query.where((eb) => eb.or([eb('created_at', '<', createdAt), eb.and([eb('created_at', '=', createdAt), eb('id', '<', after.id)])]));
  }
  const rows = await query
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(input.limit + 1)
    .execute();
  const now = deps.clock.now();
  return pageOf(
    rows,
    input.limit,
    (row) => ({ value: row.created_at.toISOString(), id: row.id }),
    (row) => toView(row, now),
  );
}

/**
 * Stops the browser from using it. An upload still receiving its file loses it (the video never arrived, so nothing
 * of the tenant's is lost); a completed one is a video now, deleted as one.
 */
export async function cancelDirectUpload(deps: DirectUploadDeps, tenantId: string, id: string): Promise<DirectUploadView> {
  const row = await deps.db.selectFrom('direct_uploads').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('The direct upload');
  if (row.status === 'completed') throw conflict(`This direct upload is complete: its file is video ${row.video_id ?? '(deleted since)'}. Delete the video instead.`);
  if (row.status === 'uploading' && row.video_id) {
    const video = await deps.db.selectFrom('videos').select('status').where('tenant_id', '=', tenantId).where('id', '=', row.video_id).executeTakeFirst();
    if (video?.status === 'uploading') await deleteVideo(deps, tenantId, row.video_id);
  }
  const now = deps.clock.now();
  const cancelled = await deps.db
    .updateTable('direct_uploads')
    .set({ status: 'cancelled', updated_at: now })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .where('status', '!=', 'completed')
    .returningAll()
    .executeTakeFirst();
  if (!cancelled) throw conflict('This direct upload was completed meanwhile: delete its video instead.');
  return toView(cancelled, now);
}

/**
 * The origin whose pages may call the browser routes of this id (the API's CORS answer), or null when none may;
 * undefined for an id that does not exist.
 */
export async function directUploadCorsOrigin(deps: Pick<DomainDeps, 'db'>, id: string): Promise<string | null | undefined> {
  if (!looksLikeDirectUploadId(id)) return undefined;
  const row = await deps.db.selectFrom('direct_uploads').select('cors_origin').where('id', '=', id).executeTakeFirst();
  return row ? row.cors_origin : undefined;
}

/**
 * The browser starts sending `file`: its video is created (once: the same file again resumes it, with URLs for the
 * parts still missing; another file is refused). The video takes the settings the backend gave.
 */
export async function startDirectUpload(deps: DirectUploadDeps, id: string, file: { filename: string; size: number }): Promise<UploadTicket> {
  const now = deps.clock.now();
  const row = await directUploadRow(deps, id);
  if (file.size > Number(row.max_size_bytes)) {
    throw limitExceeded(`${file.filename} is ${formatBytes(file.size)}; this upload accepts files up to ${formatBytes(Number(row.max_size_bytes))}. Choose a smaller file.`);
  }
  if (row.status === 'uploading' && row.video_id) {
    if (row.source_filename !== file.filename || Number(row.source_size) !== file.size) {
      throw conflict(
        `This upload is already receiving another file (${row.source_filename ?? 'unnamed'}, ${formatBytes(Number(row.source_size))}); it takes one video. Send that file again to continue, or ask for a new upload.`,
      );
    }
    return resumeTicket(deps, row.tenant_id, row.video_id);
  }
  assertUsable(row, now);
  const abandonedBefore = new Date(now.getTime() - ABANDONED_START_MS);
  // Claimed before the video is made, so two starts at once cannot both make one.
  const claimed = await deps.db
    .updateTable('direct_uploads')
    .set({ status: 'uploading', source_filename: file.filename, source_size: file.size, started_at: now, updated_at: now })
    .where('id', '=', id)
    .where('expires_at', '>', now)
    .where((eb) => eb.or([eb('status', '=', 'waiting'), eb.and([eb('status', '=', 'uploading'), eb('video_id', 'is', null), eb('started_at', '<', abandonedBefore)])]))
    .returningAll()
    .executeTakeFirst();
  if (!claimed) throw conflict('This upload is being started by another request right now. Wait a moment and try again.');
  let ticket: UploadTicket;
  try {
    ticket = await createUpload(deps, claimed.tenant_id, {
      filename: file.filename,
      size: file.size,
      ...(claimed.title ? { title: claimed.title } : {}),
      ...(claimed.description !== null ? { description: claimed.description } : {}),
      ...(claimed.access_mode ? { accessMode: claimed.access_mode } : {}),
    });
  } catch (error) {
    // Refused (the plan's limits, an unpaid invoice): the upload stays usable for another try.
    await deps.db.updateTable('direct_uploads').set({ status: 'waiting', source_filename: null, source_size: null, started_at: null, updated_at: now }).where('id', '=', id).execute();
    throw error;
  }
  await deps.db.updateTable('direct_uploads').set({ video_id: ticket.videoId, updated_at: deps.clock.now() }).where('id', '=', id).execute();
  return ticket;
}

export async function directUploadPartUrls(deps: DirectUploadDeps, id: string, partNumbers: number[]): Promise<PartUrlBatch> {
  const { tenantId, videoId } = await uploadingVideo(deps, id);
  return partUrls(deps, tenantId, videoId, partNumbers);
}

export async function directUploadParts(deps: DirectUploadDeps, id: string): Promise<StoredParts> {
  const { tenantId, videoId } = await uploadingVideo(deps, id);
  return listUploadedParts(deps, tenantId, videoId);
}

/** Every part is stored: the video is queued for transcoding and this upload is used up. A retried call is harmless. */
export async function completeDirectUpload(deps: DirectUploadDeps, id: string): Promise<{ videoId: string; status: VideoStatus }> {
  const row = await directUploadRow(deps, id);
  if (row.status === 'completed' && row.video_id) {
    const video = await deps.db.selectFrom('videos').select('status').where('id', '=', row.video_id).executeTakeFirstOrThrow();
    return { videoId: row.video_id, status: video.status };
  }
  const { tenantId, videoId } = await uploadingVideo(deps, id);
  const completed = await completeUpload(deps, tenantId, videoId);
  await deps.db.updateTable('direct_uploads').set({ status: 'completed', updated_at: deps.clock.now() }).where('id', '=', id).where('status', '=', 'uploading').execute();
  return completed;
}

/** The browser's view of its own upload (and of the video it became). */
export async function directUploadProgress(deps: Pick<DomainDeps, 'db' | 'clock'>, id: string): Promise<DirectUploadProgress> {
  const row = await directUploadRow(deps, id);
  const video = row.video_id
    ? await deps.db
        .selectFrom('videos')
        .select(['id', 'status', 'progress', 'failure_reason', 'early_master_playlist'])
        .where('id', '=', row.video_id)
        .where('tenant_id', '=', row.tenant_id)
        .executeTakeFirst()
    : undefined;
  return {
    id: row.id,
    status: statusAt(row, deps.clock.now()),
    expiresAt: row.expires_at,
    maxSizeBytes: Number(row.max_size_bytes),
    video: video
      ? {
          id: video.id,
          status: video.status,
          progress: video.progress,
          playable: video.status === 'ready' || (video.status === 'processing' && video.early_master_playlist !== null),
          failureReason: video.failure_reason,
        }
      : null,
  };
}

/** Only the shape this module makes is looked up: anything else is simply not found. */
export function looksLikeDirectUploadId(id: string): boolean {
  return /^du_[A-Za-z0-9_-]{32}$/.test(id);
}

async function directUploadRow(deps: Pick<DomainDeps, 'db'>, id: string): Promise<DirectUpload> {
  const row = looksLikeDirectUploadId(id) ? await deps.db.selectFrom('direct_uploads').selectAll().where('id', '=', id).executeTakeFirst() : undefined;
  if (!row) throw notFound('The direct upload');
  return row;
}

/** The video a started, unfinished direct upload is sending; otherwise why there is none. */
async function uploadingVideo(deps: Pick<DomainDeps, 'db' | 'clock'>, id: string): Promise<{ tenantId: string; videoId: string }> {
  const row = await directUploadRow(deps, id);
  if (row.status === 'completed') throw conflict('This upload is complete: nothing more to send. It takes one video; ask for a new upload to send another.');
  if (row.status === 'cancelled') throw conflict(CANCELLED);
  if (row.status === 'waiting' || !row.video_id) throw conflict('This upload has not started: start it with the file first.');
  return { tenantId: row.tenant_id, videoId: row.video_id };
}

const CANCELLED = 'This upload was cancelled by the site that created it. Ask the site for a new upload.';

function assertUsable(row: DirectUpload, now: Date): void {
  const status = statusAt(row, now);
  if (status === 'cancelled') throw conflict(CANCELLED);
  if (status === 'completed') throw conflict('This upload has already been used for a video; it takes one. Ask the site for a new upload to send another file.');
  if (status === 'expired') throw conflict(`This upload expired at ${row.expires_at.toISOString()} before a file was sent. Ask the site for a new upload.`);
}

/** Waiting past its deadline is expired, whether or not anything wrote that down yet. */
function statusAt(row: DirectUpload, now: Date): DirectUploadStatus {
  return row.status === 'waiting' && row.expires_at <= now ? 'expired' : row.status;
}

/** The same file again: URLs for the parts the store does not hold in full yet. */
async function resumeTicket(deps: DirectUploadDeps, tenantId: string, videoId: string): Promise<UploadTicket> {
  const stored = await listUploadedParts(deps, tenantId, videoId);
  const size = Number((await deps.db.selectFrom('videos').select('source_size').where('id', '=', videoId).executeTakeFirstOrThrow()).source_size);
  const held = new Map(stored.parts.map((part) => [part.partNumber, part.size]));
  const missing: number[] = [];
  for (let partNumber = 1; partNumber <= stored.partCount; partNumber += 1) {
    if (held.get(partNumber) !== expectedPartSize(stored, size, partNumber)) missing.push(partNumber);
  }
  const urls = missing.length > 0 ? await partUrls(deps, tenantId, videoId, missing) : { parts: [], urlsExpireAt: stored.expiresAt };
  return { videoId, partSize: stored.partSize, partCount: stored.partCount, expiresAt: stored.expiresAt, ...urls };
}

function toView(row: DirectUpload, now: Date): DirectUploadView {
  return {
    id: row.id,
    status: statusAt(row, now),
    maxSizeBytes: Number(row.max_size_bytes),
    expiresAt: row.expires_at,
    corsOrigin: row.cors_origin,
    title: row.title,
    description: row.description,
    accessMode: row.access_mode,
    passthrough: row.passthrough,
    videoId: row.video_id,
    createdAt: row.created_at,
  };
}
