// A dub: an audio file a tenant adds to a ready video for a language. Its file arrives with the same resumable
// multipart protocol as a video's original (uploads.ts: create → PUT parts → list → complete) and is kept under the
// tenant's `sources/` namespace; completing queues the encode-dub job (jobs/handlers/encode-dub.ts), which makes it
// an audio rendition of the video's master.
import { LANGUAGE_TAG_PATTERN, MEDIA_TRACK_LIMITS, type PartUrlBatch, type StoredParts, type UploadTicket } from '@ott/contracts';
import type { AudioTracksTable, TrackStatus } from '../../db/schema.js';
import { conflict, invalid, limitExceeded, notFound } from '../errors.js';
import { addHours } from '../usage/time-buckets.js';
import { planUpload } from './upload-plan.js';
import { admitOneAtATime, assembleOriginal, planAdmitting, safeExtension, signParts, type OpenUpload, type UploadDeps } from './uploads.js';
import type { Selectable } from 'kysely';

export interface DubUploadInput {
  videoId: string;
  filename: string;
  size: number;
  language: string;
  /** What the player's audio menu shows; the language tag when not given. */
  name?: string | undefined;
}

export type DubUploadTicket = UploadTicket & { trackId: string };

export async function createDubUpload(deps: UploadDeps, tenantId: string, input: DubUploadInput): Promise<DubUploadTicket> {
  if (!LANGUAGE_TAG_PATTERN.test(input.language)) throw invalid(`“${input.language}” is not a language tag. Give one such as fr, es or pt-BR.`);
  const plan = await planAdmitting(deps, tenantId, input);
  const { partSize, partCount } = planUpload(input.size);
  const expiresAt = addHours(deps.clock.now(), deps.uploads.expiryHours);
  const upload = await deps.db.transaction().execute(async (trx) => {
    await admitOneAtATime({ db: trx, clock: deps.clock }, tenantId, plan, input.size);
    const video = await trx.selectFrom('videos').select(['id', 'status']).where('tenant_id', '=', tenantId).where('id', '=', input.videoId).forUpdate().executeTakeFirst();
    if (!video) throw notFound('The video');
    if (video.status !== 'ready') throw conflict('A dub can be added to a ready video only. Wait until this one is ready, then add the dub.');
    const { count } = await trx
      .selectFrom('audio_tracks')
      .select((eb) => eb.fn.countAll<string>().as('count'))
      .where('tenant_id', '=', tenantId)
      .where('video_id', '=', video.id)
      .where('origin', '=', 'dub')
      .executeTakeFirstOrThrow();
    if (Number(count) >= MEDIA_TRACK_LIMITS.audioTracksPerVideo) {
      throw limitExceeded(`This video already has ${MEDIA_TRACK_LIMITS.audioTracksPerVideo} dubs, the most a video can carry. Remove one before adding another.`);
    }
    const track = await trx
      .insertInto('audio_tracks')
      .values({ tenant_id: tenantId, video_id: video.id, origin: 'dub', revision: null, language: input.language, name: input.name?.trim() || input.language, status: 'processing' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const key = `sources/${tenantId}/${video.id}/dub-${track.id}${safeExtension(input.filename)}`;
    const { uploadId } = await deps.store.createMultipartUpload(key);
    await trx
      .updateTable('audio_tracks')
      .set({ source_key: key, upload_id: uploadId, source_size: input.size, part_size: partSize, upload_expires_at: expiresAt })
      .where('tenant_id', '=', tenantId)
      .where('id', '=', track.id)
      .execute();
    return { trackId: track.id, key, uploadId, size: input.size, partSize, partCount, expiresAt };
  });
  const partNumbers = Array.from({ length: partCount }, (_, index) => index + 1);
  return { videoId: input.videoId, trackId: upload.trackId, partSize, partCount, expiresAt, ...(await signParts(deps, upload, partNumbers)) };
}

export async function dubPartUrls(deps: UploadDeps, tenantId: string, videoId: string, trackId: string, partNumbers: number[]): Promise<PartUrlBatch> {
  const upload = dubUploading(await dubOfTenant(deps, tenantId, videoId, trackId), deps.clock.now());
  const outside = partNumbers.find((number) => number < 1 || number > upload.partCount);
  if (outside !== undefined) throw invalid(`This upload has parts 1 to ${upload.partCount}; part ${outside} does not exist.`);
  return signParts(deps, upload, partNumbers);
}

export async function listDubParts(deps: UploadDeps, tenantId: string, videoId: string, trackId: string): Promise<StoredParts> {
  const { key, uploadId, partSize, partCount, expiresAt } = dubUploading(await dubOfTenant(deps, tenantId, videoId, trackId), deps.clock.now());
  return { partSize, partCount, expiresAt, parts: await deps.store.listParts(key, uploadId) };
}

/** Assembles the dub's file and queues its encode. Completing twice (a retried request) is harmless. */
export async function completeDubUpload(deps: UploadDeps, tenantId: string, videoId: string, trackId: string): Promise<{ trackId: string; status: TrackStatus }> {
  const queued = await deps.db.transaction().execute(async (trx) => {
    const track = await trx
      .selectFrom('audio_tracks')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('video_id', '=', videoId)
      .where('id', '=', trackId)
      .where('origin', '=', 'dub')
      .forUpdate()
      .executeTakeFirst();
    if (!track) throw notFound('The dub');
    if (!track.upload_id) return false;
    await assembleOriginal(deps, dubUploading(track, deps.clock.now()));
    await trx.updateTable('audio_tracks').set({ upload_id: null, updated_at: deps.clock.now() }).where('tenant_id', '=', tenantId).where('id', '=', trackId).execute();
    return true;
  });
  // After the commit: a worker taking the job at once must find the file assembled.
  if (queued) await deps.queue.enqueue({ type: 'encode-dub', tenantId, videoId, trackId });
  const now = await dubOfTenant(deps, tenantId, videoId, trackId);
  return { trackId, status: now.status };
}

async function dubOfTenant(deps: Pick<UploadDeps, 'db'>, tenantId: string, videoId: string, trackId: string): Promise<Selectable<AudioTracksTable>> {
  const track = await deps.db
    .selectFrom('audio_tracks')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('video_id', '=', videoId)
    .where('id', '=', trackId)
    .where('origin', '=', 'dub')
    .executeTakeFirst();
  if (!track) throw notFound('The dub');
  return track;
}

function dubUploading(track: Selectable<AudioTracksTable>, now: Date): OpenUpload {
  const { upload_id: uploadId, source_key: key, upload_expires_at: expiresAt, source_size: size } = track;
  if (!uploadId || !key || !expiresAt || size === null) throw conflict('This dub’s file is already uploaded: nothing more to send.');
  if (expiresAt <= now) throw conflict('This dub’s upload has expired. Remove the dub and add it again with the file.');
  const bytes = Number(size);
  return { key, uploadId, size: bytes, ...planUpload(bytes, track.part_size ?? undefined), expiresAt };
}
