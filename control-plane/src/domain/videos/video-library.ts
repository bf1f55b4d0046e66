// A tenant's library: list, read, edit, delete. Every query is scoped by the caller's tenant id.
import { packageFolders } from '../../media/uhd-folder.js';
import type { VideoAvailabilityFields } from '@ott/contracts';
import { sql } from 'kysely';
import type { AccessMode, Rendition, Video, VideoStatus } from '../../db/schema.js';
import type { DomainDeps } from '../deps.js';
import { decodeCursorOf, exactTimestamp, pageOf, pastCursor, type Page } from '../pagination.js';
import { audioTracksOf } from './audio-track-views.js';
import { replacementView } from './replace-source.js';
import { releaseOriginals } from './shared-sources.js';
import { videoOfTenant } from './video-access.js';
import { availabilityFieldsOf } from './video-availability.js';
import { transcodeSecondsLeft } from './transcode-estimate.js';
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

/**
 * A library row: the video, how many plays of it started, the estimated time left while it transcodes, and its
 * availability (domain/playback/title-availability.ts: `availability` is where its window stands now, for the badge).
 */
export interface LibraryVideoView extends VideoView, VideoAvailabilityFields {
  /** Viewers' playback sessions whose first frame showed (the player's QoE reports); the admin's previews are not views. */
  views: number;
  secondsLeft: number | null;
  /** A country rule limits where it plays. */
  geoRestricted: boolean;
}

export type VideoSort = 'newest' | 'oldest' | 'title';

export interface ListVideosInput {
  limit: number;
  /** The `nextCursor` of the previous page, made with the same sort and filters; absent for the first page. */
  cursor?: string;
  status?: VideoStatus;
  access?: AccessMode;
  /** Part of the title, case-insensitive. */
  search?: string;
  sort?: VideoSort;
  /**
   * Also count the matching videos on the first page (no cursor), up to TOTAL_CAP: the count reads no more than that
   * many index entries, whatever the library's size. Later pages do not count again.
   */
  withTotal?: boolean;
}

/** A count that stops: `more` says there are more than `count` (shown as "10,000+"). */
export interface CappedTotal {
  count: number;
  more: boolean;
}

export type VideoPage = Page<LibraryVideoView> & { totalCapped?: CappedTotal };

/** The most rows a capped count reads: past it the answer is "10,000+". */
export const TOTAL_CAP = 10_000;

/**
 * One page of the tenant's library, read by keyset: the sort key and the id of the previous page's last row are the
 * position to continue from, compared as a row value so that one of the `videos_keyset_*` indexes (migration 0022)
 * serves every sort, with or without the status or the access filter (0026), and page 1,000 costs what page 1 does.
 * The title search, and the second of both filters, are filters on that index walk. The view count is an index range
 * per listed video (playback_sessions_tenant_video).
 */
export async function listVideos(deps: Pick<DomainDeps, 'db' | 'clock'>, tenantId: string, input: ListVideosInput): Promise<VideoPage> {
  const sort = input.sort ?? 'newest';
  const key = sort === 'title' ? 'title' : 'created_at';
  const direction = sort === 'newest' ? 'desc' : 'asc';
  const sortValue = sort === 'title' ? 'text' : 'timestamp';
  const after = input.cursor === undefined ? undefined : decodeCursorOf(input.cursor, sortValue);
  let query = deps.db.selectFrom('videos').where('tenant_id', '=', tenantId);
  if (input.search) query = query.where('title', 'ilike', `%${input.search.replace(/[\\%_]/g, (char) => `\\${char}`)}%`);
  if (input.status) query = query.where('status', '=', input.status);
  if (input.access) query = query.where('access_mode', '=', input.access);
  const rows = query
    .$if(after !== undefined, (page) => page.where(pastCursor(key, direction, after!, sortValue)))
    .selectAll()
    .select(exactTimestamp('created_at').as('created_at_exact'))
    .select((eb) =>
      eb
        .selectFrom('playback_sessions')
        .select(eb.fn.countAll<string>().as('count'))
        .whereRef('playback_sessions.tenant_id', '=', 'videos.tenant_id')
        .whereRef('playback_sessions.video_id', '=', 'videos.id')
        .where('playback_sessions.startup_ms', 'is not', null)
        .where('playback_sessions.preview', '=', false)
        .as('views'),
    )
    .orderBy(key, direction)
    .orderBy('id', direction)
    .limit(input.limit + 1)
    .execute();
  const total =
    input.withTotal && after === undefined
      ? deps.db
          .selectFrom(
            query
              .select(sql`1`.as('one'))
              .limit(TOTAL_CAP + 1)
              .as('capped'),
          )
          .select(sql<string>`count(*)`.as('count'))
          .executeTakeFirstOrThrow()
      : undefined;
  const now = deps.clock.now();
  const page = pageOf(
    await rows,
    input.limit,
    (row) => ({ value: sort === 'title' ? row.title : row.created_at_exact, id: row.id }),
    (row): LibraryVideoView => ({
      ...toVideoView(row),
      views: Number(row.views ?? 0),
      secondsLeft: transcodeSecondsLeft(row, now),
      ...availabilityFieldsOf(row, now),
      geoRestricted: row.country_rule !== null,
    }),
  );
  if (total === undefined) return page;
  const count = Number((await total).count);
  return { ...page, totalCapped: { count: Math.min(count, TOTAL_CAP), more: count > TOTAL_CAP } };
}

export async function getVideo(deps: Pick<DomainDeps, 'db' | 'clock'>, tenantId: string, videoId: string) {
  const video = await videoOfTenant(deps, tenantId, videoId);
  const now = deps.clock.now();
  const [renditions, audioTracks] = await Promise.all([
    deps.db.selectFrom('renditions').selectAll().where('tenant_id', '=', tenantId).where('video_id', '=', videoId).orderBy('height', 'desc').execute(),
    audioTracksOf(deps, tenantId, videoId, video.package_revision),
  ]);
  return {
    ...toVideoView(video),
    secondsLeft: transcodeSecondsLeft(video, now),
    ...availabilityFieldsOf(video, now),
    renditions: renditions.map(toRenditionView),
    audioTracks,
    /** What the source had that the package does not carry (a picture subtitle track, an undecodable audio track). */
    mediaNotes: video.media_notes,
    videoRange: video.video_range,
    assets: video.assets,
    replacement: replacementView(video),
  };
}

export async function updateVideo(deps: Pick<DomainDeps, 'db'>, tenantId: string, videoId: string, changes: { title?: string; description?: string; accessMode?: AccessMode }): Promise<VideoView> {
  await videoOfTenant(deps, tenantId, videoId);
  // The change and its webhook event commit together.
  return deps.db.transaction().execute(async (db) => {
    const updated = await db
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
    await recordVideoEvents(db, ['video.updated'], updated, updated.updated_at);
    return toVideoView(updated);
  });
}

/** Deletes the video, its renditions and its original: the one operation that removes what a user uploaded, on their request. */
export async function deleteVideo(deps: Pick<DomainDeps, 'db' | 'store'>, tenantId: string, videoId: string): Promise<void> {
  const video = await videoOfTenant(deps, tenantId, videoId);
  if (video.upload_id) await deps.store.abortMultipartUpload(video.source_key, video.upload_id);
  // Its folder and the UHD sibling (media/uhd-folder.ts).
  for (const folder of packageFolders(`t/${tenantId}/v/${videoId}/`)) await deps.store.deletePrefix(folder);
  // Not an original a clip still names (shared-sources.ts).
  await releaseOriginals(deps, video);
  await deps.db.transaction().execute(async (db) => {
    await db.deleteFrom('videos').where('tenant_id', '=', tenantId).where('id', '=', videoId).execute();
    await recordVideoEvents(db, ['video.deleted'], video, new Date());
  });
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
