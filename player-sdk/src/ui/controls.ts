// The view: turns clicks, drags and keys into requests to the player, and the player's state into attributes,
// labels and text. Holds no playback state of its own beyond what is on screen.
import type { Branding } from '../authorize/playback-grant.js';
import type { AudioTrack, CaptionsStyle, CaptionTrack, Chapter, Quality } from '../events.js';
import type { PlayerMessages } from '../i18n/player-messages.js';
import { drawCaptions } from './caption-cues.js';
import { fitControls, type OverflowControl } from './fit-controls.js';
import { formatTime, spokenTime } from './format-time.js';
import { keyAction, PLAYBACK_RATES, stepRate, type KeyAction } from './keyboard.js';
import { openMenu, type MenuItem, type OpenMenu } from './menu.js';
import type { StoryboardTile } from './storyboard.js';
import { playerHtml } from './template.js';
import { cueAt } from './vtt-cues.js';

/** What the controls may ask of the player. */
export interface ControlsHost {
  readonly qualities: readonly Quality[];
  /** -1 when automatic. */
  readonly selectedQuality: number;
  readonly currentQuality: Quality | undefined;
  readonly captionTracks: readonly CaptionTrack[];
  /** -1 when captions are off. */
  readonly captionsIndex: number;
  readonly captionsStyle: CaptionsStyle;
  readonly audioTracks: readonly AudioTrack[];
  readonly audioTrackIndex: number;
  readonly chapters: readonly Chapter[];
  play(): Promise<void>;
  pause(): void;
  seek(seconds: number): void;
  setVolume(volume: number): void;
  setMuted(muted: boolean): void;
  setPlaybackRate(rate: number): void;
  setQuality(index: number): void;
  setCaptions(index: number): void;
  setCaptionsStyle(style: Partial<CaptionsStyle>): void;
  setAudioTrack(index: number): void;
  toggleFullscreen(): Promise<void>;
  togglePictureInPicture(): Promise<void>;
  retry(): void;
  /** Storyboard tiles signed for the current grant; empty until loaded (the first call starts loading). */
  storyboardTiles(): readonly StoryboardTile[];
}

/** State attributes on `.root`, for CSS and for anyone inspecting the player. */
export type StateAttribute = 'paused' | 'waiting' | 'ended' | 'muted' | 'fullscreen' | 'pip' | 'ready' | 'errored' | 'controls-hidden' | 'captions-on';

const HIDE_CONTROLS_AFTER_MS = 3000;

export class PlayerControls {
  readonly video: HTMLVideoElement;
  readonly #root: HTMLElement;
  readonly #host: ControlsHost;
  readonly #signal: AbortSignal;
  readonly #part: <T extends HTMLElement>(selector: string) => T;
  readonly #messages: PlayerMessages;
  #menu: OpenMenu | undefined;
  #hideTimer: ReturnType<typeof setTimeout> | undefined;
  #lastCaptions = 0;
  /** Controls a narrow player shows in its "⋯" menu instead of the bar. */
  #overflowed: OverflowControl[] = [];

  /** `keyTarget` is the focusable host element: keys pressed on it and inside the player both reach it. */
  constructor(shadow: ShadowRoot, host: ControlsHost, keyTarget: HTMLElement, messages: PlayerMessages, signal: AbortSignal) {
    shadow.innerHTML = playerHtml(messages);
    this.#messages = messages;
    this.#part = <T extends HTMLElement>(selector: string) => {
      const element = shadow.querySelector<T>(selector);
      if (!element) throw new Error(`ott-player: missing ${selector}`);
      return element;
    };
    this.#root = this.#part('.root');
    this.video = this.#part<HTMLVideoElement>('video');
    this.#host = host;
    this.#signal = signal;
    this.#wire(keyTarget);
  }

  set(attribute: StateAttribute, on: boolean): void {
    this.#root.toggleAttribute(attribute, on);
    if (attribute === 'paused') {
      const label = on ? this.#messages.play : this.#messages.pause;
      this.#part('.play-button').setAttribute('aria-label', label);
      this.#part('.big-play').setAttribute('aria-label', label);
      this.#scheduleHide();
    }
    if (attribute === 'muted') this.#part('.mute-button').setAttribute('aria-label', on ? this.#messages.unmute : this.#messages.mute);
    if (attribute === 'fullscreen') this.#part('.fullscreen-button').setAttribute('aria-label', on ? this.#messages.exitFullscreen : this.#messages.fullscreen);
  }

  has(attribute: StateAttribute): boolean {
    return this.#root.hasAttribute(attribute);
  }

  showTime(current: number, duration: number): void {
    const seek = this.#part<HTMLInputElement>('.seek');
    const max = Number.isFinite(duration) ? duration : 0;
    seek.max = String(max);
    // While the viewer drags, the thumb is theirs.
    if (!seek.matches(':active')) seek.value = String(Math.min(current, max));
    seek.setAttribute('aria-valuetext', this.#messages.seekValue(spokenTime(current, this.#messages), spokenTime(max, this.#messages)));
    this.#part('.current').textContent = formatTime(current);
    this.#part('.duration').textContent = formatTime(max);
    // A video still transcoding has no duration yet: its current time alone, not "0:00 / 0:00".
    const total = this.#part('.time-total');
    if (total.hidden !== max <= 0) {
      total.hidden = max <= 0;
      this.#fit();
    }
  }

  showVolume(volume: number, muted: boolean): void {
    const slider = this.#part<HTMLInputElement>('.volume');
    const shown = muted ? 0 : volume;
    slider.value = String(shown);
    slider.setAttribute('aria-valuetext', `${Math.round(shown * 100)}%`);
    this.set('muted', muted || volume === 0);
  }

  showRate(rate: number): void {
    const button = this.#part('.rate-button');
    button.textContent = `${rate}×`;
    button.setAttribute('aria-label', this.#messages.speedLabel(rate));
    this.#fit();
  }

  showQualities(): void {
    const { qualities, selectedQuality } = this.#host;
    const button = this.#part('.quality-button');
    button.hidden = qualities.length < 2;
    const chosen = selectedQuality === -1 ? this.#autoQuality() : (qualities[selectedQuality]?.label ?? this.#messages.qualityAuto);
    button.setAttribute('aria-label', this.#messages.qualityLabel(chosen));
    this.#fit();
    if (this.#menu?.name === 'quality') this.#openMenu('quality');
  }

  /** The captions and audio buttons follow the stream's tracks and the choices among them. */
  showTracks(): void {
    const { captionTracks, captionsIndex, audioTracks, audioTrackIndex } = this.#host;
    this.#part('.captions-button').hidden = captionTracks.length === 0;
    const audio = this.#part('.audio-button');
    audio.hidden = audioTracks.length < 2;
    audio.setAttribute('aria-label', this.#messages.audioLabel(audioTracks[audioTrackIndex]?.label ?? ''));
    this.#fit();
    this.set('captions-on', captionsIndex !== -1);
    if (captionsIndex !== -1) this.#lastCaptions = captionsIndex;
    if (this.#menu?.name === 'captions' || this.#menu?.name === 'audio') this.#openMenu(this.#menu.name);
  }

  showCaptionsStyle(style: CaptionsStyle): void {
    this.#root.setAttribute('captions-size', style.size);
    this.#root.setAttribute('captions-background', style.background ? 'on' : 'off');
  }

  /** The chapters button, and a mark on the seek bar where each chapter after the first begins. */
  showChapters(): void {
    const { chapters } = this.#host;
    const duration = this.video.duration;
    this.#part('.chapters-button').hidden = chapters.length === 0;
    this.#fit();
    this.#part('.chapter-marks').replaceChildren(
      ...chapters
        .filter(({ start }) => start > 0 && start < duration)
        .map(({ start }) => {
          const mark = this.#root.ownerDocument.createElement('span');
          mark.style.left = `${(start / duration) * 100}%`;
          return mark;
        }),
    );
  }

  showPictureInPictureAvailable(available: boolean): void {
    this.#part('.pip-button').hidden = !available;
    this.#fit();
  }

  /** Lays the bar out for the player's width (on every resize, and when a control appears or changes size). */
  #fit(): void {
    this.#overflowed = fitControls(this.#root);
  }

  showBranding(title: string, branding: Branding): void {
    this.#part('.title').textContent = title;
    this.#root.setAttribute('aria-label', title ? this.#messages.playerTitled(title) : this.#messages.player);
    const logo = this.#part<HTMLImageElement>('.logo');
    if (branding.logoUrl) {
      logo.src = branding.logoUrl;
      logo.alt = '';
    } else logo.removeAttribute('src');
    if (branding.accentColor) this.#root.style.setProperty('--ott-brand-accent', branding.accentColor);
    else this.#root.style.removeProperty('--ott-brand-accent');
    this.#part('.platform-mark').hidden = !branding.showPlatformLogo;
  }

  /** A fatal problem, in words; `retry` adds a button that reloads. Undefined clears it. */
  showMessage(text: string | undefined, retry = false): void {
    this.#part('.message-text').textContent = text ?? '';
    this.#part('.retry').hidden = !retry;
    this.set('errored', text !== undefined);
    this.#closeMenu(false);
  }

  announce(text: string): void {
    this.#part('.sr-only').textContent = text;
  }

  /** Performs a keyboard action; exposed so the element can forward keys pressed on itself. */
  perform(action: KeyAction): void {
    const host = this.#host;
    const video = this.video;
    switch (action.type) {
      case 'toggle-play':
        return this.#togglePlay();
      case 'seek-by':
        return host.seek(Math.max(0, video.currentTime + action.seconds));
      case 'seek-to-fraction':
        return Number.isFinite(video.duration) ? host.seek(video.duration * action.fraction) : undefined;
      case 'volume-by':
        host.setMuted(false);
        return host.setVolume(Math.min(1, Math.max(0, Math.round((video.volume + action.delta) * 100) / 100)));
      case 'toggle-mute':
        return host.setMuted(!video.muted);
      case 'toggle-fullscreen':
        return void host.toggleFullscreen();
      case 'toggle-pip':
        return void host.togglePictureInPicture();
      case 'toggle-captions':
        if (host.captionTracks.length === 0) return;
        return host.setCaptions(host.captionsIndex === -1 ? Math.min(this.#lastCaptions, host.captionTracks.length - 1) : -1);
      case 'rate-by':
        return host.setPlaybackRate(stepRate(video.playbackRate, action.steps));
    }
  }

  #togglePlay(): void {
    if (this.video.paused || this.video.ended) void this.#host.play();
    else this.#host.pause();
  }

  #wire(keyTarget: HTMLElement): void {
    const signal = this.#signal;
    const root = this.#root;
    const Observer = root.ownerDocument.defaultView?.ResizeObserver;
    if (Observer) {
      const resized = new Observer(() => this.#fit());
      resized.observe(root);
      signal.addEventListener('abort', () => resized.disconnect());
    }
    root.addEventListener(
      'click',
      (event) => {
        const request = (event.target as Element).closest<HTMLElement>('[data-request]')?.dataset.request;
        if (request) return this.#request(request, event);
        if (event.target === this.video) {
          // A click on the picture closes an open menu first, like clicking outside any popup.
          if (this.#menu) return this.#closeMenu(false);
          this.#togglePlay();
        }
      },
      { signal },
    );
    drawCaptions(this.video, this.#part('.cues'), signal);
    this.video.addEventListener('dblclick', () => void this.#host.toggleFullscreen(), { signal });

    const seek = this.#part<HTMLInputElement>('.seek');
    seek.addEventListener('input', () => this.#host.seek(Number(seek.value)), { signal });
    const volume = this.#part<HTMLInputElement>('.volume');
    volume.addEventListener(
      'input',
      () => {
        this.#host.setMuted(false);
        this.#host.setVolume(Number(volume.value));
      },
      { signal },
    );
    this.#wirePreview(seek);

    keyTarget.addEventListener(
      'keydown',
      (event) => {
        const target = event.composedPath()[0] as HTMLElement | undefined;
        const onSlider = target instanceof HTMLInputElement;
        // Sliders handle their own arrows, Home and End; buttons their own Space and Enter.
        if (onSlider && /^(Arrow|Home|End|Page)/.test(event.key)) return;
        if (target instanceof HTMLButtonElement && (event.key === ' ' || event.key === 'Enter')) return;
        const action = keyAction(event);
        if (!action) return;
        event.preventDefault();
        this.perform(action);
        this.#reveal();
      },
      { signal },
    );
    for (const type of ['pointermove', 'pointerdown', 'focusin'] as const) root.addEventListener(type, () => this.#reveal(), { signal });
    root.addEventListener('pointerleave', () => this.#scheduleHide(0), { signal });
  }

  #request(request: string, event: Event): void {
    event.stopPropagation();
    if (request.startsWith('menu:')) {
      const name = request.slice('menu:'.length);
      if (this.#menu?.name === name) return this.#closeMenu(true);
      return this.#openMenu(name);
    }
    if (request === 'toggle-play') return this.#togglePlay();
    if (request === 'toggle-mute') return this.perform({ type: 'toggle-mute' });
    if (request === 'toggle-fullscreen') return this.perform({ type: 'toggle-fullscreen' });
    if (request === 'toggle-pip') return this.perform({ type: 'toggle-pip' });
    if (request === 'retry') return this.#host.retry();
  }

  #openMenu(name: string): void {
    const host = this.#host;
    this.#menu?.close(false);
    const menu = this.#part('.menu');
    // The captions' size and background menus open from the captions button.
    const button = this.#part(`.${name.split('-')[0] ?? name}-button`);
    // A control in the overflow menu opens its own menu from the "⋯" button, which takes the focus back.
    const opener = button.hasAttribute('overflowed') ? this.#part('.more-button') : button;
    const m = this.#messages;
    let title: string;
    let items: MenuItem[];
    if (name === 'more') {
      title = m.moreControls;
      items = this.#overflowed.filter((control) => !this.#part(`.${control}-button`).hidden).map((control) => this.#overflowItem(control));
    } else if (name === 'quality') {
      title = m.quality;
      const auto = host.selectedQuality === -1 ? this.#autoQuality() : m.qualityAuto;
      // Highest first, as viewers expect.
      const rungs = [...host.qualities].sort((a, b) => b.height - a.height || b.bitrate - a.bitrate);
      items = [
        { label: auto, checked: host.selectedQuality === -1, select: () => host.setQuality(-1) },
        ...rungs.map((quality) => ({ label: quality.label, checked: host.selectedQuality === quality.index, select: () => host.setQuality(quality.index) })),
      ];
    } else if (name === 'rate') {
      title = m.speed;
      items = PLAYBACK_RATES.map((rate) => ({ label: this.#rateName(rate), checked: this.video.playbackRate === rate, select: () => host.setPlaybackRate(rate) }));
    } else if (name === 'audio') {
      title = m.audio;
      items = host.audioTracks.map((track) => ({ label: track.label, checked: host.audioTrackIndex === track.index, select: () => host.setAudioTrack(track.index) }));
    } else if (name === 'chapters') {
      title = m.chapters;
      const current = cueAt(host.chapters, this.video.currentTime);
      items = host.chapters.map((chapter) => ({ label: `${formatTime(chapter.start)}  ${chapter.title}`, checked: chapter === current, select: () => host.seek(chapter.start) }));
    } else if (name === 'captions-size') {
      title = m.captionsSize;
      items = (['small', 'medium', 'large'] as const).map((size) => ({ label: m.captionsSizeNames[size], checked: host.captionsStyle.size === size, select: () => host.setCaptionsStyle({ size }) }));
    } else if (name === 'captions-background') {
      title = m.captionsBackground;
      items = [true, false].map((background) => ({
        label: background ? m.backgroundOn : m.backgroundOff,
        checked: host.captionsStyle.background === background,
        select: () => host.setCaptionsStyle({ background }),
      }));
    } else {
      title = m.captions;
      const style = host.captionsStyle;
      items = [
        { label: m.captionsOff, checked: host.captionsIndex === -1, select: () => host.setCaptions(-1) },
        ...host.captionTracks.map((track) => ({ label: track.label, checked: host.captionsIndex === track.index, select: () => host.setCaptions(track.index) })),
        { label: m.captionsSizeItem(m.captionsSizeNames[style.size]), select: () => this.#openMenu('captions-size') },
        { label: m.captionsBackgroundItem(style.background ? m.backgroundOn : m.backgroundOff), select: () => this.#openMenu('captions-background') },
      ];
    }
    this.#menu = openMenu(menu, opener, name, title, items, () => {
      this.#menu = undefined;
      this.#scheduleHide();
    });
    this.#reveal();
  }

  /** A control of the bar as an item of the overflow menu: its label says what it does, or opens its own menu. */
  #overflowItem(control: OverflowControl): MenuItem {
    switch (control) {
      case 'pip':
        return { label: this.#messages.pictureInPicture, select: () => this.perform({ type: 'toggle-pip' }) };
      case 'captions':
        return { label: this.#messages.captions, select: () => this.#openMenu('captions') };
      case 'audio':
        return { label: this.#messages.audio, select: () => this.#openMenu('audio') };
      case 'chapters':
        return { label: this.#messages.chapters, select: () => this.#openMenu('chapters') };
      case 'quality':
        return { label: this.#messages.quality, select: () => this.#openMenu('quality') };
      case 'rate':
        return { label: this.#messages.speedItem(this.#rateName(this.video.playbackRate)), select: () => this.#openMenu('rate') };
    }
  }

  /** "Normal" for 1×, else the rate itself: the speed menu's items and the overflow menu's speed. */
  #rateName(rate: number): string {
    return rate === 1 ? this.#messages.speedNormal : `${rate}×`;
  }

  /** Automatic quality, with the rendition on screen when one is known: "Auto (720p)". */
  #autoQuality(): string {
    const current = this.#host.currentQuality;
    return current ? this.#messages.qualityAutoShowing(current.label) : this.#messages.qualityAuto;
  }

  #closeMenu(returnFocus: boolean): void {
    this.#menu?.close(returnFocus);
  }

  #wirePreview(seek: HTMLInputElement): void {
    const signal = this.#signal;
    const wrap = this.#part('.seek-wrap');
    const preview = this.#part('.preview');
    const image = this.#part('.preview-image');
    const time = this.#part('.preview-time');
    const chapter = this.#part('.preview-chapter');
    const show = (event: PointerEvent) => {
      const duration = this.video.duration;
      if (!Number.isFinite(duration) || duration <= 0) return;
      const box = seek.getBoundingClientRect();
      const fraction = Math.min(1, Math.max(0, (event.clientX - box.left) / Math.max(1, box.width)));
      const at = fraction * duration;
      time.textContent = formatTime(at);
      chapter.textContent = cueAt(this.#host.chapters, at)?.title ?? '';
      const tile = cueAt(this.#host.storyboardTiles(), at);
      if (tile) {
        image.style.width = `${tile.width}px`;
        image.style.height = `${tile.height}px`;
        image.style.backgroundImage = `url("${tile.image.replace(/"/g, '%22')}")`;
        image.style.backgroundPosition = `-${tile.x}px -${tile.y}px`;
      }
      // Keep the preview inside the player.
      const half = (tile?.width ?? 40) / 2 + 4;
      preview.style.left = `${Math.min(box.width - half, Math.max(half, fraction * box.width))}px`;
      wrap.toggleAttribute('previewing', true);
    };
    seek.addEventListener('pointermove', show, { signal });
    seek.addEventListener('pointerdown', show, { signal });
    seek.addEventListener('pointerleave', () => wrap.toggleAttribute('previewing', false), { signal });
  }

  #reveal(): void {
    this.set('controls-hidden', false);
    this.#scheduleHide();
  }

  #scheduleHide(delay = HIDE_CONTROLS_AFTER_MS): void {
    clearTimeout(this.#hideTimer);
    if (this.#signal.aborted) return;
    this.#hideTimer = setTimeout(() => {
      // Controls stay while paused, while a menu is open, and while keyboard focus is inside them.
      const focused = this.#root.querySelector(':focus-visible');
      if (!this.video.paused && !this.#menu && !focused) this.set('controls-hidden', true);
    }, delay);
  }

  destroy(): void {
    clearTimeout(this.#hideTimer);
    this.#menu?.close(false);
  }
}
