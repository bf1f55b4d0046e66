// The caption editor: one track's cues as rows (start, end, text) to change, add and remove; each row's problem is
// shown next to it, and nothing is sent until every row is right. Saving publishes the cues to viewers at once. The
// track's transcript (the saved words with times, as the API and CLI give it) can be shown below, to copy.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTRPC } from '../api/trpc.js';
import { ErrorNotice } from '../components/error-notice.js';
import { nextRow, rowsToCues, toRows, type CueRow } from './caption-editing.js';

export function CaptionEditor({ videoId, trackId, onSaved }: { videoId: string; trackId: string; onSaved: () => void }) {
  const trpc = useTRPC();
  const loaded = useQuery(trpc.captions.cues.queryOptions({ videoId, trackId }, { staleTime: Infinity }));
  if (!loaded.data) return loaded.error ? <ErrorNotice error={loaded.error} /> : <p className="hint">Loading the cues…</p>;
  return <CueTable videoId={videoId} trackId={trackId} label={loaded.data.track.label} initial={toRows(loaded.data.cues)} onSaved={onSaved} />;
}

function CueTable({ videoId, trackId, label, initial, onSaved }: { videoId: string; trackId: string; label: string; initial: CueRow[]; onSaved: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [rows, setRows] = useState(initial);
  const [problems, setProblems] = useState<Map<number, string>>(new Map());
  const [saved, setSaved] = useState(false);
  const save = useMutation(
    trpc.captions.replaceCues.mutationOptions({
      // The rows as the server keeps them: in time order.
      onSuccess: (_track, sent) => {
        setSaved(true);
        setRows(toRows([...sent.cues].sort((a, b) => a.startSeconds - b.startSeconds)));
        void queryClient.invalidateQueries({ queryKey: trpc.captions.transcript.queryKey({ videoId, trackId }) });
        onSaved();
      },
    }),
  );
  const change = (index: number, patch: Partial<CueRow>) => {
    setSaved(false);
    setRows(rows.map((row, at) => (at === index ? { ...row, ...patch } : row)));
  };
  return (
    <section className="caption-editor" aria-label={`Caption editor: ${label}`}>
      <h3>Edit {label}</h3>
      <div className="table-scroll">
        <table>
          <thead>
            <tr>
              <th scope="col">Start</th>
              <th scope="col">End</th>
              <th scope="col">Text</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row, index) => (
              <tr key={index} aria-invalid={problems.has(index) || undefined}>
                <td>
                  <input aria-label={`Start of cue ${index + 1}`} value={row.start} size={10} onChange={(event) => change(index, { start: event.target.value })} />
                </td>
                <td>
                  <input aria-label={`End of cue ${index + 1}`} value={row.end} size={10} onChange={(event) => change(index, { end: event.target.value })} />
                </td>
                <td>
                  <textarea aria-label={`Text of cue ${index + 1}`} value={row.text} rows={2} onChange={(event) => change(index, { text: event.target.value })} />
                  {problems.has(index) ? (
                    <small className="notice notice-error" role="alert">
                      {problems.get(index)}
                    </small>
                  ) : null}
                </td>
                <td>
                  <button
                    type="button"
                    aria-label={`Remove cue ${index + 1}`}
                    onClick={() => {
                      setSaved(false);
                      setRows(rows.filter((_, at) => at !== index));
                      setProblems(new Map());
                    }}
                  >
                    Remove
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p>
        <button
          type="button"
          onClick={() => {
            setSaved(false);
            setRows([...rows, nextRow(rows)]);
          }}
        >
          Add a cue
        </button>{' '}
        <button
          type="button"
          disabled={save.isPending}
          onClick={() => {
            const result = rowsToCues(rows);
            if ('problems' in result) return setProblems(result.problems);
            setProblems(new Map());
            save.mutate({ videoId, trackId, cues: result.cues });
          }}
        >
          {save.isPending ? 'Saving…' : 'Save cues'}
        </button>
      </p>
      {saved ? (
        <p className="notice" role="status">
          Saved: viewers get the new cues now.
        </p>
      ) : null}
      <ErrorNotice error={save.error} />
      <Transcript videoId={videoId} trackId={trackId} label={label} />
    </section>
  );
}

/** The saved cues as plain text with times, one a line; fetched when first shown. */
function Transcript({ videoId, trackId, label }: { videoId: string; trackId: string; label: string }) {
  const trpc = useTRPC();
  const [shown, setShown] = useState(false);
  const transcript = useQuery(trpc.captions.transcript.queryOptions({ videoId, trackId }, { enabled: shown }));
  return (
    <div className="caption-transcript">
      <button type="button" aria-expanded={shown} onClick={() => setShown(!shown)}>
        {shown ? 'Hide transcript' : 'Show transcript'}
      </button>
      {shown && transcript.data ? (
        // Focusable so a keyboard can scroll a long one.
        <pre role="region" aria-label={`Transcript of ${label}`} tabIndex={0}>
          {transcript.data.text || 'No words in this track yet.'}
        </pre>
      ) : null}
      {shown && !transcript.data && !transcript.error ? <p className="hint">Loading the transcript…</p> : null}
      {shown ? <ErrorNotice error={transcript.error} /> : null}
    </div>
  );
}
