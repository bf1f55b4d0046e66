// The video page's chapters: rows of start time and title, added, removed or pasted from a list (a YouTube
// description works), checked while typing and saved together. Players show them as seek-bar markers and a menu.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { formatChapterTime, parseChapterList, type Chapter } from '@ott/contracts';
import { useId, useState, type FormEvent } from 'react';
import { useTRPC } from '../api/trpc.js';
import { ErrorNotice } from '../components/error-notice.js';
import { useToaster } from '../toast/toasts.js';
import { checkRows, rowsOf, type ChapterRow } from './chapter-rows.js';

export function ChaptersEditor({ videoId, durationSeconds }: { videoId: string; durationSeconds: number | null }) {
  const trpc = useTRPC();
  const saved = useQuery(trpc.chapters.get.queryOptions({ videoId }));
  const id = useId();
  return (
    <section className="panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Chapters</h2>
      {saved.data ? <ChapterRowsForm key={JSON.stringify(saved.data)} videoId={videoId} durationSeconds={durationSeconds} saved={saved.data} /> : <ErrorNotice error={saved.error ?? undefined} />}
    </section>
  );
}

function ChapterRowsForm({ videoId, durationSeconds, saved }: { videoId: string; durationSeconds: number | null; saved: Chapter[] }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toaster = useToaster();
  const id = useId();
  const [rows, setRows] = useState<ChapterRow[]>(() => rowsOf(saved));
  const [nextKey, setNextKey] = useState(saved.length);
  const [pasted, setPasted] = useState('');
  const [pasteProblem, setPasteProblem] = useState<string | undefined>();
  const save = useMutation(
    trpc.chapters.set.mutationOptions({
      onSuccess: (kept) => {
        toaster.show(kept.length === 0 ? 'Chapters removed.' : `${kept.length} chapter${kept.length === 1 ? '' : 's'} saved.`);
        return queryClient.invalidateQueries({ queryKey: trpc.chapters.get.queryKey({ videoId }) });
      },
    }),
  );
  const check = checkRows(rows, durationSeconds);
  const problems = check.ok ? new Map<number, string>() : check.problems;
  const changed = JSON.stringify(check.ok ? check.chapters : rows) !== JSON.stringify(saved);

  const update = (key: number, change: Partial<ChapterRow>) => setRows((current) => current.map((row) => (row.key === key ? { ...row, ...change } : row)));
  const add = () => {
    const last = check.ok ? check.chapters[check.chapters.length - 1] : undefined;
    setRows((current) => [...current, { key: nextKey, time: last ? formatChapterTime(last.startSeconds + 10) : current.length === 0 ? '0:00' : '', title: '' }]);
    setNextKey((key) => key + 1);
  };
  const usePasted = () => {
    const parsed = parseChapterList(pasted);
    if (!parsed.ok) return setPasteProblem(parsed.message);
    setPasteProblem(undefined);
    setPasted('');
    setRows(rowsOf(parsed.chapters, nextKey));
    setNextKey((key) => key + parsed.chapters.length);
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (check.ok) save.mutate({ videoId, chapters: check.chapters });
  };

  return (
    <form onSubmit={submit} className="chapters-editor">
      {rows.length === 0 ? <p className="hint">No chapters. Add them one by one, or paste a list below.</p> : null}
      <ol className="chapter-rows">
        {rows.map((row, index) => (
          <li key={row.key}>
            <input aria-label={`Chapter ${index + 1} start`} className="chapter-time" value={row.time} placeholder="0:00" onChange={(event) => update(row.key, { time: event.target.value })} />
            <input aria-label={`Chapter ${index + 1} title`} value={row.title} placeholder="Title" maxLength={400} onChange={(event) => update(row.key, { title: event.target.value })} />
            <button type="button" onClick={() => setRows((current) => current.filter((other) => other.key !== row.key))} aria-label={`Remove chapter ${index + 1}`}>
              Remove
            </button>
            {problems.has(row.key) ? <small className="error-text">{problems.get(row.key)}</small> : null}
          </li>
        ))}
      </ol>
      <p className="actions">
        <button type="button" onClick={add}>
          Add a chapter
        </button>
      </p>
      <div className="field">
        <label htmlFor={`${id}-paste`}>Paste a list</label>
        <textarea id={`${id}-paste`} rows={3} value={pasted} placeholder={'00:00 Intro\n01:30 The problem'} onChange={(event) => setPasted(event.target.value)} />
        <small className="hint">One chapter a line, its time first; a YouTube description works as it is.</small>
        {pasteProblem ? <small className="error-text">{pasteProblem}</small> : null}
        <p className="actions">
          <button type="button" onClick={usePasted} disabled={pasted.trim() === ''}>
            Replace the rows with this list
          </button>
        </p>
      </div>
      <ErrorNotice error={save.error ?? undefined} />
      <p className="actions">
        <button type="submit" className="primary" disabled={!changed || !check.ok || save.isPending}>
          {save.isPending ? 'Saving…' : 'Save chapters'}
        </button>
      </p>
    </form>
  );
}
