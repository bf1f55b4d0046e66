// The keyset position of endpoint and delivery lists (created_at, id; newest first). Rows are written with the
// clock's millisecond times, so a cursor's ISO time names a row's created_at exactly.
import { decodeCursor } from '../pagination.js';
import { invalid } from '../errors.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function positionAfter(cursor: string | undefined): { createdAt: Date; id: string } | undefined {
  if (cursor === undefined) return undefined;
  const { value, id } = decodeCursor(cursor);
  const createdAt = new Date(value);
  if (!UUID.test(id) || Number.isNaN(createdAt.getTime()))
    throw invalid('The cursor is not one this API gave: pass back the nextCursor of the previous page unchanged, or leave it out to start at the first page.');
  return { createdAt, id };
}
