// "Make a clip": a new video from a time range of this one (start and end in seconds, or m:ss). The range is checked
// here for what the page knows (a number, end after start, within the video) and by the server for the rest.
import { MIN_CLIP_SECONDS, parseClipTime } from '@ott/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { useTRPC } from '../api/trpc.js';
import { ErrorNotice } from '../components/error-notice.js';
import { TextField } from '../components/text-field.js';
import { Link } from '../routing/link.js';

export function MakeClipForm({ videoId, durationSeconds }: { videoId: string; durationSeconds: number }) {
  const id = useId();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [start, setStart] = useState('0');
  const [end, setEnd] = useState(String(Math.min(durationSeconds, 30)));
  const [title, setTitle] = useState('');
  const create = useMutation(trpc.clips.create.mutationOptions({ onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.videos.list.pathKey() }) }));
  const startSeconds = parseClipTime(start);
  const endSeconds = parseClipTime(end);
  const problem =
    startSeconds === undefined || endSeconds === undefined
      ? 'Write times as seconds (75.5) or m:ss (1:15).'
      : endSeconds > durationSeconds
        ? `The video is ${durationSeconds.toFixed(1)} s long: end the clip at or before that.`
        : endSeconds - startSeconds < MIN_CLIP_SECONDS
          ? `End the clip at least ${MIN_CLIP_SECONDS} s after its start.`
          : undefined;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (problem || startSeconds === undefined || endSeconds === undefined) return;
    create.mutate({ videoId, startSeconds, endSeconds, ...(title.trim() ? { title: title.trim() } : {}) });
  };
  return (
    <section className="panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Make a clip</h2>
      <form onSubmit={submit} className="clip-form">
        <TextField label="Start" value={start} onChange={setStart} inputMode="decimal" hint="seconds or m:ss" />
        <TextField label="End" value={end} onChange={setEnd} inputMode="decimal" hint="seconds or m:ss" />
        <TextField label="Title (optional)" value={title} onChange={setTitle} maxLength={200} />
        <button type="submit" disabled={problem !== undefined || create.isPending}>
          {create.isPending ? 'Making…' : 'Make clip'}
        </button>
      </form>
      {problem && start !== '' && end !== '' ? <p className="hint">{problem}</p> : null}
      {create.data ? (
        <p>
          Clip queued: <Link to={`/videos/${create.data.id}`}>{create.data.title}</Link>
        </p>
      ) : null}
      <ErrorNotice error={create.error ?? undefined} />
    </section>
  );
}
