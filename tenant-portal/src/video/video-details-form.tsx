import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import type { AccessMode, VideoDetails } from '../api/api-types.js';
import { useTRPC } from '../api/trpc.js';
import { ErrorNotice } from '../components/error-notice.js';
import { TextField } from '../components/text-field.js';
import { useToaster } from '../toast/toasts.js';

const ACCESS_MODES: { value: AccessMode; label: string }[] = [
  { value: 'public', label: 'Public — anyone with the embed can watch' },
  { value: 'viewers', label: 'Viewers — only your signed-in viewers' },
  { value: 'token', label: 'Token — only with a token your backend signs' },
];

const ACCESS_SAVED: Record<AccessMode, string> = {
  public: 'anyone with the embed can watch.',
  viewers: 'only your signed-in viewers can watch.',
  token: 'only viewers with a token your backend signs can watch.',
};

export function VideoDetailsForm({ video }: { video: VideoDetails }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const id = useId();
  const [title, setTitle] = useState(video.title);
  const [description, setDescription] = useState(video.description);
  const [accessMode, setAccessMode] = useState<AccessMode>(video.accessMode);
  const toaster = useToaster();
  const save = useMutation(
    trpc.videos.update.mutationOptions({
      onSuccess: (_, input) => {
        toaster.show(input.accessMode === video.accessMode ? 'Details saved.' : `Details saved: ${ACCESS_SAVED[input.accessMode ?? video.accessMode]}`);
        return queryClient.invalidateQueries({ queryKey: trpc.videos.pathKey() });
      },
    }),
  );
  const changed = title !== video.title || description !== video.description || accessMode !== video.accessMode;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate({ videoId: video.id, title, description, accessMode });
  };
  return (
    <form className="panel" onSubmit={submit} aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Details</h2>
      <TextField label="Title" value={title} onChange={setTitle} required maxLength={200} />
      <div className="field">
        <label htmlFor={`${id}-description`}>Description</label>
        <textarea id={`${id}-description`} value={description} onChange={(event) => setDescription(event.target.value)} rows={3} maxLength={5000} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-access`}>Who can watch</label>
        <select id={`${id}-access`} value={accessMode} onChange={(event) => setAccessMode(event.target.value as AccessMode)}>
          {ACCESS_MODES.map((mode) => (
            <option key={mode.value} value={mode.value}>
              {mode.label}
            </option>
          ))}
        </select>
      </div>
      <ErrorNotice error={save.error ?? undefined} />
      <p className="actions">
        <button type="submit" className="primary" disabled={!changed || save.isPending}>
          {save.isPending ? 'Saving…' : 'Save changes'}
        </button>
      </p>
    </form>
  );
}
