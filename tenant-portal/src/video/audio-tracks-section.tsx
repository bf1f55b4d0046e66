// The video's audio languages (the source's tracks, then dubs) and what the source had that the package does not
// carry (a subtitle track made of pictures, an audio track in a codec we cannot decode), with what to do about it.
import type { AudioTrackSummary, MediaNote } from '@ott/contracts';

export function AudioTracksSection({ audioTracks, mediaNotes }: { audioTracks: readonly AudioTrackSummary[]; mediaNotes: readonly MediaNote[] }) {
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
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
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
