// What each event of the <video> means to the player, as one table: what QoE counts, what the controls show,
// and which public event goes out — in that order, so a page listening to a public event finds QoE and the
// controls already up to date. The page's fullscreen is followed here too. The
// player's own reactions (load on play, resume on loadedmetadata) are registered before this binding, so they
// run first.
import { Events, type PlayerEventMap, type TimeData } from '../events.js';
import type { QoeTracker } from '../qoe/qoe-tracker.js';
import type { PlayerControls } from '../ui/controls.js';

export interface MediaEventParts {
  /** The element the player lives in: the one that goes full screen. */
  readonly element: HTMLElement;
  readonly video: HTMLVideoElement;
  readonly tracker: QoeTracker;
  readonly controls: PlayerControls;
  /** The duration the player reports (the grant's until the media knows its own). */
  duration(): number;
  emit<E extends Events>(event: E, data: PlayerEventMap[E]): void;
}

interface MediaEventRow {
  qoe?: (tracker: QoeTracker, video: HTMLVideoElement) => void;
  view?: (controls: PlayerControls, parts: MediaEventParts) => void;
  publish?: (parts: MediaEventParts) => void;
}

function publish<E extends Events>(event: E, data: (parts: MediaEventParts) => PlayerEventMap[E]): (parts: MediaEventParts) => void {
  return (parts) => parts.emit(event, data(parts));
}

const time = (parts: MediaEventParts): TimeData => ({ currentTime: parts.video.currentTime, duration: parts.duration() });
const showTime = (controls: PlayerControls, parts: MediaEventParts) => controls.showTime(parts.video.currentTime, parts.duration());

const MEDIA_EVENTS: { readonly [type in keyof HTMLVideoElementEventMap]?: MediaEventRow } = {
  play: {
    qoe: (tracker) => tracker.playRequested(),
    view: (controls) => {
      controls.set('paused', false);
      controls.set('ended', false);
    },
    publish: publish(Events.PLAY, time),
  },
  playing: { qoe: (tracker) => tracker.playing(), view: (controls) => controls.set('waiting', false), publish: publish(Events.PLAYING, time) },
  pause: { qoe: (tracker) => tracker.paused(), view: (controls) => controls.set('paused', true), publish: publish(Events.PAUSE, time) },
  waiting: { qoe: (tracker) => tracker.waiting(), view: (controls) => controls.set('waiting', true), publish: publish(Events.WAITING, time) },
  canplay: { view: (controls) => controls.set('waiting', false) },
  seeking: { qoe: (tracker) => tracker.seeking(), publish: publish(Events.SEEKING, time) },
  seeked: { qoe: (tracker, video) => tracker.seeked(video.currentTime), publish: publish(Events.SEEKED, time) },
  timeupdate: { qoe: (tracker, video) => tracker.timeUpdate(video.currentTime), view: showTime, publish: publish(Events.TIMEUPDATE, time) },
  // Chapter marks sit at fractions of the duration.
  durationchange: {
    view: (controls, parts) => {
      showTime(controls, parts);
      controls.showChapters();
    },
    publish: publish(Events.DURATION_CHANGE, time),
  },
  volumechange: {
    view: (controls, { video }) => controls.showVolume(video.volume, video.muted),
    publish: publish(Events.VOLUME_CHANGE, ({ video }) => ({ volume: video.volume, muted: video.muted })),
  },
  ratechange: { view: (controls, { video }) => controls.showRate(video.playbackRate), publish: publish(Events.RATE_CHANGE, ({ video }) => ({ rate: video.playbackRate })) },
  ended: {
    view: (controls) => {
      controls.set('ended', true);
      controls.set('paused', true);
    },
    publish: publish(Events.ENDED, time),
  },
  enterpictureinpicture: { view: (controls) => controls.set('pip', true), publish: publish(Events.PIP_CHANGE, () => ({ pictureInPicture: true })) },
  leavepictureinpicture: { view: (controls) => controls.set('pip', false), publish: publish(Events.PIP_CHANGE, () => ({ pictureInPicture: false })) },
};

/** Follows the media, the page's fullscreen and the captions until `signal` aborts. */
export function bindMediaEvents(parts: MediaEventParts, signal: AbortSignal): void {
  const { element, video, tracker, controls } = parts;
  for (const [type, row] of Object.entries(MEDIA_EVENTS)) {
    video.addEventListener(
      type,
      () => {
        row.qoe?.(tracker, video);
        row.view?.(controls, parts);
        row.publish?.(parts);
      },
      { signal },
    );
  }

  const doc = element.ownerDocument;
  doc.addEventListener(
    'fullscreenchange',
    () => {
      const fullscreen = doc.fullscreenElement === element;
      if (fullscreen === controls.has('fullscreen')) return;
      controls.set('fullscreen', fullscreen);
      parts.emit(Events.FULLSCREEN_CHANGE, { fullscreen });
    },
    { signal },
  );
  controls.showPictureInPictureAvailable(doc.pictureInPictureEnabled === true && typeof video.requestPictureInPicture === 'function');
}
