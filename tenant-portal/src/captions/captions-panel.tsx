// The video page's captions section: the tracks (automatic ones marked), a form to upload a WebVTT or SRT file, remove,
// make default, and the caption editor for one track at a time.
import type { TextTrackKind, TextTrackSummary } from '@ott/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTRPC } from '../api/trpc.js';
import { ConfirmButton } from '../components/confirm-button.js';
import { ErrorNotice } from '../components/error-notice.js';
import { TextField } from '../components/text-field.js';
import { AutomaticCaptionsButton } from './automatic-captions-button.js';
import { CaptionEditor } from './caption-editor.js';
import { CAPTION_FILE_EXTENSIONS, captionFileProblem } from './caption-editing.js';

const ORIGIN_NAMES: Record<TextTrackSummary['origin'], string> = { uploaded: 'Uploaded', embedded: 'From the source file', automatic: 'Automatic (speech to text)' };

export function CaptionsPanel({ videoId }: { videoId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  // While speech to text runs, the list is asked again until its automatic track is ready or failed.
  const tracks = useQuery({ ...trpc.captions.list.queryOptions({ videoId }), refetchInterval: (query) => (query.state.data?.some((track) => track.status === 'processing') ? 3000 : false) });
  const refresh = () => void queryClient.invalidateQueries({ queryKey: trpc.captions.list.queryKey({ videoId }) });
  const remove = useMutation(trpc.captions.remove.mutationOptions({ onSuccess: refresh }));
  const update = useMutation(trpc.captions.update.mutationOptions({ onSuccess: refresh }));
  const [editing, setEditing] = useState<string | undefined>();
  const list = tracks.data ?? [];
  return (
    <section className="panel" aria-labelledby="captions-title">
      <h2 id="captions-title">Captions and subtitles</h2>
      <ErrorNotice error={tracks.error ?? remove.error ?? update.error} />
      {list.length === 0 ? (
        <p className="hint">No caption tracks yet. Upload a WebVTT or SRT file below.</p>
      ) : (
        <div className="table-scroll">
          <table>
            <caption className="visually-hidden">Caption tracks</caption>
            <thead>
              <tr>
                <th scope="col">Label</th>
                <th scope="col">Language</th>
                <th scope="col">Kind</th>
                <th scope="col">Origin</th>
                <th scope="col">Cues</th>
                <th scope="col">Default</th>
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              {list.map((track) => (
                <tr key={track.id}>
                  <th scope="row">
                    {track.label}
                    {track.origin === 'automatic' ? <span className="badge"> automatic</span> : null}
                    {track.status === 'processing' ? <span className="hint"> (being made…)</span> : null}
                    {track.status === 'failed' ? <span className="notice-error"> Failed: {track.failureReason}</span> : null}
                  </th>
                  <td>{track.language}</td>
                  <td>{track.kind}</td>
                  <td>{ORIGIN_NAMES[track.origin]}</td>
                  <td>{track.cueCount}</td>
                  <td>
                    {track.isDefault ? (
                      'Default'
                    ) : (
                      <button type="button" disabled={update.isPending} onClick={() => update.mutate({ videoId, trackId: track.id, isDefault: true })}>
                        Make default
                      </button>
                    )}
                  </td>
                  <td>
                    <button type="button" onClick={() => setEditing(editing === track.id ? undefined : track.id)} aria-expanded={editing === track.id}>
                      {editing === track.id ? 'Close editor' : 'Edit cues'}
                    </button>{' '}
                    <ConfirmButton
                      label="Remove"
                      question={`Remove ${track.label}? Viewers stop seeing it at once.`}
                      confirmLabel="Remove track"
                      busy={remove.isPending}
                      onConfirm={() => {
                        if (editing === track.id) setEditing(undefined);
                        remove.mutate({ videoId, trackId: track.id });
                      }}
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {editing ? <CaptionEditor key={editing} videoId={videoId} trackId={editing} onSaved={refresh} /> : null}
      <CaptionUploadForm videoId={videoId} onUploaded={refresh} />
      <AutomaticCaptionsButton videoId={videoId} onRequested={refresh} />
    </section>
  );
}

function CaptionUploadForm({ videoId, onUploaded }: { videoId: string; onUploaded: () => void }) {
  const id = useId();
  const trpc = useTRPC();
  const [file, setFile] = useState<File | undefined>();
  const [language, setLanguage] = useState('en');
  const [label, setLabel] = useState('');
  const [kind, setKind] = useState<TextTrackKind>('subtitles');
  const [problem, setProblem] = useState<string | undefined>();
  const upload = useMutation(
    trpc.captions.upload.mutationOptions({
      onSuccess: () => {
        setFile(undefined);
        setLabel('');
        onUploaded();
      },
    }),
  );
  return (
    <form
      className="caption-upload"
      onSubmit={(event) => {
        event.preventDefault();
        if (!file) return setProblem('Choose a .vtt or .srt file first.');
        const refusal = captionFileProblem(file);
        if (refusal) return setProblem(refusal);
        setProblem(undefined);
        void file.text().then((content) => upload.mutate({ videoId, content, language, kind, ...(label.trim() ? { label: label.trim() } : {}) }));
      }}
    >
      <h3>Upload captions</h3>
      <div className="field">
        <label htmlFor={`${id}-file`}>Caption file</label>
        <input
          id={`${id}-file`}
          type="file"
          accept={CAPTION_FILE_EXTENSIONS.join(',')}
          onChange={(event) => {
            const chosen = event.target.files?.[0];
            setFile(chosen);
            setProblem(chosen ? captionFileProblem(chosen) : undefined);
          }}
        />
        <small className="hint">WebVTT (.vtt) or SubRip (.srt), up to 2 MB.</small>
      </div>
      <TextField label="Language" value={language} onChange={setLanguage} hint="A language tag: en, fr, pt-BR." required maxLength={35} />
      <TextField label="Label" value={label} onChange={setLabel} hint="Shown in the player's captions menu; the language's name when left empty." maxLength={80} />
      <div className="field">
        <label htmlFor={`${id}-kind`}>Kind</label>
        <select id={`${id}-kind`} value={kind} onChange={(event) => setKind(event.target.value === 'captions' ? 'captions' : 'subtitles')}>
          <option value="subtitles">Subtitles (the dialogue)</option>
          <option value="captions">Captions (dialogue and sounds)</option>
        </select>
      </div>
      {problem ? (
        <p className="notice notice-error" role="alert">
          {problem}
        </p>
      ) : null}
      <ErrorNotice error={upload.error} />
      <button type="submit" disabled={upload.isPending || problem !== undefined}>
        {upload.isPending ? 'Uploading…' : 'Upload'}
      </button>
    </form>
  );
}
