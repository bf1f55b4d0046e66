// "Downloads": a switch for static MP4 files of the video (the top rendition up to 1080p and the smallest) and, once
// they are made, short-lived signed links to them (to check a file, or copy a link for a viewer).
import { formatBytes } from '@ott/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId } from 'react';
import { useTRPC } from '../api/trpc.js';
import { ErrorNotice } from '../components/error-notice.js';
import { useOptimisticSwitch } from '../components/use-optimistic-switch.js';

const POLL_MS = 2000;

export function DownloadsPanel({ videoId }: { videoId: string }) {
  const id = useId();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const downloads = useQuery(trpc.downloads.get.queryOptions({ videoId }, { refetchInterval: (query) => (query.state.data?.status === 'processing' ? POLL_MS : false) }));
  const ready = downloads.data?.status === 'ready';
  const links = useQuery(trpc.downloads.links.queryOptions({ videoId }, { enabled: ready }));
  const setEnabled = useMutation(
    trpc.downloads.setEnabled.mutationOptions({
      onSuccess: (view) => {
        queryClient.setQueryData(trpc.downloads.get.queryKey({ videoId }), view);
        void queryClient.invalidateQueries({ queryKey: trpc.downloads.links.queryKey({ videoId }) });
      },
    }),
  );
  const view = downloads.data;
  const toggle = useOptimisticSwitch(view?.enabled);
  return (
    <section className="panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Downloads</h2>
      <label className="checkbox">
        <input
          type="checkbox"
          checked={toggle.shown}
          disabled={!view || setEnabled.isPending}
          onChange={(event) => {
            toggle.choose(event.target.checked);
            setEnabled.mutate({ videoId, enabled: event.target.checked }, { onSettled: toggle.settle });
          }}
        />{' '}
        Offer MP4 downloads (the best rendition up to 1080p and the smallest; counted in storage and delivery)
      </label>
      {view?.status === 'processing' ? <p className="hint">Making the files…</p> : null}
      {view?.status === 'failed' ? <p className="error">The files could not be made: {view.failureReason}</p> : null}
      {ready && links.data ? (
        <ul className="download-links">
          {links.data.files.map((file) => (
            <li key={file.name}>
              <a href={file.url} download={file.filename}>
                {file.name}
              </a>{' '}
              {file.width}×{file.height}, {formatBytes(file.bytes)}
            </li>
          ))}
        </ul>
      ) : null}
      {ready ? <p className="hint">Links expire after a few minutes. Your backend signs them for viewers with GET /v1/videos/{'{videoId}'}/downloads/links.</p> : null}
      <ErrorNotice error={setEnabled.error ?? downloads.error ?? links.error ?? undefined} />
    </section>
  );
}
