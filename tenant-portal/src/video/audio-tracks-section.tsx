// The video's audio languages (the source's tracks, then dubs) and what the source had that the package does not
// carry (a subtitle track made of pictures, an audio track in a codec we cannot decode), with what to do about it.
// The list is polled while a dub is being encoded; a dub can be removed, and new ones added below it.
import type { AudioTrackSummary, MediaNote } from '@ott/contracts';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { errorMessage } from '../api/api-error.js';
import { useTRPC, useTRPCClient } from '../api/trpc.js';
import { AddDubForm } from './add-dub-form.js';

const POLL_MS = 1500;

export function AudioTracksSection({ videoId, initialAudioTracks, mediaNotes }: { videoId: string; initialAudioTracks: AudioTrackSummary[]; mediaNotes: readonly MediaNote[] }) {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const queryClient = useQueryClient();
  const [error, setError] = useState<string | undefined>();
  const audioTracks =
    useQuery(
      trpc.audioTracks.list.queryOptions(
        { videoId },
        { initialData: initialAudioTracks, refetchInterval: (query) => (query.state.data?.some((track) => track.status === 'processing') ? POLL_MS : false) },
      ),
    ).data ?? initialAudioTracks;
  const remove = async (track: AudioTrackSummary) => {
    setError(undefined);
    try {
      await client.audioTracks.removeDub.mutate({ videoId, trackId: track.id });
    } catch (caught) {
      setError(errorMessage(caught));
    }
    await queryClient.invalidateQueries({ queryKey: trpc.audioTracks.list.queryKey({ videoId }) });
  };
  return (
    <section className="panel" aria-labelledby="audio-tracks-title">
      <h2 id="audio-tracks-title">Audio tracks</h2>
      {audioTracks.length === 0 ? (
        <p className="hint">No audio: the video is silent, or its audio appears here once transcoding finishes.</p>
      ) : (
        <div className="table-scroll">
          <table>
            <caption className="visually-hidden">Audio tracks</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Language</th>
                <th scope="col">From</th>
                <th scope="col">Channels</th>
                <th scope="col">State</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {audioTracks.map((track) => (
                <tr key={track.id}>
                  <th scope="row">
                    {track.name}
                    {track.isDefault ? ' (default)' : ''}
                  </th>
                  <td>
                    <code>{track.language}</code>
                  </td>
                  <td>{track.origin === 'source' ? 'Uploaded file' : 'Dub'}</td>
                  <td>{track.channels === 2 ? 'Stereo' : track.channels === 1 ? 'Mono' : `${track.channels} channels`}</td>
                  <td>{track.status === 'failed' ? `Failed: ${track.failureReason ?? 'unknown reason'}` : track.status === 'processing' ? 'Processing' : 'Ready'}</td>
                  <td>
                    {track.origin === 'dub' ? (
                      <button type="button" onClick={() => void remove(track)} aria-label={`Remove the dub ${track.name}`}>
                        Remove
                      </button>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {error ? <p role="alert">{error}</p> : null}
      <AddDubForm videoId={videoId} />
      {mediaNotes.length > 0 ? (
        <>
          <h3>Not carried over from the source</h3>
          <ul className="media-notes">
            {mediaNotes.map((note, index) => (
              <li key={`${note.code}-${index}`}>{note.message}</li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
