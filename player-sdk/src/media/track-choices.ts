// What the viewer may choose among a stream's tracks, and what that choice shows: forced subtitles are never
// offered but show, with captions off, when their language is the audio's; an automatic transcript says so.
import type { StreamTrack } from '../engine/playback-engine.js';
import type { AudioTrack, CaptionTrack } from '../events.js';
import type { PlayerMessages } from '../i18n/player-messages.js';

export interface CaptionChoice {
  track: CaptionTrack;
  /** Its index among the stream's text tracks (forced ones included). */
  streamIndex: number;
}

/** How the platform names a speech-to-text track ("English (automatic)"); the player says it in its own language. */
const AUTOMATIC = /\s*\(automatic\)\s*$/i;

export function captionChoices(tracks: readonly StreamTrack[], messages: PlayerMessages): CaptionChoice[] {
  const choices: CaptionChoice[] = [];
  tracks.forEach(({ name, language, forced }, streamIndex) => {
    if (forced) return;
    const index = choices.length;
    const automatic = AUTOMATIC.test(name);
    const label = name.replace(AUTOMATIC, '') || language || messages.captionsTrack(index + 1);
    choices.push({ streamIndex, track: { index, label: automatic ? messages.captionsAutomatic(label) : label, language, automatic } });
  });
  return choices;
}

export function audioTrackList(tracks: readonly StreamTrack[], messages: PlayerMessages): AudioTrack[] {
  return tracks.map(({ name, language }, index) => ({ index, label: name || language || messages.audioTrack(index + 1), language }));
}

/** The stream's text track to show for the captions chosen (-1: off, where a forced track of the audio's language shows). */
export function textTrackToShow(choices: readonly CaptionChoice[], chosen: number, tracks: readonly StreamTrack[], audioLanguage: string | undefined): number {
  if (chosen >= 0) return choices[chosen]?.streamIndex ?? -1;
  return audioLanguage ? tracks.findIndex((track) => track.forced && sameLanguage(track.language, audioLanguage)) : -1;
}

/** The captions to restore from a remembered choice ("off", or a language: a human-made track before an automatic one). */
export function rememberedCaptions(choices: readonly CaptionChoice[], remembered: string | undefined): number | undefined {
  if (remembered === 'off') return -1;
  const matching = choices.filter(({ track }) => sameLanguage(track.language, remembered));
  return (matching.find(({ track }) => !track.automatic) ?? matching[0])?.track.index;
}

/** Same primary language: a viewer who chose `en` wants `en-GB` over nothing. */
export function sameLanguage(a: string, b: string | undefined): boolean {
  return !!a && !!b && a.split('-')[0]?.toLowerCase() === b.split('-')[0]?.toLowerCase();
}
