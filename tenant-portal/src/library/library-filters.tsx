import { useQuery } from '@tanstack/react-query';
import { useId } from 'react';
import type { CatalogueTitleType } from '@ott/contracts';
import type { AccessMode, VideoSort, VideoStatus } from '../api/api-types.js';
import { useTRPC } from '../api/trpc.js';
import { ACCESS_LABELS, ACCESS_MODES } from './access-modes.js';
import { searchesCatalogue, type LibraryFilterValues } from './library-url.js';
import { STATUS_LABELS } from './status-badge.js';

export const TITLE_TYPE_LABELS: Record<CatalogueTitleType, string> = { film: 'Films', episode: 'Episodes', series: 'Series' };

/**
 * The search box and the catalogue's filters (category, year, type), which search the whole catalogue; without them,
 * the list's own filters (status, access) and sort, which do not apply to ranked search results and so are hidden then.
 */
export function LibraryFilters({ value, onChange }: { value: LibraryFilterValues; onChange: (value: LibraryFilterValues) => void }) {
  const id = useId();
  const trpc = useTRPC();
  const categories = useQuery(trpc.catalogue.categories.queryOptions());
  const searching = searchesCatalogue(value);
  return (
    <div className="filters" role="search">
      <label htmlFor={`${id}-search`} className="visually-hidden">
        Search the library
      </label>
      <input
        id={`${id}-search`}
        type="search"
        placeholder="Search titles, people, tags…"
        maxLength={200}
        value={value.search}
        onChange={(event) => onChange({ ...value, search: event.target.value })}
      />
      <span className="sort">
        <label htmlFor={`${id}-category`}>Category</label>
        <select id={`${id}-category`} value={value.category} onChange={(event) => onChange({ ...value, category: event.target.value })}>
          <option value="">All</option>
          {/* A category from the address that no title has any more still shows, so the choice is visible. */}
          {[...new Set([...(value.category ? [value.category] : []), ...(categories.data ?? [])])].map((category) => (
            <option key={category} value={category}>
              {category}
            </option>
          ))}
        </select>
      </span>
      <span className="sort">
        <label htmlFor={`${id}-year`}>Year</label>
        <input
          id={`${id}-year`}
          className="year-filter"
          inputMode="numeric"
          placeholder="Any"
          maxLength={4}
          value={value.year}
          onChange={(event) => onChange({ ...value, year: event.target.value.replace(/\D/g, '') })}
        />
      </span>
      <span className="sort">
        <label htmlFor={`${id}-type`}>Type</label>
        <select id={`${id}-type`} value={value.type} onChange={(event) => onChange({ ...value, type: event.target.value as CatalogueTitleType | '' })}>
          <option value="">All</option>
          {Object.entries(TITLE_TYPE_LABELS).map(([type, label]) => (
            <option key={type} value={type}>
              {label}
            </option>
          ))}
        </select>
      </span>
      {searching ? null : (
        <>
          <span className="sort">
            <label htmlFor={`${id}-status`}>Status</label>
            <select id={`${id}-status`} value={value.status} onChange={(event) => onChange({ ...value, status: event.target.value as VideoStatus | '' })}>
              <option value="">All</option>
              {Object.entries(STATUS_LABELS).map(([status, label]) => (
                <option key={status} value={status}>
                  {label}
                </option>
              ))}
            </select>
          </span>
          <span className="sort">
            <label htmlFor={`${id}-access`}>Access</label>
            <select id={`${id}-access`} value={value.access} onChange={(event) => onChange({ ...value, access: event.target.value as AccessMode | '' })}>
              <option value="">All</option>
              {ACCESS_MODES.map((mode) => (
                <option key={mode} value={mode}>
                  {ACCESS_LABELS[mode]}
                </option>
              ))}
            </select>
          </span>
          <span className="sort">
            <label htmlFor={`${id}-sort`}>Sort</label>
            <select id={`${id}-sort`} value={value.sort} onChange={(event) => onChange({ ...value, sort: event.target.value as VideoSort })}>
              <option value="newest">Newest first</option>
              <option value="oldest">Oldest first</option>
              <option value="title">Title A–Z</option>
            </select>
          </span>
        </>
      )}
    </div>
  );
}
