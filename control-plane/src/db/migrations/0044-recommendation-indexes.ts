import { sql, type Kysely } from 'kysely';

// What storefront recommendations read (domain/storefront/recommendations.ts), measured on 100k playback sessions and
// 100k viewer_progress rows for one tenant: without these both were sequential scans of the whole table.
// - Trending reads one tenant's audience sessions of the last week: by (tenant, time), the columns it sums carried in
//   the index so that a week's rows are read from the index alone; previews are never read, so never indexed.
// - Co-viewing reads who watched a given title: viewer_progress's key starts (tenant, viewer), not (tenant, video).
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create index playback_sessions_audience_recent on playback_sessions (tenant_id, updated_at) include (video_id, watched_seconds) where not preview`.execute(db);
  await sql`create index viewer_progress_by_video on viewer_progress (tenant_id, video_id) include (viewer_id)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index if exists viewer_progress_by_video`.execute(db);
  await sql`drop index if exists playback_sessions_audience_recent`.execute(db);
}
