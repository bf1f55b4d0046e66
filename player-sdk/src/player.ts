// The player: a facade that wires parts with one job each and keeps the public API. The grant keeper authorises
// and renews; an engine (chosen by createEngine) feeds the <video>; the media-event table turns media events into
// QoE, controls and public events; the storyboard source signs seek previews; the controls ask through
// controlsHost. Every listener is registered with one AbortSignal and every timer is tracked, so destroy()
// leaves nothing behind.
import { FINAL_CODES } from './authorize/final-codes.js';
import { GrantKeeper } from './authorize/grant-keeper.js';
import type { PlaybackGrant } from './authorize/playback-grant.js';
import { warnDeveloperOnce } from './developer-warning.js';
import { createEngine } from './engine/create-engine.js';
import type { EngineHost, PlaybackEngine } from './engine/playback-engine.js';
import { ErrorCodes, ErrorTypes, type PlayerError } from './errors.js';
import { Events, type CaptionTrack, type PlayerEventMap, type Quality, type QoeReportData } from './events.js';
import { autoplay } from './media/autoplay.js';
import { bindMediaEvents } from './media/bind-media-events.js';
import { captionsIndex, captionTracks, showCaptions } from './media/caption-tracks.js';
import { DEFAULT_QOE_INTERVAL_MS, type PlayerOptions } from './player-options.js';
import { QoeBeacon } from './qoe/qoe-beacon.js';
import { QoeTracker } from './qoe/qoe-tracker.js';
import { TypedEmitter } from './typed-emitter.js';
import { PlayerControls } from './ui/controls.js';
import { controlsHost } from './ui/controls-host.js';
import { toggleFullscreen, togglePictureInPicture } from './ui/display-modes.js';
import { StoryboardSource } from './ui/storyboard-source.js';

export class OttPlayer {
  /** The element the player lives in (its shadow root holds the video and controls). */
  readonly element: HTMLElement;
  readonly video: HTMLVideoElement;
  readonly #options: PlayerOptions;
  readonly #emitter = new TypedEmitter<PlayerEventMap>();
  readonly #listeners = new AbortController();
  readonly #grants: GrantKeeper;
  readonly #storyboard: StoryboardSource;
  readonly #controls: PlayerControls;
  readonly #tracker: QoeTracker;
  readonly #beacon: QoeBeacon | undefined;
  #engine: PlaybackEngine | undefined;
  #currentQuality: Quality | undefined;
  #fatal: PlayerError | undefined;
  #playWhenReady = false;
  #resumeAt: number | undefined;
  #ready = false;
  #destroyed = false;

  constructor(element: HTMLElement, options: PlayerOptions) {
    if (!options.videoId) throw new TypeError('ott-player: a videoId is required');
    if (!options.api) throw new TypeError('ott-player: the api base URL is required');
    this.element = element;
    this.#options = options;
    this.#grants = new GrantKeeper(options, { granted: (grant, refreshed) => this.#useGrant(grant, refreshed), refreshFailed: (error) => this.#report(error) });
    this.#storyboard = new StoryboardSource(options);
    const shadow = element.shadowRoot ?? element.attachShadow({ mode: 'open' });
    this.#controls = new PlayerControls(
      shadow,
      controlsHost(this, () => this.#storyboard.tiles(this.#grants.grant)),
      element,
      this.#listeners.signal,
    );
    this.video = this.#controls.video;
    this.video.muted = options.muted === true;
    this.video.loop = options.loop === true;
    this.#tracker = new QoeTracker({ videoId: options.videoId, now: () => performance.now() });
    const page = element.ownerDocument.defaultView;
    if (options.qoe !== false && page) {
      this.#beacon = new QoeBeacon({
        endpoint: `${options.api.replace(/\/+$/, '')}/qoe`,
        tracker: this.#tracker,
        playbackSession: () => this.#grants.grant?.playbackSession,
        intervalMs: options.qoeIntervalMs ?? DEFAULT_QOE_INTERVAL_MS,
        window: page,
        sent: (report: QoeReportData) => this.#emit(Events.QOE_REPORT, report),
      });
    }
    if (!element.hasAttribute('tabindex')) element.tabIndex = 0;
    this.#followMedia();
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
    return this.#grants.grant?.title ?? '';
  }
  /** When the current playback grant ends (the player renews it before then). */
  get grantExpiresAt(): Date | undefined {
    return this.#grants.grant?.expiresAt;
  }
  get engine(): 'hls.js' | 'native' | undefined {
    return this.#engine?.name;
  }
  get currentTime(): number {
    return this.video.currentTime;
  }
  get duration(): number {
    return Number.isFinite(this.video.duration) ? this.video.duration : (this.#grants.grant?.durationSeconds ?? 0);
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
    return captionTracks(this.video);
  }
  /** The index of the captions showing, or -1. */
  get captionsIndex(): number {
    return captionsIndex(this.video);
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
    showCaptions(this.video, index);
  }

  toggleFullscreen(): Promise<void> {
    return toggleFullscreen(this.element, this.video);
  }

  togglePictureInPicture(): Promise<void> {
    return togglePictureInPicture(this.video);
  }

  /**
   * Use another credential (after the viewer signs in, or with a fresh token). Playing videos keep playing
   * under the new grant; a player showing an error starts over.
   */
  async setCredential(credential: string | undefined): Promise<void> {
    this.#grants.useCredential(credential);
    return this.refresh();
  }

  /**
   * Authorise again now, after the video changed (renamed, finished transcoding, branded anew): the title, poster
   * and duration shown follow it, and playback goes on. A player showing an error starts over.
   */
  async refresh(): Promise<void> {
    if (this.#destroyed) return;
    if (this.#fatal || !this.#engine) return this.#restart();
    const result = await this.#grants.refresh();
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
    this.#grants.stop();
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

  // Loading ------------------------------------------------------------------------------------------------

  async #start(): Promise<void> {
    this.#tracker.authorizeStarted();
    const result = await this.#grants.start();
    if (!result.ok) {
      if (result.error) this.#fail(result.error);
      return;
    }
    try {
      // hls.js starts where the viewer left off (reload), where the page asked (startTime), or at the beginning:
      // also for a video still encoding, whose growing playlists hls.js would otherwise join at the live edge.
      this.#engine = createEngine(this.#engineHost(), { engine: this.#options.engine, hlsConfig: this.#options.hlsConfig, startPosition: this.#resumeAt ?? 0 });
    } catch (error) {
      this.#fail({ type: ErrorTypes.OTHER_ERROR, code: ErrorCodes.UNSUPPORTED, fatal: true, message: error instanceof Error ? error.message : 'This browser cannot play this video.' });
    }
  }

  async #restart(): Promise<void> {
    const position = this.video.currentTime;
    const wasPlaying = !this.video.paused || this.#playWhenReady;
    this.#grants.cancelRefresh();
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

  /** A new grant is in force: QoE's session, branding, poster and the running engine follow it. */
  #useGrant(grant: PlaybackGrant, refreshed: boolean): void {
    if (grant.playbackSession) this.#tracker.useSession(grant.playbackSession.slice(0, grant.playbackSession.indexOf('.')));
    this.#controls.showBranding(grant.title, grant.branding);
    // Until the media knows its own, the duration is the grant's: a video that finished transcoding now has one.
    this.#controls.showTime(this.video.currentTime, this.duration);
    // A video still transcoding gets its poster with a later grant (refresh): shown if nothing has played yet.
    if (grant.posterUrl && (!refreshed || !this.video.poster)) this.video.poster = grant.posterUrl;
    this.#emit(Events.AUTHORIZED, { title: grant.title, expiresAt: grant.expiresAt, branding: grant.branding, refreshed });
    if (refreshed) this.#engine?.grantRefreshed();
  }

  /** What the engine may ask of the player, and what it tells it. */
  #engineHost(): EngineHost {
    return {
      video: this.video,
      preload: this.#options.preload ?? (this.#options.autoplay || this.#playWhenReady ? 'auto' : 'metadata'),
      ready: () => this.#markReady(),
      grant: () => {
        const grant = this.#grants.grant;
        if (!grant) throw new Error('ott-player: no grant yet');
        return grant;
      },
      reauthorize: async () => {
        const result = await this.#grants.refresh();
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

  /** The player's own reactions to the media come first; then the table that feeds QoE, controls and events. */
  #followMedia(): void {
    const video = this.video;
    const signal = this.#listeners.signal;
    video.addEventListener(
      'loadedmetadata',
      () => {
        const resumeAt = this.#resumeAt;
        this.#resumeAt = undefined;
        if (resumeAt !== undefined) video.currentTime = resumeAt;
        // Native HLS (Safari) joins a growing playlist (a video still transcoding) at its live edge; hls.js is
        // told where to start instead.
        else if (this.#engine?.name === 'native' && video.currentTime > 0) video.currentTime = video.seekable.length > 0 ? video.seekable.start(0) : 0;
      },
      { signal },
    );
    video.addEventListener('play', () => this.#engine?.startLoad(), { signal });
    bindMediaEvents({ element: this.element, video, tracker: this.#tracker, controls: this.#controls, duration: () => this.duration, emit: (event, data) => this.#emit(event, data) }, signal);
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
    if (error.code === ErrorCodes.ORIGIN_NOT_ALLOWED && error.details) warnDeveloperOnce(error.details);
    this.#report(error);
  }

  #report(error: PlayerError): void {
    this.#tracker.error();
    this.#emit(Events.ERROR, error);
  }

  // Ready --------------------------------------------------------------------------------------------------

  /** The engine knows the stream: offer play, and start if asked to already. */
  #markReady(): void {
    if (this.#ready || this.#destroyed) return;
    this.#ready = true;
    this.#controls.set('ready', true);
    this.#controls.set('waiting', false);
    this.#controls.showTime(this.video.currentTime, this.duration);
    this.#emit(Events.READY, { title: this.title, duration: this.duration, qualities: this.qualities, engine: this.#engine?.name ?? 'hls.js' });
    if (this.#playWhenReady) void autoplay(this.video);
  }

  #emit<E extends Events>(event: E, data: PlayerEventMap[E]): void {
    if (this.#destroyed) return;
    this.#emitter.emit(event, data);
    this.element.dispatchEvent(new CustomEvent(event, { detail: data }));
  }
}
