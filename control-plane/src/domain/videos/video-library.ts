// A tenant's library: list, read, edit, delete. Every query is scoped by the caller's tenant id.
import { sql } from 'kysely';
import type { AccessMode, Rendition, Video, VideoStatus } from '../../db/schema.js';
import type { DomainDeps } from '../deps.js';
import { videoOfTenant } from './video-access.js';
import { recordVideoEvents } from './video-events.js';

export interface VideoView {
  id: string;
  title: string;
  description: string;
  accessMode: AccessMode;
  status: VideoStatus;
  progress: number;
  /** Ready, or still transcoding with its first segments published: it plays from the start either way. */
  playable: boolean;
  failureReason: string | null;
  sourceFilename: string;
  sourceSize: number;
  durationSeconds: number | null;
  width: number | null;
  height: number | null;
  createdAt: Date;
  readyAt: Date | null;
}

export interface RenditionView {
  name: string;
  width: number;
  height: number;
  frameRate: number;
  codecs: string;
  bandwidth: number;
  averageBandwidth: number;
  durationSeconds: number;
  bytes: number;
}

export interface ListVideosInput {
  search?: string;
  status?: VideoStatus;
  sort?: 'newest' | 'oldest' | 'title';
  limit: number;
  offset: number;
}

export async function listVideos(deps: Pick<DomainDeps, 'db'>, tenantId: string, input: ListVideosInput): Promise<{ videos: VideoView[]; total: number }> {
  let query = deps.db.selectFrom('videos').where('tenant_id', '=', tenantId);
  if (input.search) query = query.where('title', 'ilike', `%${input.search.replace(/[\\%_]/g, (char) => `\\${char}`)}%`);
  if (input.status) query = query.where('status', '=', input.status);
  const [rows, count] = await Promise.all([
    query
      .selectAll()
      .orderBy(input.sort === 'title' ? 'title' : 'created_at', input.sort === 'newest' || input.sort === undefined ? 'desc' : 'asc')
      .orderBy('id')
      .limit(input.limit)
      .offset(input.offset)
      .execute(),
    query.select(sql<string>`count(*)`.as('total')).executeTakeFirstOrThrow(),
  ]);
  return { videos: rows.map(toVideoView), total: Number(count.total) };
}

export async function getVideo(deps: Pick<DomainDeps, 'db'>, tenantId: string, videoId: string) {
  const video = await videoOfTenant(deps, tenantId, videoId);
  const renditions = await deps.db.selectFrom('renditions').selectAll().where('tenant_id', '=', tenantId).where('video_id', '=', videoId).orderBy('height', 'desc').execute();
  return { ...toVideoView(video), renditions: renditions.map(toRenditionView), assets: video.assets };
}

export async function updateVideo(deps: Pick<DomainDeps, 'db'>, tenantId: string, videoId: string, changes: { title?: string; description?: string; accessMode?: AccessMode }): Promise<VideoView> {
  await videoOfTenant(deps, tenantId, videoId);
  const updated = await deps.db
    .updateTable('videos')
    .set({
      ...(changes.title !== undefined ? { title: changes.title.trim() } : {}),
      ...(changes.description !== undefined ? { description: changes.description } : {}),
      ...(changes.accessMode !== undefined ? { access_mode: changes.accessMode } : {}),
      updated_at: new Date(),
    })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', videoId)
    .returningAll()
    .executeTakeFirstOrThrow();
  await recordVideoEvents(deps.db, ['video.updated'], updated, updated.updated_at);
  return toVideoView(updated);
}

/** Deletes the video, its renditions and its original: the one operation that removes what a user uploaded, on their request. */
export async function deleteVideo(deps: Pick<DomainDeps, 'db' | 'store'>, tenantId: string, videoId: string): Promise<void> {
  const video = await videoOfTenant(deps, tenantId, videoId);
  if (video.upload_id) await deps.store.abortMultipartUpload(video.source_key, video.upload_id);
  await deps.store.deletePrefix(`t/${tenantId}/v/${videoId}/`);
  await deps.store.deletePrefix(`sources/${tenantId}/${videoId}/`);
  await deps.db.deleteFrom('videos').where('tenant_id', '=', tenantId).where('id', '=', videoId).execute();
  await recordVideoEvents(deps.db, ['video.deleted'], video, new Date());
}

export function toVideoView(video: Video): VideoView {
  return {
    id: video.id,
    title: video.title,
    description: video.description,
    accessMode: video.access_mode,
    status: video.status,
    progress: video.progress,
    playable: video.status === 'ready' || (video.status === 'processing' && video.early_master_playlist !== null),
    failureReason: video.failure_reason,
    sourceFilename: video.source_filename,
    sourceSize: Number(video.source_size),
    durationSeconds: video.duration_seconds,
    width: video.width,
    height: video.height,
    createdAt: video.created_at,
    readyAt: video.ready_at,
  };
}

function toRenditionView(rendition: Rendition): RenditionView {
  return {
    name: rendition.name,
    width: rendition.width,
    height: rendition.height,
    frameRate: rendition.frame_rate,
    codecs: rendition.codecs,
    bandwidth: rendition.bandwidth,
    averageBandwidth: rendition.average_bandwidth,
    durationSeconds: rendition.duration_seconds,
    bytes: Number(rendition.bytes),
  };
}
