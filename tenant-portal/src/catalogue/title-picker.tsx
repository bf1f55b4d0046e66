// Finds a title to add (an episode to a season, a title to a collection) by searching the catalogue as one types.
import { useQuery } from '@tanstack/react-query';
import type { CatalogueTitleType } from '@ott/contracts';
import { useState } from 'react';
import { useTRPC } from '../api/trpc.js';
import { TextField } from '../components/text-field.js';

export interface PickedTitle {
  type: CatalogueTitleType;
  id: string;
  title: string;
}

export function TitlePicker({ label, types, actionLabel, onPick, busy }: { label: string; types?: CatalogueTitleType; actionLabel: string; onPick: (title: PickedTitle) => void; busy: boolean }) {
  const trpc = useTRPC();
  const [query, setQuery] = useState('');
  const search = useQuery(trpc.catalogue.search.queryOptions({ query: query.trim(), type: types, limit: 8 }, { enabled: query.trim() !== '' }));
  return (
    <div className="title-picker">
      <TextField label={label} value={query} onChange={setQuery} type="search" placeholder="Type a title" />
      {query.trim() !== '' && search.data?.data.length === 0 ? <p className="hint">No title matches.</p> : null}
      <ul className="picker-results">
        {search.data?.data.map((hit) => (
          <li key={`${hit.type}-${hit.id}`}>
            <span>
              {hit.title} <small className="hint">{hit.type}</small>
            </span>
            <button type="button" disabled={busy} onClick={() => onPick({ type: hit.type, id: hit.id, title: hit.title })} aria-label={`${actionLabel} ${hit.title}`}>
              {actionLabel}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
