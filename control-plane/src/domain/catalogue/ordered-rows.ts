// Ordered lists kept as contiguous 1-based numbers (episodes in a season, items in a collection, collections in a
// tenant): a gap opened to insert, closed after a removal, or a whole new order. The unique constraints on these
// numbers are deferrable (0038), so each shift is one statement checked at its end.
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';

export interface OrderedList {
  table: 'episodes' | 'collection_items' | 'collections';
  /** The column that identifies a row. */
  key: 'video_id' | 'id';
  /** The column that holds its number. */
  column: 'episode_number' | 'position';
  /** The rows of this list: e.g. `season_id = …`; always includes the tenant. */
  scope: Record<string, string>;
}

function inScope(list: OrderedList) {
  return sql.join(
    Object.entries(list.scope).map(([column, value]) => sql`${sql.ref(column)} = ${value}`),
    sql` and `,
  );
}

/**
 * Where a new row goes: `at` within 1…last+1, or after the last; and how many rows the list holds. A row deleted with
 * its video (a cascade) leaves a gap, so the end is after the highest number, not the count.
 */
export async function insertionPoint(db: Kysely<Database>, list: OrderedList, at: number | undefined): Promise<{ at: number; count: number }> {
  const { rows } = await sql<{ count: string; last: number | null }>`select count(*) as count, max(${sql.ref(list.column)}) as last from ${sql.table(list.table)} where ${inScope(list)}`.execute(db);
  const count = Number(rows[0]?.count ?? 0);
  const end = (rows[0]?.last ?? 0) + 1;
  return { at: at === undefined ? end : Math.max(1, Math.min(at, end)), count };
}

export async function openGap(db: Kysely<Database>, list: OrderedList, at: number): Promise<void> {
  await sql`update ${sql.table(list.table)} set ${sql.ref(list.column)} = ${sql.ref(list.column)} + 1 where ${inScope(list)} and ${sql.ref(list.column)} >= ${at}`.execute(db);
}

export async function closeGap(db: Kysely<Database>, list: OrderedList, removed: number): Promise<void> {
  await sql`update ${sql.table(list.table)} set ${sql.ref(list.column)} = ${sql.ref(list.column)} - 1 where ${inScope(list)} and ${sql.ref(list.column)} > ${removed}`.execute(db);
}

/** Numbers the rows 1…n in the order of `ids` (which the caller checked names each row once). */
export async function applyOrder(db: Kysely<Database>, list: OrderedList, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  const values = sql.join(ids.map((id, index) => sql`(${id}::uuid, ${index + 1}::integer)`));
  await sql`update ${sql.table(list.table)} as target set ${sql.ref(list.column)} = wanted.number from (values ${values}) as wanted(id, number) where ${inScope(list)} and target.${sql.ref(list.key)} = wanted.id`.execute(
    db,
  );
}

/**
 * Serialises the changes to one family of lists (a series' seasons, a tenant's collections) until the transaction
 * ends: two insertions at once would otherwise take the same number.
 */
export async function lockLists(db: Kysely<Database>, name: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtext(${name}))`.execute(db);
}
