// The library's catalogue search: films, episodes and series ranked by the platform's typo-tolerant search
// (control-plane domain/catalogue/catalogue-search.ts, the storefront's too), filtered by category, year and type.
import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { CATALOGUE_LIMITS } from '@ott/contracts';
import { useTRPC } from '../api/trpc.js';
import type { VideoStatus } from '../api/api-types.js';
import { ErrorNotice } from '../components/error-notice.js';
import { ShowMoreButton } from '../components/show-more-button.js';
import { Link } from '../routing/link.js';
import { searchesCatalogue, type LibraryFilterValues } from './library-url.js';
import { STATUS_LABELS } from './status-badge.js';

const PAGE = 50;

/** `filters` as they stood when the typing paused (the page debounces them). */
export function CatalogueResults({ filters }: { filters: LibraryFilterValues }) {
  const trpc = useTRPC();
  const query = filters.search.trim().slice(0, CATALOGUE_LIMITS.searchQueryLength);
  const year = /^\d{4}$/.test(filters.year) ? Number(filters.year) : undefined;
  const search = useInfiniteQuery(
    trpc.catalogue.search.infiniteQueryOptions(
      {
        query: query || undefined,
        categories: filters.category ? [filters.category] : undefined,
        yearFrom: year,
        yearTo: year,
        type: filters.type || undefined,
        limit: PAGE,
      },
      { enabled: searchesCatalogue(filters), getNextPageParam: (page) => page.nextCursor ?? undefined, placeholderData: keepPreviousData },
    ),
  );
  const hits = search.data?.pages.flatMap((page) => page.data);
  return (
    <>
      <ErrorNotice error={search.error ?? undefined} />
      {search.isPending ? <p className="hint">Searching…</p> : null}
      {hits && hits.length === 0 ? (
        <p className="empty">
          {query
            ? `Nothing in the catalogue matches “${query}”${filters.category || year || filters.type ? ' with these filters' : ''}. Check the spelling, or clear the filters.`
            : 'No title matches these filters.'}
        </p>
      ) : null}
      <ul className="video-list" aria-label="Search results">
        {hits?.map((hit) => (
          <li key={`${hit.type}-${hit.id}`} className="video-row search-hit">
            <div className="video-info">
              <Link to={hit.type === 'series' ? `/series/${hit.id}` : `/videos/${hit.id}`} className="video-title">
                {hit.title}
              </Link>
              <div className="video-meta">
                <span className="badge">
                  {hit.episode ? `Episode · ${hit.episode.seriesTitle} S${hit.episode.seasonNumber}E${hit.episode.episodeNumber}` : hit.type === 'series' ? 'Series' : 'Film'}
                </span>
                {hit.status ? <span className={`badge badge-${hit.status}`}>{STATUS_LABELS[hit.status as VideoStatus] ?? hit.status}</span> : null}
                {hit.releaseYear !== null ? <span>{hit.releaseYear}</span> : null}
                {hit.categories.length > 0 ? <span>{hit.categories.join(', ')}</span> : null}
              </div>
              {hit.description ? <p className="hint">{hit.description.length > 160 ? `${hit.description.slice(0, 160)}…` : hit.description}</p> : null}
            </div>
          </li>
        ))}
      </ul>
      <ShowMoreButton pages={search} />
    </>
  );
}
