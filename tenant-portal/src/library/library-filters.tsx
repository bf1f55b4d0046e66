import { useId } from 'react';
import type { VideoSort } from '../api/api-types.js';

export interface LibraryFilterValues {
  search: string;
  sort: VideoSort;
}

export function LibraryFilters({ value, onChange }: { value: LibraryFilterValues; onChange: (value: LibraryFilterValues) => void }) {
  const id = useId();
  return (
    <div className="filters" role="search">
      <label htmlFor={`${id}-search`} className="visually-hidden">
        Search videos by title
      </label>
      <input id={`${id}-search`} type="search" placeholder="Search by title" value={value.search} onChange={(event) => onChange({ ...value, search: event.target.value })} />
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
