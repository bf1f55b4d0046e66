// The controls' requests, answered by the player's public API, as media-chrome's controls send requests to its
// media store: the controls ask, the player decides. Getters read the player live; the controls never keep their
// own copy of the state.
import type { OttPlayer } from '../player.js';
import type { ControlsHost } from './controls.js';
import type { StoryboardTile } from './storyboard.js';

/** The part of the player the controls drive. */
export type ControlledPlayer = Pick<
  OttPlayer,
  | 'qualities'
  | 'selectedQuality'
  | 'currentQuality'
  | 'captionTracks'
  | 'captionsIndex'
  | 'captionsStyle'
  | 'audioTracks'
  | 'audioTrackIndex'
  | 'chapters'
  | 'play'
  | 'pause'
  | 'seek'
  | 'setVolume'
  | 'setMuted'
  | 'setPlaybackRate'
  | 'setQuality'
  | 'setCaptions'
  | 'setCaptionsStyle'
  | 'setAudioTrack'
  | 'toggleFullscreen'
  | 'togglePictureInPicture'
  | 'reload'
>;

export function controlsHost(player: ControlledPlayer, storyboardTiles: () => readonly StoryboardTile[]): ControlsHost {
  return {
    get qualities() {
      return player.qualities;
    },
    get selectedQuality() {
      return player.selectedQuality;
    },
    get currentQuality() {
      return player.currentQuality;
    },
    get captionTracks() {
      return player.captionTracks;
    },
    get captionsIndex() {
      return player.captionsIndex;
    },
    get captionsStyle() {
      return player.captionsStyle;
    },
    get audioTracks() {
      return player.audioTracks;
    },
    get audioTrackIndex() {
      return player.audioTrackIndex;
    },
    get chapters() {
      return player.chapters;
    },
    play: () => player.play(),
    pause: () => player.pause(),
    seek: (seconds) => player.seek(seconds),
    setVolume: (volume) => player.setVolume(volume),
    setMuted: (muted) => player.setMuted(muted),
    setPlaybackRate: (rate) => player.setPlaybackRate(rate),
    setQuality: (index) => player.setQuality(index),
    setCaptions: (index) => player.setCaptions(index),
    setCaptionsStyle: (style) => player.setCaptionsStyle(style),
    setAudioTrack: (index) => player.setAudioTrack(index),
    toggleFullscreen: () => player.toggleFullscreen(),
    togglePictureInPicture: () => player.togglePictureInPicture(),
    retry: () => void player.reload(),
    storyboardTiles,
  };
}
