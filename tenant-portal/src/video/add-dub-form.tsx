// "Add a dub": an audio file for a language, sent in parts like a video's source (replace-source-panel.tsx), then
// encoded into an audio rendition the player's audio menu lists. The list above it shows the dub's state.
import { LANGUAGE_TAG_PATTERN } from '@ott/contracts';
import { PartUrlPool, sendParts } from '@ott/upload-client';
import { useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { errorMessage } from '../api/api-error.js';
import { TextField } from '../components/text-field.js';
import { useTRPC, useTRPCClient } from '../api/trpc.js';
import { putPartWithXhr } from '../upload/put-part.js';
import { inPortalWords } from '../upload/upload-error.js';

export function AddDubForm({ videoId }: { videoId: string }) {
  const id = useId();
  const trpc = useTRPC();
  const client = useTRPCClient();
  const queryClient = useQueryClient();
  const [language, setLanguage] = useState('');
  const [name, setName] = useState('');
  const [file, setFile] = useState<File | undefined>();
  const [sending, setSending] = useState<{ sent: number; size: number } | undefined>();
  const [error, setError] = useState<string | undefined>();

  const add = async (dub: File) => {
    setError(undefined);
    setSending({ sent: 0, size: dub.size });
    try {
      const ticket = await client.audioTracks.addDub.mutate({ videoId, filename: dub.name, size: dub.size, language: language.trim(), ...(name.trim() ? { name: name.trim() } : {}) });
      await sendParts({
        plan: { size: dub.size, partSize: ticket.partSize, partCount: ticket.partCount },
        partNumbers: ticket.parts.map((part) => part.partNumber),
        urls: new PartUrlPool(ticket, (partNumbers) => client.audioTracks.dubPartUrls.mutate({ videoId, trackId: ticket.trackId, partNumbers }), Date.now),
        put: ({ url, range, signal, onProgress }) => putPartWithXhr({ url, body: dub.slice(range.start, range.start + range.length), signal, onProgress }),
        onBytes: (delta) => setSending((current) => current && { ...current, sent: current.sent + delta }),
      });
      await client.audioTracks.completeDub.mutate({ videoId, trackId: ticket.trackId });
      setLanguage('');
      setName('');
      setFile(undefined);
    } catch (caught) {
      setError(errorMessage(inPortalWords(caught)));
    } finally {
      setSending(undefined);
      await queryClient.invalidateQueries({ queryKey: trpc.audioTracks.list.queryKey({ videoId }) });
    }
  };

  const languageProblem = language.trim() && !LANGUAGE_TAG_PATTERN.test(language.trim()) ? 'Not a language tag: give one such as fr, es or pt-BR.' : undefined;
  return (
    <form
      className="add-dub"
      aria-labelledby={`${id}-title`}
      onSubmit={(event) => {
        event.preventDefault();
        if (file && !languageProblem) void add(file);
      }}
    >
      <h3 id={`${id}-title`}>Add a dub</h3>
      <p className="hint">
        An audio file for a language (WAV, FLAC, MP3, M4A, Ogg, or a video whose sound is the dub). Viewers choose it in the player’s audio menu; a dub longer than the video is cut to it.
      </p>
      <TextField label="Language" value={language} onChange={setLanguage} placeholder="fr" required disabled={sending !== undefined} hint={languageProblem ?? 'a tag such as fr, es or pt-BR'} />
      <TextField label="Name in the audio menu (optional)" value={name} onChange={setName} placeholder="Français" disabled={sending !== undefined} />
      <p>
        <label htmlFor={`${id}-file`}>Dub file</label>
        <input id={`${id}-file`} type="file" accept="audio/*,video/*" required disabled={sending !== undefined} onChange={(event) => setFile(event.target.files?.[0])} />
      </p>
      <button type="submit" disabled={sending !== undefined || !file || !language.trim() || languageProblem !== undefined}>
        Add the dub
      </button>
      {sending ? <p role="status">Uploading the dub… {Math.round((sending.sent / Math.max(1, sending.size)) * 100)}%</p> : null}
      {error ? <p role="alert">{error}</p> : null}
    </form>
  );
}
