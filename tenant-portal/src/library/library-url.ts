// The library's search, filters and sort live in the address (`/?status=failed&access=token&sort=title&q=intro`), so a
// reload, a bookmark or Back from a video lands on the same list.
import type { AccessMode, VideoSort, VideoStatus } from '../api/api-types.js';
import { ACCESS_MODES } from './access-modes.js';

export interface LibraryFilterValues {
  search: string;
  sort: VideoSort;
  status: VideoStatus | '';
  access: AccessMode | '';
}

const SORTS: readonly VideoSort[] = ['newest', 'oldest', 'title'];
const STATUSES: readonly VideoStatus[] = ['uploading', 'queued', 'processing', 'ready', 'failed'];
const DEFAULTS: LibraryFilterValues = { search: '', sort: 'newest', status: '', access: '' };

/** Values the address cannot hold (hand-edited, or from an older portal) fall back to the default. */
export function filtersFromSearch(search: string): LibraryFilterValues {
  const params = new URLSearchParams(search);
  const pick = <T extends string>(name: string, allowed: readonly T[], fallback: T | ''): T | '' => {
    const value = params.get(name);
    return allowed.find((option) => option === value) ?? fallback;
  };
  return {
    search: params.get('q') ?? '',
    sort: pick('sort', SORTS, DEFAULTS.sort) || DEFAULTS.sort,
    status: pick('status', STATUSES, ''),
    access: pick('access', ACCESS_MODES, ''),
  };
}

/** Only what differs from the defaults, so the plain library stays at `/`. */
export function searchOfFilters(filters: LibraryFilterValues): string {
  const params = new URLSearchParams();
  if (filters.search) params.set('q', filters.search);
  if (filters.status) params.set('status', filters.status);
  if (filters.access) params.set('access', filters.access);
  if (filters.sort !== DEFAULTS.sort) params.set('sort', filters.sort);
  const query = params.toString();
  return query ? `?${query}` : '';
}
