// Draws the chosen captions in the shadow DOM instead of leaving them to the browser: its rendering sits under the
// control bar, and neither the viewer's size and background nor a tenant's `--ott-captions-*` variables reach it.
// The chosen track is kept in mode 'hidden' (cues load and turn active, nothing is painted) and its active cues are
// copied here on every cuechange.
import { captionTextTracks } from '../media/caption-tracks.js';

export function drawCaptions(video: HTMLVideoElement, box: HTMLElement, signal: AbortSignal): void {
  const draw = () => {
    const track = captionTextTracks(video).find((candidate) => candidate.mode !== 'disabled');
    if (track?.mode === 'showing') track.mode = 'hidden';
    const cues = track?.activeCues ? [...track.activeCues] : [];
    box.replaceChildren(
      ...cues.map((cue) => {
        const line = box.ownerDocument.createElement('span');
        // getCueAsHTML keeps <i>, <b> and voices as DOM nodes, never as markup: cue text cannot inject HTML.
        line.append('getCueAsHTML' in cue ? (cue as VTTCue).getCueAsHTML() : '');
        return line;
      }),
    );
  };
  const tracks = video.textTracks as TextTrackList | undefined;
  tracks?.addEventListener('addtrack', (event) => event.track?.addEventListener('cuechange', draw, { signal }), { signal });
  tracks?.addEventListener('change', draw, { signal });
}
