import { keepPreviousData, useQuery } from '@tanstack/react-query';
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
  const [limit, setLimit] = useState(PAGE);
  const search = useDeferredValue(filters.search.trim());
  const list = useQuery(
    trpc.videos.list.queryOptions(
      { search: search || undefined, sort: filters.sort, limit, offset: 0 },
      {
        placeholderData: keepPreviousData,
        refetchInterval: (query) => (query.state.data?.videos.some((video) => video.status === 'queued' || video.status === 'processing') ? POLL_MS : false),
      },
    ),
  );
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
        <h2>Videos{list.data ? ` (${list.data.total})` : ''}</h2>
        <LibraryFilters
          value={filters}
          onChange={(next) => {
            setFilters(next);
            setLimit(PAGE);
          }}
        />
      </div>
      <ErrorNotice error={list.error ?? undefined} />
      {list.isPending ? <p className="hint">Loading videos…</p> : null}
      {list.data && list.data.videos.length === 0 ? <p className="empty">{search ? `No video title contains “${search}”.` : 'No videos yet. Drop your first one above.'}</p> : null}
      <ul className="video-list" aria-label="Videos">
        {list.data?.videos.map((video) => (
          <VideoRow key={video.id} video={video} uploadingHere={active.has(video.id)} />
        ))}
      </ul>
      {list.data && list.data.total > list.data.videos.length && limit < 200 ? (
        <button type="button" onClick={() => setLimit((current) => Math.min(200, current + PAGE))}>
          Show more
        </button>
      ) : null}
    </section>
  );
}
