// The library's search, filters and sort live in the address (`/?status=failed&access=token&sort=title`, or a catalogue
// search: `/?q=intersteller&category=Drama&year=2014&type=film`), so a reload, a bookmark or Back from a video lands on
// the same list.
import { CATALOGUE_TITLE_TYPES, type CatalogueTitleType } from '@ott/contracts';
import type { AccessMode, VideoSort, VideoStatus } from '../api/api-types.js';
import { ACCESS_MODES } from './access-modes.js';

export interface LibraryFilterValues {
  search: string;
  sort: VideoSort;
  status: VideoStatus | '';
  access: AccessMode | '';
  /** The catalogue search's filters (catalogue-results.tsx): a category as the tenant spelled it, a release year, a kind of title. */
  category: string;
  year: string;
  type: CatalogueTitleType | '';
}

const SORTS: readonly VideoSort[] = ['newest', 'oldest', 'title'];
const STATUSES: readonly VideoStatus[] = ['uploading', 'queued', 'processing', 'ready', 'failed'];
const DEFAULTS: LibraryFilterValues = { search: '', sort: 'newest', status: '', access: '', category: '', year: '', type: '' };

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
    category: params.get('category') ?? '',
    year: /^\d{4}$/.test(params.get('year') ?? '') ? (params.get('year') ?? '') : '',
    type: pick('type', CATALOGUE_TITLE_TYPES, ''),
  };
}

/** Only what differs from the defaults, so the plain library stays at `/`. */
export function searchOfFilters(filters: LibraryFilterValues): string {
  const params = new URLSearchParams();
  if (filters.search) params.set('q', filters.search);
  if (filters.status) params.set('status', filters.status);
  if (filters.access) params.set('access', filters.access);
  if (filters.sort !== DEFAULTS.sort) params.set('sort', filters.sort);
  if (filters.category) params.set('category', filters.category);
  if (filters.year) params.set('year', filters.year);
  if (filters.type) params.set('type', filters.type);
  const query = params.toString();
  return query ? `?${query}` : '';
}

/** Typing a search, or choosing a category, a year or a kind of title, searches the whole catalogue instead of listing videos. */
export function searchesCatalogue(filters: LibraryFilterValues): boolean {
  return Boolean(filters.search.trim() || filters.category || filters.year || filters.type);
}
