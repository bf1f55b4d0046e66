// The <video>'s captions: its text tracks of kind subtitles or captions (chapters, descriptions and metadata
// tracks are not for the viewer to pick), indexed in that filtered order.
import type { CaptionTrack } from '../events.js';
import type { PlayerMessages } from '../i18n/player-messages.js';

/** A track with neither label nor language is named by its number, in the player's language. */
export function captionTracks(video: HTMLVideoElement, messages: PlayerMessages): CaptionTrack[] {
  return textTracks(video).map((track, index) => ({ index, label: track.label || track.language || messages.captionsTrack(index + 1), language: track.language }));
}

/** The index of the captions showing, or -1. */
export function captionsIndex(video: HTMLVideoElement): number {
  return textTracks(video).findIndex((track) => track.mode === 'showing');
}

/** Shows the captions at `index`, or none with -1. */
export function showCaptions(video: HTMLVideoElement, index: number): void {
  textTracks(video).forEach((track, position) => (track.mode = position === index ? 'showing' : 'disabled'));
}

function textTracks(video: HTMLVideoElement): TextTrack[] {
  const list = video.textTracks as TextTrackList | undefined;
  return list ? [...list].filter((track) => track.kind === 'subtitles' || track.kind === 'captions') : [];
}
