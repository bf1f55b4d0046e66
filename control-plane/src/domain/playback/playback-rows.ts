// What playback.authorize reads about a video and its tenant, and where it reads it from: straight from the
// database, or through PlaybackRowCache (one process's memory, kept exact by change notifications).
import { sql } from 'kysely';
import type { Db } from '../../db/database.js';

/** The video joined with its tenant: exactly the columns readPlaybackRow selects. */
export type PlaybackRow = NonNullable<Awaited<ReturnType<typeof readPlaybackRow>>>;

export interface PlaybackRowSource {
  /** The video joined with its tenant, as of a moment after this call began; undefined when there is no such video. */
  get(videoId: string): Promise<PlaybackRow | undefined>;
}

/** A committed change to a row the playback row depends on: one video, every video of one tenant, or anything. */
export type PlaybackChange = { kind: 'video'; id: string } | { kind: 'tenant'; id: string } | { kind: 'all' };

/**
 * Changes to videos and tenants as they commit, from any process. The cache trusts what it holds only because
 * of `barrier`: once it resolves, every change committed before it was called has been delivered.
 */
export interface PlaybackChangeFeed {
  /** Resolves after every change committed before the call reached the subscriber; rejects when the feed cannot promise that (not connected). */
  barrier(): Promise<void>;
  close(): Promise<void>;
}

export interface PlaybackChangeSubscriber {
  changed(change: PlaybackChange): void;
  /** Changes may have been missed (the feed connected or lost its connection): forget everything. */
  reset(): void;
}

export function readPlaybackRow(db: Db, videoId: string) {
  return db
    .selectFrom('videos')
    .innerJoin('tenants', 'tenants.id', 'videos.tenant_id')
    .select([
      'videos.id',
      'videos.tenant_id',
      'videos.title',
      'videos.duration_seconds',
      'videos.status',
      'videos.progress',
      'videos.failure_reason',
      'videos.access_mode',
      'videos.assets',
      'videos.early_master_playlist',
      // Availability (title-availability.ts): checked on every call against the request's clock, never cached as an answer.
      'videos.publish_at',
      'videos.unpublish_at',
      'videos.country_rule',
      'videos.countries',
      // Whether chapters.vtt is published (domain/chapters/): the chapters themselves are not the player's to read here.
      sql<boolean>`jsonb_array_length(videos.chapters) > 0`.as('has_chapters'),
      'tenants.viewer_pool_id',
      'tenants.delivery_domain',
      'tenants.plan',
      'tenants.accent_color',
      'tenants.logo_key',
      'tenants.allowed_origins',
    ])
    .where('videos.id', '=', videoId)
    .executeTakeFirst();
}

/** No cache: every call reads the database. */
export function directPlaybackRows(db: Db): PlaybackRowSource {
  return { get: (videoId) => readPlaybackRow(db, videoId) };
}
