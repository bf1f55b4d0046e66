// Keyset (cursor) pagination: a page is read from an index position, never with OFFSET and never with a count of
// the whole table, so page 1,000 costs what page 1 does. The cursor is opaque to callers: the last row's sort key.
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
