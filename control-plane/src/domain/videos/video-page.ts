// A page of a tenant's videos, newest first, read from an index position (keyset): no OFFSET, no count. Until
// listVideos itself answers pages (the keyset work on video-library.ts), the REST list reads through this.
import { sql } from 'kysely';
import type { VideoStatus } from '../../db/schema.js';
import type { DomainDeps } from '../deps.js';
import { invalid } from '../errors.js';
import { decodeCursor, pageOf, type Page } from '../pagination.js';
import { toVideoView, type VideoView } from './video-library.js';

const CURSOR_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface VideoPageInput {
  limit: number;
  cursor?: string;
  status?: VideoStatus;
  search?: string;
}

export async function listVideoPage(deps: Pick<DomainDeps, 'db'>, tenantId: string, input: VideoPageInput): Promise<Page<VideoView>> {
  let query = deps.db.selectFrom('videos').where('tenant_id', '=', tenantId);
  if (input.search) query = query.where('title', 'ilike', `%${input.search.replace(/[\\%_]/g, (char) => `\\${char}`)}%`);
  if (input.status) query = query.where('status', '=', input.status);
  if (input.cursor) {
    const after = decodeCursor(input.cursor);
    if (!CURSOR_TIME.test(after.value) || !UUID.test(after.id)) throw invalid('The cursor is not one this list gave: pass back its nextCursor unchanged.');
    query = query.where(sql<boolean>`(created_at, id) < (${after.value}::timestamptz, ${after.id}::uuid)`);
  }
  const rows = await query
    .selectAll()
    // The cursor keeps PostgreSQL's microseconds, which a JavaScript Date would round away (and skip or repeat rows).
    .select(sql<string>`to_char(created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`.as('position'))
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(input.limit + 1)
    .execute();
  return pageOf(rows, input.limit, (row) => ({ value: row.position, id: row.id }), toVideoView);
}
