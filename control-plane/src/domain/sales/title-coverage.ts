// Which offers and entitlements cover a title: everything, the video itself, or a collection (catalogue) that holds it —
// directly, or through the series its episode belongs to.
import { sql, type ExpressionBuilder } from 'kysely';
import type { Db } from '../../db/database.js';
import type { Database } from '../../db/schema.js';

export interface Title {
  videoId: string;
  /** Collections holding the video or its series. */
  collectionIds: readonly string[];
}

export async function titleOf(db: Db, tenantId: string, videoId: string): Promise<Title> {
  const rows = await db
    .selectFrom('collection_items')
    .select('collection_id')
    .where('tenant_id', '=', tenantId)
    .where((eb) => eb.or([eb('video_id', '=', videoId), eb('series_id', 'in', eb.selectFrom('episodes').select('series_id').where('tenant_id', '=', tenantId).where('video_id', '=', videoId))]))
    .execute();
  return { videoId, collectionIds: [...new Set(rows.map((row) => row.collection_id))] };
}

/** For `offers` and `entitlements` alike (the same three columns). */
export function covers(eb: ExpressionBuilder<Database, 'offers'> | ExpressionBuilder<Database, 'entitlements'>, title: Title) {
  const builder = eb as ExpressionBuilder<Database, 'offers'>;
  return builder.or([
    builder('covers_everything', '=', true),
    builder(sql<string>`${title.videoId}::uuid`, '=', builder.fn.any('video_ids')),
    ...(title.collectionIds.length > 0 ? [builder('collection_ids', '&&', sql<string[]>`${sql.val(title.collectionIds)}::uuid[]`)] : []),
  ]);
}
