// What the player needs from whatever feeds the <video>: hls.js over Media Source Extensions, or the
// browser's own HLS (Safari). The player's grant keeper owns the grant; an engine asks for it on every request.
import type { PlaybackGrant } from '../authorize/playback-grant.js';
import type { PlayerError } from '../errors.js';
import type { Quality } from '../events.js';
import type { PlayerMessages } from '../i18n/player-messages.js';

export interface EngineHost {
  readonly video: HTMLVideoElement;
  /** Fetch media before the viewer presses play ('auto'), or only what describes the stream ('metadata'). */
  readonly preload: 'auto' | 'metadata';
  /** The player's language: the sentences of the errors an engine reports. */
  readonly messages: PlayerMessages;
  /** The newest grant; engines read it per request, so a refresh applies from the next request on. */
  grant(): PlaybackGrant;
  /** The edge refused a grant (403): re-authorise. Resolves once a fresh grant is in place (or it failed). */
  reauthorize(): Promise<boolean>;
  qualitiesChanged(qualities: readonly Quality[]): void;
  /** The stream is described (renditions, duration): the player can offer play. */
  ready(): void;
  /** The rendition on screen changed. */
  qualityShown(quality: Quality, auto: boolean): void;
  /** The audio or text tracks, or the choice among them, changed. */
  tracksChanged(): void;
  error(error: PlayerError): void;
}

export interface PlaybackEngine {
  readonly name: 'hls.js' | 'native';
  readonly qualities: readonly Quality[];
  /** Index of the chosen quality, or -1 for automatic. */
  readonly selectedQuality: number;
  /** Choose a quality (-1: automatic); takes effect from the next segment, without a stall. */
  setQuality(index: number): void;
  /** Audio renditions (EXT-X-MEDIA TYPE=AUDIO); none with the browser's own HLS. */
  readonly audioTracks: readonly StreamTrack[];
  /** Index in audioTracks of the one playing, or -1. */
  readonly audioTrack: number;
  setAudioTrack(index: number): void;
  /** Subtitle and caption tracks, forced ones included; the chosen one is in mode 'hidden' (the player draws its cues). */
  readonly textTracks: readonly StreamTrack[];
  /** Index in textTracks of the one chosen, or -1. */
  readonly textTrack: number;
  setTextTrack(index: number): void;
  /** Start fetching media (the viewer pressed play); a no-op once started. */
  startLoad(): void;
  /** A new grant is in place. */
  grantRefreshed(): void;
  destroy(): void;
}

/** An audio or text track as the stream names it. */
export interface StreamTrack {
  name: string;
  language: string;
  /** FORCED=YES: shown without being chosen, when its language is the audio's; never in the viewer's menu. */
  forced: boolean;
}

export function qualityLabel(height: number): string {
  return `${height}p`;
}
