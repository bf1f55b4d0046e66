// "Replace the source": a new file for a ready video, keeping its id so every embed and link goes on working. The
// current version plays until the new one is ready; progress covers the upload, then the transcode.
import { PartUrlPool, sendParts } from '@ott/upload-client';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState } from 'react';
import { errorMessage } from '../api/api-error.js';
import { useTRPC, useTRPCClient } from '../api/trpc.js';
import { useToaster } from '../toast/toasts.js';
import { putPartWithXhr } from '../upload/put-part.js';
import { inPortalWords } from '../upload/upload-error.js';

const POLL_MS = 1500;

export function ReplaceSourcePanel({ videoId }: { videoId: string }) {
  const id = useId();
  const trpc = useTRPC();
  const client = useTRPCClient();
  const queryClient = useQueryClient();
  const toaster = useToaster();
  const [sending, setSending] = useState<{ sent: number; size: number } | undefined>();
  const [error, setError] = useState<string | undefined>();
  const video = useQuery(trpc.videos.get.queryOptions({ videoId }, { refetchInterval: (query) => (isReplacing(query.state.data?.replacement?.status) ? POLL_MS : false) })).data;
  const replacement = video?.replacement ?? null;
  const wasReplacing = useRef(false);

  useEffect(() => {
    const replacing = isReplacing(replacement?.status);
    if (wasReplacing.current && replacement === null) toaster.show('Source replaced');
    wasReplacing.current = replacing;
  }, [replacement, toaster]);

  const replace = async (file: File) => {
    setError(undefined);
    setSending({ sent: 0, size: file.size });
    try {
      const ticket = await client.videos.createReplacementUpload.mutate({ videoId, filename: file.name, size: file.size });
      await sendParts({
        plan: { size: file.size, partSize: ticket.partSize, partCount: ticket.partCount },
        partNumbers: ticket.parts.map((part) => part.partNumber),
        urls: new PartUrlPool(ticket, (partNumbers) => client.videos.replacementPartUrls.mutate({ videoId, partNumbers }), Date.now),
        put: ({ url, range, signal, onProgress }) => putPartWithXhr({ url, body: file.slice(range.start, range.start + range.length), signal, onProgress }),
        onBytes: (delta) => setSending((current) => current && { ...current, sent: current.sent + delta }),
      });
      await client.videos.completeReplacementUpload.mutate({ videoId });
      wasReplacing.current = true;
      await queryClient.invalidateQueries({ queryKey: trpc.videos.get.queryKey({ videoId }) });
    } catch (caught) {
      setError(errorMessage(inPortalWords(caught)));
    } finally {
      setSending(undefined);
    }
  };

  const busy = sending !== undefined || isReplacing(replacement?.status);
  return (
    <section className="panel replace-source" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Replace the source</h2>
      <p className="hint">Upload a new file for this video. It keeps its address, so every embed and link plays the new version once it is ready; the current version plays until then.</p>
      <p>
        <label htmlFor={`${id}-file`}>New source file</label>
        <input
          id={`${id}-file`}
          type="file"
          accept="video/*"
          disabled={busy}
          onChange={(event) => {
            const file = event.target.files?.[0];
            event.target.value = '';
            if (file) void replace(file);
          }}
        />
      </p>
      {busy ? <p role="status">Replacing… {percent(sending ? (sending.sent / Math.max(1, sending.size)) * 0.5 : 0.5 + (replacement?.progress ?? 0) * 0.5)}</p> : null}
      {error ? <p role="alert">{error}</p> : null}
      {!busy && replacement?.status === 'failed' ? <p role="alert">{replacement.failureReason}</p> : null}
    </section>
  );
}

function isReplacing(status: string | undefined): boolean {
  return status === 'uploading' || status === 'queued' || status === 'processing';
}

function percent(fraction: number): string {
  return `${Math.round(Math.min(1, Math.max(0, fraction)) * 100)}%`;
}
