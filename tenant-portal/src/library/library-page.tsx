import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { useDeferredValue, useState } from 'react';
import { useTRPC } from '../api/trpc.js';
import { ErrorNotice } from '../components/error-notice.js';
import { ProvisioningNotice } from '../tenant/provisioning-notice.js';
import { useTenant } from '../tenant/use-tenant.js';
import { useUploadManager, useUploads } from '../upload/uploads-context.js';
import { DropZone } from './drop-zone.js';
import { ImportFromUrl } from './import-from-url.js';
import { LibraryFilters, type LibraryFilterValues } from './library-filters.js';
import { UploadList } from './upload-list.js';
import { VideoRow } from './video-row.js';

const PAGE = 50;
/** Transcoding progress is polled this often while any listed video is queued or processing. */
const POLL_MS = 1500;

export function LibraryPage() {
  const trpc = useTRPC();
  const tenant = useTenant();
  const uploads = useUploads();
  const manager = useUploadManager();
  const [filters, setFilters] = useState<LibraryFilterValues>({ search: '', sort: 'newest' });
  const search = useDeferredValue(filters.search.trim());
  // Pages follow each other by cursor (keyset): "Show more" appends the next one; a filter change starts over.
  const list = useInfiniteQuery(
    trpc.videos.list.infiniteQueryOptions(
      { search: search || undefined, sort: filters.sort, limit: PAGE, withTotal: true },
      {
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
  return (
    <section aria-labelledby="library-title">
      <h1 id="library-title">Library</h1>
      {tenant.data ? <ProvisioningNotice tenant={tenant.data} /> : null}
      <DropZone onFiles={(files) => manager.add(files)} disabled={!canUpload} disabledReason="Uploads open as soon as your workspace is set up." />
      <ImportFromUrl disabled={!canUpload} />
      <UploadList />
      <div className="library-head">
        <h2>Videos{total ? ` (${total.count.toLocaleString('en-US')}${total.more ? '+' : ''})` : ''}</h2>
        <LibraryFilters value={filters} onChange={setFilters} />
      </div>
      <ErrorNotice error={list.error ?? undefined} />
      {list.isPending ? <p className="hint">Loading videos…</p> : null}
      {videos && videos.length === 0 ? <p className="empty">{search ? `No video title contains “${search}”.` : 'No videos yet. Drop your first one above.'}</p> : null}
      <ul className="video-list" aria-label="Videos">
        {videos?.map((video) => (
          <VideoRow key={video.id} video={video} uploadingHere={active.has(video.id)} />
        ))}
      </ul>
      {list.hasNextPage ? (
        <button type="button" disabled={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()}>
          {list.isFetchingNextPage ? 'Loading…' : 'Show more'}
        </button>
      ) : null}
    </section>
  );
}
