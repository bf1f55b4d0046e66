// The player: authorises with the control plane, feeds the <video> through an engine, keeps the grant fresh,
// reports QoE, and connects the controls. Every listener is registered with one AbortSignal and every timer
// is tracked, so destroy() leaves nothing behind.
import { AuthorizeError, authorizePlayback } from './authorize/authorize-client.js';
import type { PlaybackGrant } from './authorize/playback-grant.js';
import { refreshDelayMs, retryDelayMs } from './authorize/refresh-schedule.js';
import { withSigningQuery } from './authorize/signing-query.js';
import { HlsEngine } from './engine/hls-engine.js';
import { NativeEngine } from './engine/native-engine.js';
import type { EngineHost, PlaybackEngine } from './engine/playback-engine.js';
import { ErrorCodes, ErrorTypes, type PlayerError } from './errors.js';
import { Events, type CaptionTrack, type PlayerEventMap, type Quality, type QoeReportData } from './events.js';
import { DEFAULT_QOE_INTERVAL_MS, type PlayerOptions } from './player-options.js';
import { QoeBeacon } from './qoe/qoe-beacon.js';
import { QoeTracker } from './qoe/qoe-tracker.js';
import { TypedEmitter } from './typed-emitter.js';
import { PlayerControls, type ControlsHost } from './ui/controls.js';
import { parseStoryboard, type StoryboardTile } from './ui/storyboard.js';

/** Errors a retry cannot fix: the viewer must sign in, or the video is not theirs to see. */
const FINAL_CODES = new Set([ErrorCodes.UNAUTHORIZED, ErrorCodes.FORBIDDEN, ErrorCodes.NOT_FOUND, ErrorCodes.UNSUPPORTED]);

type RefreshResult = { ok: true } | { ok: false; error: PlayerError | undefined };

export class OttPlayer {
  /** The element the player lives in (its shadow root holds the video and controls). */
  readonly element: HTMLElement;
  readonly video: HTMLVideoElement;
  readonly #options: PlayerOptions;
  readonly #emitter = new TypedEmitter<PlayerEventMap>();
  readonly #listeners = new AbortController();
  readonly #controls: PlayerControls;
  readonly #tracker: QoeTracker;
  readonly #beacon: QoeBeacon | undefined;
  #credential: string | undefined;
  #grant: PlaybackGrant | undefined;
  #engine: PlaybackEngine | undefined;
  #currentQuality: Quality | undefined;
  #fatal: PlayerError | undefined;
  #authorizing: AbortController | undefined;
  #refreshTimer: ReturnType<typeof setTimeout> | undefined;
  #refreshAttempts = 0;
  #playWhenReady = false;
  #resumeAt: number | undefined;
  #ready = false;
  #destroyed = false;
  #storyboardSource: Promise<StoryboardTile[]> | undefined;
  #storyboardRaw: StoryboardTile[] = [];
  #storyboard: { grant: PlaybackGrant; tiles: StoryboardTile[] } | undefined;

  constructor(element: HTMLElement, options: PlayerOptions) {
    if (!options.videoId) throw new TypeError('ott-player: a videoId is required');
    if (!options.api) throw new TypeError('ott-player: the api base URL is required');
    this.element = element;
    this.#options = options;
    this.#credential = options.credential;
    const shadow = element.shadowRoot ?? element.attachShadow({ mode: 'open' });
    this.#controls = new PlayerControls(shadow, this.#controlsHost(), element, this.#listeners.signal);
    this.video = this.#controls.video;
    this.video.muted = options.muted === true;
    this.#tracker = new QoeTracker({ videoId: options.videoId, now: () => performance.now() });
    const page = element.ownerDocument.defaultView;
    if (options.qoe !== false && page) {
      this.#beacon = new QoeBeacon({
        endpoint: `${options.api.replace(/\/+$/, '')}/qoe`,
        tracker: this.#tracker,
        playbackSession: () => this.#grant?.playbackSession,
        intervalMs: options.qoeIntervalMs ?? DEFAULT_QOE_INTERVAL_MS,
        window: page,
        sent: (report: QoeReportData) => this.#emit(Events.QOE_REPORT, report),
      });
    }
    if (!element.hasAttribute('tabindex')) element.tabIndex = 0;
    this.#wireMedia();
    this.#controls.showVolume(this.video.volume, this.video.muted);
    this.#controls.set('waiting', true);
    if (options.autoplay) {
      this.#playWhenReady = true;
      this.#tracker.playRequested();
    }
    if (options.startTime && options.startTime > 0) this.#resumeAt = options.startTime;
    void this.#start();
  }

  // Events -------------------------------------------------------------------------------------------------

  /** Listen to a player event; returns a function that removes the listener. */
  on<E extends Events>(event: E, listener: (data: PlayerEventMap[E]) => void): () => void {
    return this.#emitter.on(event, listener);
  }

  once<E extends Events>(event: E, listener: (data: PlayerEventMap[E]) => void): () => void {
    return this.#emitter.once(event, listener);
  }

  off<E extends Events>(event: E, listener: (data: PlayerEventMap[E]) => void): void {
    this.#emitter.off(event, listener);
  }

  // State --------------------------------------------------------------------------------------------------

  get ready(): boolean {
    return this.#ready;
  }
  /** This load's playback session, as the control plane opened it with the first grant (QoE rows are keyed by it); undefined until then. */
  get sessionId(): string | undefined {
    return this.#tracker.sessionId;
  }
  get title(): string {
    return this.#grant?.title ?? '';
  }
  /** When the current playback grant ends (the player renews it before then). */
  get grantExpiresAt(): Date | undefined {
    return this.#grant?.expiresAt;
  }
  get engine(): 'hls.js' | 'native' | undefined {
    return this.#engine?.name;
  }
  get currentTime(): number {
    return this.video.currentTime;
  }
  get duration(): number {
    return Number.isFinite(this.video.duration) ? this.video.duration : (this.#grant?.durationSeconds ?? 0);
  }
  get paused(): boolean {
    return this.video.paused;
  }
  get volume(): number {
    return this.video.volume;
  }
  get muted(): boolean {
    return this.video.muted;
  }
  get playbackRate(): number {
    return this.video.playbackRate;
  }
  get qualities(): readonly Quality[] {
    return this.#engine?.qualities ?? [];
  }
  /** The chosen quality's index, or -1 for automatic. */
  get selectedQuality(): number {
    return this.#engine?.selectedQuality ?? -1;
  }
  /** The quality on screen now. */
  get currentQuality(): Quality | undefined {
    return this.#currentQuality;
  }
  get captionTracks(): readonly CaptionTrack[] {
    return this.#textTracks().map((track, index) => ({ index, label: track.label || track.language || `Captions ${index + 1}`, language: track.language }));
  }
  /** The index of the captions showing, or -1. */
  get captionsIndex(): number {
    return this.#textTracks().findIndex((track) => track.mode === 'showing');
  }
  /** The fatal error on screen, if any. */
  get error(): PlayerError | undefined {
    return this.#fatal;
  }
  /** QoE totals so far. */
  get qoe(): QoeReportData {
    return this.#tracker.snapshot();
  }

  // Commands -----------------------------------------------------------------------------------------------

  async play(): Promise<void> {
    this.#tracker.playRequested();
    if (!this.#ready) {
      this.#playWhenReady = true;
      return;
    }
    await this.video.play();
  }

  pause(): void {
    this.#playWhenReady = false;
    this.video.pause();
  }

  seek(seconds: number): void {
    const end = this.duration;
    this.video.currentTime = Math.max(0, end > 0 ? Math.min(seconds, end) : seconds);
  }

  setVolume(volume: number): void {
    this.video.volume = Math.min(1, Math.max(0, volume));
  }

  setMuted(muted: boolean): void {
    this.video.muted = muted;
  }

  setPlaybackRate(rate: number): void {
    if (rate > 0 && rate <= 16) this.video.playbackRate = rate;
  }

  /** Choose a quality by index in `qualities`, or -1 for automatic. */
  setQuality(index: number): void {
    this.#engine?.setQuality(index);
    this.#controls.showQualities();
  }

  /** Show the captions track at `index` of `captionTracks`, or turn captions off with -1. */
  setCaptions(index: number): void {
    this.#textTracks().forEach((track, position) => (track.mode = position === index ? 'showing' : 'disabled'));
  }

  async toggleFullscreen(): Promise<void> {
    const doc = this.element.ownerDocument;
    if (doc.fullscreenElement === this.element) return doc.exitFullscreen();
    if (typeof this.element.requestFullscreen === 'function') return this.element.requestFullscreen().catch(() => {});
    // iPhone Safari has no element fullscreen, only the video's own.
    (this.video as HTMLVideoElement & { webkitEnterFullscreen?: () => void }).webkitEnterFullscreen?.();
  }

  async togglePictureInPicture(): Promise<void> {
    const doc = this.element.ownerDocument;
    if (doc.pictureInPictureElement === this.video) return doc.exitPictureInPicture();
    if (doc.pictureInPictureEnabled) await this.video.requestPictureInPicture().then(() => undefined, () => undefined);
  }

  /**
   * Use another credential (after the viewer signs in, or with a fresh token). Playing videos keep playing
   * under the new grant; a player showing an error starts over.
   */
  async setCredential(credential: string | undefined): Promise<void> {
    this.#credential = credential || undefined;
    if (this.#destroyed) return;
    if (this.#fatal || !this.#engine) return this.#restart();
    const result = await this.#refresh();
    if (!result.ok && result.error) this.#fail({ ...result.error, fatal: true });
  }

  /** Start over from the current position: authorise again and reload the stream. */
  async reload(): Promise<void> {
    await this.#restart();
  }

  /** Stops playback and removes every listener, timer, request and the hls.js instance. */
  destroy(): void {
    if (this.#destroyed) return;
    this.#emit(Events.DESTROYING, {});
    this.#destroyed = true;
    clearTimeout(this.#refreshTimer);
    this.#authorizing?.abort();
    this.#beacon?.stop();
    this.#engine?.destroy();
    this.#engine = undefined;
    this.#listeners.abort();
    this.#controls.destroy();
    this.video.removeAttribute('src');
    this.video.load();
    this.element.shadowRoot?.replaceChildren();
    this.#emitter.removeAllListeners();
  }

  // Authorisation ------------------------------------------------------------------------------------------

  async #start(): Promise<void> {
    this.#tracker.authorizeStarted();
    let grant: PlaybackGrant;
    try {
      grant = await this.#authorize();
    } catch (error) {
      if (!this.#destroyed && !isAbort(error)) this.#fail(toPlayerError(error, true));
      return;
    }
    if (this.#destroyed) return;
    this.#useGrant(grant, false);
    try {
      this.#engine = this.#createEngine();
    } catch (error) {
      this.#fail({ type: ErrorTypes.OTHER_ERROR, code: ErrorCodes.UNSUPPORTED, fatal: true, message: error instanceof Error ? error.message : 'This browser cannot play this video.' });
    }
  }

  async #restart(): Promise<void> {
    const position = this.video.currentTime;
    const wasPlaying = !this.video.paused || this.#playWhenReady;
    clearTimeout(this.#refreshTimer);
    this.#engine?.destroy();
    this.#engine = undefined;
    this.#ready = false;
    this.#fatal = undefined;
    this.#controls.showMessage(undefined);
    this.#controls.set('ready', false);
    this.#controls.set('waiting', true);
    if (position > 0) this.#resumeAt = position;
    // A page that asked for autoplay still wants it once the viewer has signed in.
    this.#playWhenReady = wasPlaying || this.#options.autoplay === true;
    await this.#start();
  }

  async #authorize(): Promise<PlaybackGrant> {
    this.#authorizing?.abort();
    const controller = new AbortController();
    this.#authorizing = controller;
    const fresh = this.#options.getCredential ? await this.#options.getCredential() : undefined;
    if (controller.signal.aborted) throw new DOMException('Superseded', 'AbortError');
    return authorizePlayback({
      api: this.#options.api,
      videoId: this.#options.videoId,
      credential: fresh || this.#credential,
      // A renewal continues this load's session: one QoE row for the whole load.
      playbackSession: this.#grant?.playbackSession ?? undefined,
      fetch: this.#options.fetch ?? globalThis.fetch.bind(globalThis),
      signal: controller.signal,
    });
  }

  /** A new grant is in force: branding, poster and the next refresh follow it. */
  #useGrant(grant: PlaybackGrant, refreshed: boolean): void {
    this.#grant = grant;
    if (grant.playbackSession) this.#tracker.useSession(grant.playbackSession.slice(0, grant.playbackSession.indexOf('.')));
    this.#controls.showBranding(grant.title, grant.branding);
    // A video still transcoding gets its poster with a later grant (refresh): shown if nothing has played yet.
    if (grant.posterUrl && (!refreshed || !this.video.poster)) this.video.poster = grant.posterUrl;
    this.#scheduleRefresh(refreshDelayMs(grant.expiresAt, Date.now()));
    this.#emit(Events.AUTHORIZED, { title: grant.title, expiresAt: grant.expiresAt, branding: grant.branding, refreshed });
  }

  #scheduleRefresh(delayMs: number): void {
    clearTimeout(this.#refreshTimer);
    this.#refreshTimer = setTimeout(() => void this.#refresh(), delayMs);
  }

  /** Re-authorise and swap the grant under the running stream. */
  async #refresh(): Promise<RefreshResult> {
    let grant: PlaybackGrant;
    try {
      grant = await this.#authorize();
    } catch (error) {
      if (this.#destroyed || isAbort(error)) return { ok: false, error: undefined };
      const problem = toPlayerError(error, false);
      this.#report(problem);
      // A transient failure is retried while the current grant lasts; a refusal is final (the edge's 403
      // will then end playback with the reason).
      if (!FINAL_CODES.has(problem.code)) {
        this.#refreshAttempts += 1;
        this.#scheduleRefresh(retryDelayMs(this.#refreshAttempts));
      }
      return { ok: false, error: problem };
    }
    if (this.#destroyed) return { ok: false, error: undefined };
    this.#refreshAttempts = 0;
    this.#useGrant(grant, true);
    this.#engine?.grantRefreshed();
    return { ok: true };
  }

  // Engine -------------------------------------------------------------------------------------------------

  #createEngine(): PlaybackEngine {
    const choice = this.#options.engine ?? 'auto';
    const host = this.#engineHost();
    // hls.js starts where the viewer left off (reload), where the page asked (startTime), or at the beginning:
    // also for a video still encoding, whose growing playlists hls.js would otherwise join at the live edge.
    if (choice === 'hls.js' || (choice === 'auto' && HlsEngine.isSupported())) return new HlsEngine(host, { startPosition: this.#resumeAt ?? 0, ...this.#options.hlsConfig });
    if (choice === 'native' || NativeEngine.isSupported(this.video)) return new NativeEngine(host);
    throw new Error('This browser cannot play HLS video. Try a current version of Chrome, Edge, Firefox or Safari.');
  }

  #engineHost(): EngineHost {
    return {
      video: this.video,
      preload: this.#options.preload ?? (this.#options.autoplay || this.#playWhenReady ? 'auto' : 'metadata'),
      ready: () => this.#markReady(),
      grant: () => {
        if (!this.#grant) throw new Error('ott-player: no grant yet');
        return this.#grant;
      },
      reauthorize: async () => {
        const result = await this.#refresh();
        if (!result.ok && result.error && FINAL_CODES.has(result.error.code)) this.#fail({ ...result.error, fatal: true });
        return result.ok;
      },
      qualitiesChanged: (qualities) => {
        this.#emit(Events.QUALITIES, { qualities });
        this.#controls.showQualities();
      },
      qualityShown: (quality, auto) => {
        this.#currentQuality = quality;
        this.#tracker.qualityShown(quality.index === -1 ? quality.height : quality.index);
        this.#controls.showQualities();
        this.#emit(Events.QUALITY_CHANGE, { ...quality, auto });
      },
      error: (error) => (error.fatal ? this.#fail(error) : this.#report(error)),
    };
  }

  // Errors -------------------------------------------------------------------------------------------------

  /** A fatal error: playback stops and the message shows. The first one stays until reload or a new credential. */
  #fail(error: PlayerError): void {
    if (this.#fatal || this.#destroyed) return;
    this.#fatal = error;
    this.#playWhenReady = false;
    this.video.pause();
    this.#controls.set('waiting', false);
    this.#controls.showMessage(error.message, !FINAL_CODES.has(error.code));
    this.#report(error);
  }

  #report(error: PlayerError): void {
    this.#tracker.error();
    this.#emit(Events.ERROR, error);
  }

  // Media and page events ----------------------------------------------------------------------------------

  #wireMedia(): void {
    const video = this.video;
    const signal = this.#listeners.signal;
    const controls = this.#controls;
    const time = () => ({ currentTime: video.currentTime, duration: this.duration });
    const on = (type: string, handler: () => void) => video.addEventListener(type, handler, { signal });

    on('loadedmetadata', () => {
      const resumeAt = this.#resumeAt;
      this.#resumeAt = undefined;
      if (resumeAt !== undefined) video.currentTime = resumeAt;
      // Native HLS (Safari) joins a growing playlist (a video still transcoding) at its live edge; hls.js is told
      // where to start instead.
      else if (this.#engine?.name === 'native' && video.currentTime > 0) video.currentTime = video.seekable.length > 0 ? video.seekable.start(0) : 0;
    });
    on('play', () => {
      this.#engine?.startLoad();
      this.#tracker.playRequested();
      controls.set('paused', false);
      controls.set('ended', false);
      this.#emit(Events.PLAY, time());
    });
    on('playing', () => {
      this.#tracker.playing();
      controls.set('waiting', false);
      this.#emit(Events.PLAYING, time());
    });
    on('pause', () => {
      this.#tracker.paused();
      controls.set('paused', true);
      this.#emit(Events.PAUSE, time());
    });
    on('waiting', () => {
      this.#tracker.waiting();
      controls.set('waiting', true);
      this.#emit(Events.WAITING, time());
    });
    on('canplay', () => controls.set('waiting', false));
    on('seeking', () => {
      this.#tracker.seeking();
      this.#emit(Events.SEEKING, time());
    });
    on('seeked', () => {
      this.#tracker.seeked(video.currentTime);
      this.#emit(Events.SEEKED, time());
    });
    on('timeupdate', () => {
      this.#tracker.timeUpdate(video.currentTime);
      controls.showTime(video.currentTime, this.duration);
      this.#emit(Events.TIMEUPDATE, time());
    });
    on('durationchange', () => {
      controls.showTime(video.currentTime, this.duration);
      this.#emit(Events.DURATION_CHANGE, time());
    });
    on('volumechange', () => {
      controls.showVolume(video.volume, video.muted);
      this.#emit(Events.VOLUME_CHANGE, { volume: video.volume, muted: video.muted });
    });
    on('ratechange', () => {
      controls.showRate(video.playbackRate);
      this.#emit(Events.RATE_CHANGE, { rate: video.playbackRate });
    });
    on('ended', () => {
      controls.set('ended', true);
      controls.set('paused', true);
      this.#emit(Events.ENDED, time());
    });
    on('enterpictureinpicture', () => this.#pipChanged(true));
    on('leavepictureinpicture', () => this.#pipChanged(false));

    const doc = this.element.ownerDocument;
    doc.addEventListener(
      'fullscreenchange',
      () => {
        const fullscreen = doc.fullscreenElement === this.element;
        if (fullscreen === controls.has('fullscreen')) return;
        controls.set('fullscreen', fullscreen);
        this.#emit(Events.FULLSCREEN_CHANGE, { fullscreen });
      },
      { signal },
    );
    controls.showPictureInPictureAvailable(doc.pictureInPictureEnabled === true && typeof video.requestPictureInPicture === 'function');

    const tracks = video.textTracks as TextTrackList | undefined;
    const captionsChanged = () => {
      controls.showCaptions();
      const index = this.captionsIndex;
      const list = this.captionTracks;
      this.#emit(Events.CAPTIONS_CHANGE, { track: list[index] ?? null, tracks: list });
    };
    tracks?.addEventListener('addtrack', captionsChanged, { signal });
    tracks?.addEventListener('removetrack', captionsChanged, { signal });
    tracks?.addEventListener('change', captionsChanged, { signal });
  }

  /** The engine knows the stream: offer play, and start if asked to already. */
  #markReady(): void {
    if (this.#ready || this.#destroyed) return;
    this.#ready = true;
    this.#controls.set('ready', true);
    this.#controls.set('waiting', false);
    this.#controls.showTime(this.video.currentTime, this.duration);
    this.#emit(Events.READY, { title: this.title, duration: this.duration, qualities: this.qualities, engine: this.#engine?.name ?? 'hls.js' });
    if (this.#playWhenReady) void this.#autoplay();
  }

  async #autoplay(): Promise<void> {
    try {
      await this.video.play();
    } catch (error) {
      // Browsers refuse unmuted autoplay without a gesture; muted autoplay is allowed everywhere.
      if (!(error instanceof DOMException && error.name === 'NotAllowedError') || this.video.muted) return;
      this.video.muted = true;
      await this.video.play().catch(() => {});
    }
  }

  #pipChanged(pictureInPicture: boolean): void {
    this.#controls.set('pip', pictureInPicture);
    this.#emit(Events.PIP_CHANGE, { pictureInPicture });
  }

  #textTracks(): TextTrack[] {
    const list = this.video.textTracks as TextTrackList | undefined;
    return list ? [...list].filter((track) => track.kind === 'subtitles' || track.kind === 'captions') : [];
  }

  #storyboardTiles(): readonly StoryboardTile[] {
    const grant = this.#grant;
    // None while the video still transcodes; a later grant (refresh) brings it.
    if (!grant?.storyboardVttUrl) return [];
    if (!this.#storyboardSource) {
      const vttUrl = grant.storyboardVttUrl;
      const fetcher = this.#options.fetch ?? globalThis.fetch.bind(globalThis);
      this.#storyboardSource = fetcher(vttUrl, { credentials: 'omit' })
        .then((response) => (response.ok ? response.text() : ''))
        .then((vtt) => parseStoryboard(vtt, vttUrl))
        .catch(() => []);
      void this.#storyboardSource.then((tiles) => {
        this.#storyboardRaw = tiles;
        this.#storyboard = undefined;
      });
    }
    // Sprite URLs follow the grant, so a hover after a refresh never asks the edge with an expired one.
    if (this.#storyboard?.grant !== grant) this.#storyboard = { grant, tiles: this.#storyboardRaw.map((tile) => ({ ...tile, image: withSigningQuery(tile.image, grant.query) })) };
    return this.#storyboard.tiles;
  }

  #controlsHost(): ControlsHost {
    // Getters read the player live; the controls never keep their own copy of the state.
    const player = this;
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
      play: () => this.play(),
      pause: () => this.pause(),
      seek: (seconds) => this.seek(seconds),
      setVolume: (volume) => this.setVolume(volume),
      setMuted: (muted) => this.setMuted(muted),
      setPlaybackRate: (rate) => this.setPlaybackRate(rate),
      setQuality: (index) => this.setQuality(index),
      setCaptions: (index) => this.setCaptions(index),
      toggleFullscreen: () => this.toggleFullscreen(),
      togglePictureInPicture: () => this.togglePictureInPicture(),
      retry: () => void this.reload(),
      storyboardTiles: () => this.#storyboardTiles(),
    };
  }

  #emit<E extends Events>(event: E, data: PlayerEventMap[E]): void {
    if (this.#destroyed) return;
    this.#emitter.emit(event, data);
    this.element.dispatchEvent(new CustomEvent(event, { detail: data }));
  }
}

function isAbort(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}

function toPlayerError(error: unknown, fatal: boolean): PlayerError {
  if (error instanceof AuthorizeError) {
    return { type: ErrorTypes.AUTHORIZATION_ERROR, code: error.code, fatal, message: error.message, ...(error.httpStatus ? { httpStatus: error.httpStatus } : {}) };
  }
  return { type: ErrorTypes.AUTHORIZATION_ERROR, code: ErrorCodes.AUTHORIZE_FAILED, fatal, message: 'This video cannot be played right now. Try again in a moment.' };
}
