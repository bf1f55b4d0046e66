import { useId } from 'react';
import type { AccessMode, VideoSort, VideoStatus } from '../api/api-types.js';
import { ACCESS_LABELS, ACCESS_MODES } from './access-modes.js';
import type { LibraryFilterValues } from './library-url.js';
import { STATUS_LABELS } from './status-badge.js';

export function LibraryFilters({ value, onChange }: { value: LibraryFilterValues; onChange: (value: LibraryFilterValues) => void }) {
  const id = useId();
  return (
    <div className="filters" role="search">
      <label htmlFor={`${id}-search`} className="visually-hidden">
        Search videos by title
      </label>
      <input id={`${id}-search`} type="search" placeholder="Search by title" value={value.search} onChange={(event) => onChange({ ...value, search: event.target.value })} />
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
    </div>
  );
}
