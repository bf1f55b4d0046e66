// Keyset (cursor) pagination: a page is read from an index position, never with OFFSET and never with a count of
// the whole table, so page 1,000 costs what page 1 does. The cursor is opaque to callers: the last row's sort key.
import { sql } from 'kysely';
import { invalid } from './errors.js';

/** What a list answers: `nextCursor` fetches the page after this one; null on the last. */
export interface Page<T> {
  data: T[];
  nextCursor: string | null;
}

/** The sort position of a row: its sort value (a timestamp as ISO string, or a title) and its id as tie-breaker. */
export interface CursorPosition {
  value: string;
  id: string;
}

export function encodeCursor(position: CursorPosition): string {
  return Buffer.from(JSON.stringify([position.value, position.id]), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string): CursorPosition {
  try {
    const decoded: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(decoded) && decoded.length === 2 && typeof decoded[0] === 'string' && typeof decoded[1] === 'string') return { value: decoded[0], id: decoded[1] };
  } catch {
    // Reported below, like any other cursor this API did not make.
  }
  throw invalid('The cursor is not one this API gave: pass back the nextCursor of the previous page unchanged, or leave it out to start at the first page.');
}

/** Cuts `limit + 1` rows read into a page: the extra row only tells that another page follows. */
export function pageOf<Row, T>(rows: readonly Row[], limit: number, positionOf: (row: Row) => CursorPosition, view: (row: Row) => T): Page<T> {
  const shown = rows.slice(0, limit);
  const last = shown.at(-1);
  return { data: shown.map(view), nextCursor: rows.length > limit && last !== undefined ? encodeCursor(positionOf(last)) : null };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const EXACT_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

/**
 * A timestamp column as the cursor keeps it: to the microsecond, in UTC. A JavaScript Date would cut it to the
 * millisecond, and rows created within the same millisecond would then be skipped or repeated across pages.
 */
export function exactTimestamp(column: 'created_at') {
  return sql<string>`to_char(${sql.ref(column)} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
}

/**
 * Decodes a cursor and checks that it holds what this list's sort put in it (a uuid id; a timestamp from
 * `exactTimestamp` when the sort is by time): anything else would reach PostgreSQL as a bad uuid or timestamp and
 * answer a server error rather than the 400 a made-up cursor deserves.
 */
export function decodeCursorOf(cursor: string, sortValue: 'timestamp' | 'text'): CursorPosition {
  const position = decodeCursor(cursor);
  if (UUID.test(position.id) && (sortValue === 'text' || EXACT_TIMESTAMP.test(position.value))) return position;
  throw invalid(
    'The cursor is not one this API gave for this sort: pass back the nextCursor of the previous page unchanged, with the same sort and filters, or leave it out to start at the first page.',
  );
}

/**
 * The rows after the cursor's position in `column, id` order (ascending, or descending for 'desc'): one row-value
 * comparison, which an index ending in (column, id) serves as a range scan.
 */
export function pastCursor(column: string, direction: 'asc' | 'desc', position: CursorPosition, sortValue: 'timestamp' | 'text') {
  const value = sortValue === 'timestamp' ? sql`${position.value}::timestamptz` : sql`${position.value}::text`;
  return sql<boolean>`(${sql.ref(column)}, ${sql.ref('id')}) ${sql.raw(direction === 'desc' ? '<' : '>')} (${value}, ${position.id}::uuid)`;
}
