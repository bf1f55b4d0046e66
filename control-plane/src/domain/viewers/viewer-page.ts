// A page of a tenant's viewers, newest first, by the same cursors as every list. The identity provider answers the
// whole pool at once (Cognito's ListUsers has no order), so the page is cut from that list here.
import { decodeCursor, pageOf, type Page } from '../pagination.js';

interface ListedViewer {
  viewerId: string;
  email: string;
  status: 'invited' | 'active';
  createdAt: Date;
}

export function pageOfViewers<Viewer extends ListedViewer>(viewers: readonly Viewer[], input: { limit: number; cursor?: string }): Page<Viewer> {
  const position = (viewer: Viewer) => ({ value: viewer.createdAt.toISOString(), id: viewer.viewerId });
  const newestFirst = [...viewers].sort((a, b) => compare(position(b), position(a)));
  const after = input.cursor === undefined ? undefined : decodeCursor(input.cursor);
  const rest = after ? newestFirst.filter((viewer) => compare(position(viewer), after) < 0) : newestFirst;
  return pageOf(rest.slice(0, input.limit + 1), input.limit, position, (viewer) => viewer);
}

function compare(a: { value: string; id: string }, b: { value: string; id: string }): number {
  return a.value === b.value ? a.id.localeCompare(b.id) : a.value.localeCompare(b.value);
}
