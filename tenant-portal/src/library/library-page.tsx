import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTRPC } from '../api/trpc.js';
import { ErrorNotice } from '../components/error-notice.js';
import { ShowMoreButton } from '../components/show-more-button.js';
import { useDebouncedValue } from '../components/use-debounced-value.js';
import { ProvisioningNotice } from '../tenant/provisioning-notice.js';
import { useTenant } from '../tenant/use-tenant.js';
import { useUploadManager, useUploads } from '../upload/uploads-context.js';
import { BulkActions } from './bulk-actions.js';
import { CatalogueResults } from './catalogue-results.js';
import { DropZone } from './drop-zone.js';
import { ImportFromUrl } from './import-from-url.js';
import { LibraryFilters } from './library-filters.js';
import { filtersFromSearch, searchesCatalogue, searchOfFilters, type LibraryFilterValues } from './library-url.js';
import { UploadList } from './upload-list.js';
import { VideoRow } from './video-row.js';

const PAGE = 50;
/** Transcoding progress is polled this often while any listed video is queued or processing. */
const POLL_MS = 1500;
/** The search asks the server once the typing pauses this long. */
const SEARCH_PAUSE_MS = 250;

export function LibraryPage() {
  const trpc = useTRPC();
  const tenant = useTenant();
  const uploads = useUploads();
  const manager = useUploadManager();
  const [filters, setFilters] = useState<LibraryFilterValues>(() => filtersFromSearch(window.location.search));
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const searched = useDebouncedValue(filters, SEARCH_PAUSE_MS);
  const searching = searchesCatalogue(filters);
  const changeFilters = (next: LibraryFilterValues) => {
    setFilters(next);
    setSelected(new Set());
    // Replaced, not pushed: Back leaves the library instead of stepping through every keystroke of a search.
    window.history.replaceState(window.history.state, '', `${window.location.pathname}${searchOfFilters(next)}`);
  };
  // Pages follow each other by cursor (keyset): "Show more" appends the next one; a filter change starts over.
  const list = useInfiniteQuery(
    trpc.videos.list.infiniteQueryOptions(
      { status: filters.status || undefined, access: filters.access || undefined, sort: filters.sort, limit: PAGE, withTotal: true },
      {
        enabled: !searching,
        getNextPageParam: (page) => page.nextCursor ?? undefined,
        placeholderData: keepPreviousData,
        refetchInterval: (query) => (query.state.data?.pages.some((page) => page.data.some((video) => video.status === 'queued' || video.status === 'processing')) ? POLL_MS : false),
      },
    ),
  );
  const videos = list.data?.pages.flatMap((page) => page.data);
  const total = list.data?.pages[0]?.totalCapped;
  const active = new Set(uploads.filter((item) => item.state !== 'failed' && item.state !== 'stopped').map((item) => item.videoId));
  const canUpload = tenant.data?.status === 'active';
  const listed = videos?.map((video) => video.id) ?? [];
  const chosen = listed.filter((videoId) => selected.has(videoId));
  const select = (videoIds: readonly string[], on: boolean) =>
    setSelected((current) => {
      const next = new Set(current);
      for (const videoId of videoIds) {
        if (on) next.add(videoId);
        else next.delete(videoId);
      }
      return next;
    });
  const filtered = Boolean(filters.status || filters.access);
  return (
    <section aria-labelledby="library-title">
      <h1 id="library-title">Library</h1>
      {tenant.data ? <ProvisioningNotice tenant={tenant.data} /> : null}
      <DropZone onFiles={(files) => manager.add(files)} disabled={!canUpload} disabledReason="Uploads open as soon as your workspace is set up." />
      <ImportFromUrl disabled={!canUpload} />
      <UploadList />
      <div className="library-head">
        <h2>Videos{total ? ` (${total.count.toLocaleString('en-US')}${total.more ? '+' : ''})` : ''}</h2>
        <LibraryFilters value={filters} onChange={changeFilters} />
      </div>
      {searching ? (
        <CatalogueResults filters={searched} />
      ) : (
        <>
          <ErrorNotice error={list.error ?? undefined} />
          {list.isPending ? <p className="hint">Loading videos…</p> : null}
          {videos && videos.length === 0 ? <p className="empty">{filtered ? 'No video matches these filters.' : 'No videos yet. Drop your first one above.'}</p> : null}
          {listed.length > 0 ? (
            <div className="library-select">
              <label>
                <input type="checkbox" checked={chosen.length === listed.length} onChange={(event) => select(listed, event.target.checked)} /> Select all shown
              </label>
              {chosen.length > 0 ? <BulkActions selected={chosen} onDone={(videoIds) => select(videoIds, false)} onClear={() => setSelected(new Set())} /> : null}
            </div>
          ) : null}
          <ul className="video-list" aria-label="Videos">
            {videos?.map((video) => (
              <VideoRow key={video.id} video={video} uploadingHere={active.has(video.id)} selected={selected.has(video.id)} onSelectedChange={(on) => select([video.id], on)} />
            ))}
          </ul>
          <ShowMoreButton pages={list} />
        </>
      )}
    </section>
  );
}
