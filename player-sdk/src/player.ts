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
import type { PlayerMessages } from './i18n/player-messages.js';
import { pickMessages } from './i18n/pick-messages.js';
import { CONFIRM_DELAYS_MS, openCheckout, successUrlFor, takeCheckoutReturn } from './paywall/checkout-return.js';
import type { Offer } from './paywall/offer.js';
import { PaywallView } from './paywall/paywall-view.js';
import { startCheckout } from './paywall/viewer-sales-client.js';
import { SignInView, type SignInStep } from './sign-in/sign-in-view.js';
import { ViewerAuthClient, ViewerAuthError } from './sign-in/viewer-auth-client.js';
import { ViewerSessionStore } from './sign-in/viewer-session-store.js';
import { ViewerSignIn, type SignInResult, type ViewerSession } from './sign-in/viewer-sign-in.js';
import { Events, type AudioTrack, type CaptionsStyle, type CaptionTrack, type Chapter, type PlayerEventMap, type Quality, type QoeReportData } from './events.js';
import { autoplay } from './media/autoplay.js';
import { bindMediaEvents } from './media/bind-media-events.js';
import { audioTrackList, captionChoices, rememberedCaptions, sameLanguage, textTrackToShow, type CaptionChoice } from './media/track-choices.js';
import { remember, remembered } from './media/track-preferences.js';
import { DEFAULT_QOE_INTERVAL_MS, type PlayerOptions } from './player-options.js';
import { QoeBeacon } from './qoe/qoe-beacon.js';
import { QoeTracker } from './qoe/qoe-tracker.js';
import { TypedEmitter } from './typed-emitter.js';
import { SDK_VERSION } from './version.js';
import { PlayerControls } from './ui/controls.js';
import { controlsHost } from './ui/controls-host.js';
import { toggleFullscreen, togglePictureInPicture } from './ui/display-modes.js';
import { parseChapters } from './ui/chapters.js';
import { StoryboardSource } from './ui/storyboard-source.js';

export class OttPlayer {
  /** The element the player lives in (its shadow root holds the video and controls). */
  readonly element: HTMLElement;
  readonly video: HTMLVideoElement;
  readonly #options: PlayerOptions;
  /** Every text the viewer reads or hears, in the page's (or the browser's) language. */
  readonly #messages: PlayerMessages;
  readonly #emitter = new TypedEmitter<PlayerEventMap>();
  readonly #listeners = new AbortController();
  readonly #grants: GrantKeeper;
  readonly #storyboard: StoryboardSource;
  readonly #controls: PlayerControls;
  readonly #tracker: QoeTracker;
  readonly #beacon: QoeBeacon | undefined;
  readonly #viewer: ViewerSignIn;
  readonly #signInView: SignInView | undefined;
  readonly #paywallView: PaywallView | undefined;
  /** The offers of the last `payment-required` refusal. */
  #offers: readonly Offer[] = [];
  /** Back from paying: how many times the purchase was looked for (the webhook may land after the viewer does). */
  #confirmAttempt: number | undefined;
  #confirmTimer: ReturnType<typeof setTimeout> | undefined;
  /** Where the viewer's choices of captions, audio and captions style are remembered (see track-preferences.ts). */
  readonly #storage: Storage | undefined;
  #captionsStyle: CaptionsStyle;
  #chapters: readonly Chapter[] = [];
  #chaptersRequested = false;
  /** Whether this load applied the remembered audio and captions yet (they wait until the stream lists its tracks). */
  #audioRestored = false;
  #captionsRestored = false;
  /** What the last captions-change and audio-track-change said, so a change is announced once (and no tracks, never). */
  #announcedTracks = ['-1/', '-1/'];
  /** Who is signed in through the built-in sign-in (form, JS API or a kept session), while their token is in use. */
  #viewerEmail: string | undefined;
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
    const page = element.ownerDocument.defaultView;
    this.#storage = storageOf(page);
    this.#messages = pickMessages(options.lang, page?.navigator.language);
    this.#grants = new GrantKeeper(options, { granted: (grant, refreshed) => this.#useGrant(grant, refreshed), refreshFailed: (error) => this.#report(error) }, this.#messages);
    this.#storyboard = new StoryboardSource(options);
    const shadow = element.shadowRoot ?? element.attachShadow({ mode: 'open' });
    this.#controls = new PlayerControls(
      shadow,
      controlsHost(this, () => this.#storyboard.tiles(this.#grants.grant)),
      element,
      this.#messages,
      this.#listeners.signal,
    );
    this.video = this.#controls.video;
    this.video.muted = options.muted === true;
    this.video.loop = options.loop === true;
    const fetchImpl = options.fetch ?? globalThis.fetch.bind(globalThis);
    this.#viewer = new ViewerSignIn(new ViewerAuthClient(options.api, fetchImpl), new ViewerSessionStore(options.api, this.#storage), options.videoId, (session) => this.#signedIn(session, true));
    if (options.signIn !== 'none') {
      const root = shadow.querySelector<HTMLElement>('.root');
      if (root) this.#signInView = new SignInView(root, element, this.#messages, this.#signInViewHost());
    }
    if (options.paywall !== 'none') {
      const root = shadow.querySelector<HTMLElement>('.root');
      if (root) this.#paywallView = new PaywallView(root, element, this.#messages, { buy: async (offerId) => void (await this.buy(offerId)) });
    }
    if (takeCheckoutReturn(page, options.videoId)) this.#confirmAttempt = 0;
    this.#tracker = new QoeTracker({ videoId: options.videoId, now: () => performance.now(), playerVersion: SDK_VERSION });
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
    const size = remembered(this.#storage, 'captions-size');
    this.#captionsStyle = { size: size === 'small' || size === 'large' ? size : 'medium', background: remembered(this.#storage, 'captions-background') !== 'off' };
    this.#controls.showCaptionsStyle(this.#captionsStyle);
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
  /** The captions the viewer may choose (forced subtitles are not listed: they show by themselves). */
  get captionTracks(): readonly CaptionTrack[] {
    return this.#captionChoices().map(({ track }) => track);
  }
  /** The index of the captions showing, or -1 (also while forced subtitles show). */
  get captionsIndex(): number {
    const shown = this.#engine?.textTrack ?? -1;
    return this.#captionChoices().find(({ streamIndex }) => streamIndex === shown)?.track.index ?? -1;
  }
  get captionsStyle(): CaptionsStyle {
    return { ...this.#captionsStyle };
  }
  /** The stream's audio languages (with hls.js; Safari's own HLS offers them in its own menus). */
  get audioTracks(): readonly AudioTrack[] {
    return audioTrackList(this.#engine?.audioTracks ?? [], this.#messages);
  }
  /** The index of the audio playing, or -1 when the stream has no alternative audio. */
  get audioTrackIndex(): number {
    return this.#engine?.audioTrack ?? -1;
  }
  /** The video's chapters, in time order; empty until loaded (see Events.CHAPTERS) or when it has none. */
  get chapters(): readonly Chapter[] {
    return this.#chapters;
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

  /** Show the captions track at `index` of `captionTracks`, or turn captions off with -1; remembered for the next videos. */
  setCaptions(index: number): void {
    const track = this.captionTracks[index];
    remember(this.#storage, 'captions', track ? track.language : 'off');
    this.#showCaptions(track ? index : -1);
  }

  /** Play the audio at `index` of `audioTracks`; its language is remembered for the next videos. */
  setAudioTrack(index: number): void {
    const track = this.audioTracks[index];
    if (!track) return;
    remember(this.#storage, 'audio', track.language);
    this.#engine?.setAudioTrack(index);
  }

  /** Change how captions look; remembered for the next videos. */
  setCaptionsStyle(style: Partial<CaptionsStyle>): void {
    this.#captionsStyle = { ...this.#captionsStyle, ...style };
    remember(this.#storage, 'captions-size', this.#captionsStyle.size);
    remember(this.#storage, 'captions-background', this.#captionsStyle.background ? 'on' : 'off');
    this.#controls.showCaptionsStyle(this.#captionsStyle);
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

  // Viewers' sign-in (the built-in form calls these too) ----------------------------------------------------

  /** The viewer signed in through the player (form, JS API or a kept session of this tenant), if any. */
  get viewerEmail(): string | undefined {
    return this.#viewerEmail;
  }

  /**
   * Signs a viewer of the video's tenant in; the video then plays under their token, and the session is kept for
   * this tenant's other embeds on the site. 'new-password-required' after an invitation's temporary password: call
   * completeNewPassword. Refusals throw a ViewerAuthError whose message is written for the viewer.
   */
  signIn(email: string, password: string): Promise<SignInResult> {
    return this.#viewer.signIn(email, password);
  }

  /** The first sign-in's new password (after signIn answered 'new-password-required'). */
  completeNewPassword(newPassword: string): Promise<void> {
    return this.#viewer.completeNewPassword(newPassword);
  }

  /** Emails the viewer a code to reset a forgotten password (the answer is the same whether or not they have an account). */
  requestPasswordReset(email: string): Promise<void> {
    return this.#viewer.requestPasswordReset(email);
  }

  /** Sets a new password with the emailed code, then signs in with it. */
  confirmPasswordReset(email: string, code: string, newPassword: string): Promise<SignInResult> {
    return this.#viewer.confirmPasswordReset(email, code, newPassword);
  }

  /** Emails a code to confirm the address of a new account, where the tenant lets anyone create one. */
  startSignUp(email: string): Promise<void> {
    return this.#viewer.startSignUp(email);
  }

  /** Creates the viewer's account with the emailed code and the password they chose, then plays as them. */
  completeSignUp(email: string, code: string, password: string): Promise<void> {
    return this.#viewer.completeSignUp(email, code, password);
  }

  /** Signs the viewer out of this tenant on this site; the video asks for a sign-in again. */
  async signOut(): Promise<void> {
    await this.#viewer.signOut().catch(() => undefined);
    this.#viewerEmail = undefined;
    this.#signInView?.showSignedIn(undefined);
    this.#grants.useCredential(undefined);
    this.#emit(Events.SIGNED_OUT, {});
    if (!this.#destroyed) await this.#restart();
  }

  // Paid titles ---------------------------------------------------------------------------------------------

  /** The offers that would unlock this title, after a `paywall` event; empty otherwise. */
  get offers(): readonly Offer[] {
    return this.#offers;
  }

  /**
   * Opens checkout for one of `offers` as the signed-in viewer: the page goes to the checkout page on the tenant's
   * Stripe account (or a new tab, in a frame that may not navigate the page) and comes back to `checkoutReturnUrl`
   * (default: this page), where the player plays once the purchase is confirmed. Resolves with the checkout URL;
   * refusals throw a ViewerAuthError whose message is written for the viewer.
   */
  async buy(offerId: string): Promise<string> {
    const page = this.element.ownerDocument.defaultView;
    const idToken = (this.#options.getCredential ? await this.#options.getCredential() : undefined) || this.#grants.credential;
    if (!idToken || !page) throw new ViewerAuthError(this.#messages.errorSignInRequired, false);
    const { tenantSlug } = await this.#viewer.screen();
    const returnUrl = new URL(this.#options.checkoutReturnUrl ?? page.location.href, page.location.href).href;
    const fetchImpl = this.#options.fetch ?? globalThis.fetch.bind(globalThis);
    const url = await startCheckout(this.#options.api, fetchImpl, idToken, { tenantSlug, offerId, successUrl: successUrlFor(returnUrl, this.#options.videoId), cancelUrl: returnUrl });
    const opened = openCheckout(page, url);
    this.#emit(Events.CHECKOUT_STARTED, { offerId, url, opened });
    return url;
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
    clearTimeout(this.#confirmTimer);
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
    this.#audioRestored = this.#captionsRestored = false;
    const result = await this.#grants.start();
    if (!result.ok) {
      if (result.error?.code === ErrorCodes.PAYMENT_REQUIRED && this.#confirmAttempt !== undefined) return this.#confirmPurchase(result.error);
      if (result.error) this.#fail(result.error);
      return;
    }
    this.#confirmAttempt = undefined;
    this.#paywallView?.hide();
    try {
      // hls.js starts where the viewer left off (reload), where the page asked (startTime), or at the beginning:
      // also for a video still encoding, whose growing playlists hls.js would otherwise join at the live edge.
      this.#engine = createEngine(this.#engineHost(), { engine: this.#options.engine, hlsConfig: this.#options.hlsConfig, startPosition: this.#resumeAt ?? 0 });
    } catch (error) {
      this.#fail({ type: ErrorTypes.OTHER_ERROR, code: ErrorCodes.UNSUPPORTED, fatal: true, message: error instanceof Error ? error.message : this.#messages.errorUnsupportedBrowser });
    }
  }

  async #restart(): Promise<void> {
    const position = this.video.currentTime;
    const wasPlaying = !this.video.paused || this.#playWhenReady;
    this.#grants.cancelRefresh();
    clearTimeout(this.#confirmTimer);
    this.#paywallView?.hide();
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
    if (!refreshed) this.#signInView?.showSignedIn(this.#viewerEmail);
    // Until the media knows its own, the duration is the grant's: a video that finished transcoding now has one.
    this.#controls.showTime(this.video.currentTime, this.duration);
    // A video still transcoding gets its poster with a later grant (refresh): shown if nothing has played yet.
    if (grant.posterUrl && (!refreshed || !this.video.poster)) this.video.poster = grant.posterUrl;
    this.#emit(Events.AUTHORIZED, { title: grant.title, expiresAt: grant.expiresAt, branding: grant.branding, refreshed });
    if (grant.chaptersVttUrl && !this.#chaptersRequested) void this.#loadChapters(grant.chaptersVttUrl);
    if (refreshed) this.#engine?.grantRefreshed();
  }

  /** What the engine may ask of the player, and what it tells it. */
  #engineHost(): EngineHost {
    return {
      video: this.video,
      preload: this.#options.preload ?? (this.#options.autoplay || this.#playWhenReady ? 'auto' : 'metadata'),
      messages: this.#messages,
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
        this.#tracker.qualityShown(quality.index === -1 ? quality.height : quality.index, quality);
        this.#controls.showQualities();
        this.#emit(Events.QUALITY_CHANGE, { ...quality, auto });
      },
      tracksChanged: () => this.#tracksChanged(),
      error: (error) => (error.fatal ? this.#fail(error) : this.#report(error)),
    };
  }

  // Tracks and chapters -------------------------------------------------------------------------------------

  #captionChoices(): CaptionChoice[] {
    return captionChoices(this.#engine?.textTracks ?? [], this.#messages);
  }

  /** Shows the captions at `index` of `captionTracks`, or, with -1, the forced subtitles of the audio's language if any. */
  #showCaptions(index: number): void {
    const engine = this.#engine;
    const shown = engine && textTrackToShow(this.#captionChoices(), index, engine.textTracks, this.audioTracks[this.audioTrackIndex]?.language);
    if (engine && shown !== undefined && shown !== engine.textTrack) engine.setTextTrack(shown);
  }

  /**
   * The stream listed its tracks or switched one: the viewer's remembered choices apply once per load, forced
   * subtitles follow the audio while captions are off, and the menus and the page hear of it.
   */
  #tracksChanged(): void {
    const engine = this.#engine;
    if (!engine) return;
    if (!this.#audioRestored && engine.audioTracks.length > 0) {
      this.#audioRestored = true;
      const language = remembered(this.#storage, 'audio');
      const index = this.audioTracks.findIndex((track) => sameLanguage(track.language, language));
      if (index !== -1 && index !== engine.audioTrack) engine.setAudioTrack(index);
    }
    if (engine.textTracks.length > 0) {
      const restore = !this.#captionsRestored;
      this.#captionsRestored = true;
      const chosen = restore ? rememberedCaptions(this.#captionChoices(), remembered(this.#storage, 'captions')) : undefined;
      this.#showCaptions(chosen ?? this.captionsIndex);
    }
    this.#controls.showTracks();
    const captions = this.captionTracks;
    const audio = this.audioTracks;
    this.#announce(0, { track: captions[this.captionsIndex] ?? null, tracks: captions }, Events.CAPTIONS_CHANGE);
    this.#announce(1, { track: audio[this.audioTrackIndex] ?? null, tracks: audio }, Events.AUDIO_TRACK_CHANGE);
  }

  #announce<E extends Events.CAPTIONS_CHANGE | Events.AUDIO_TRACK_CHANGE>(slot: number, data: PlayerEventMap[E], event: E): void {
    const said = `${data.track?.index ?? -1}/${data.tracks.map((track) => track.label).join()}`;
    if (this.#announcedTracks[slot] === said) return;
    this.#announcedTracks[slot] = said;
    this.#emit(event, data);
  }

  /** Chapters come once per player: a refreshed grant signs the same file anew. */
  async #loadChapters(url: string): Promise<void> {
    this.#chaptersRequested = true;
    const fetcher = this.#options.fetch ?? globalThis.fetch.bind(globalThis);
    // Without chapters the video still plays: a failed fetch shows none.
    const vtt = await fetcher(url, { credentials: 'omit' })
      .then((response) => (response.ok ? response.text() : ''))
      .catch(() => '');
    if (this.#destroyed) return;
    this.#chapters = parseChapters(vtt);
    this.#controls.showChapters();
    if (this.#chapters.length > 0) this.#emit(Events.CHAPTERS, { chapters: this.#chapters });
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
    bindMediaEvents(
      {
        element: this.element,
        video,
        tracker: this.#tracker,
        controls: this.#controls,
        duration: () => this.duration,
        emit: (event, data) => this.#emit(event, data),
      },
      signal,
    );
  }

  // Errors -------------------------------------------------------------------------------------------------

  /**
   * A fatal error: playback stops and the message shows. The first one stays until reload or a new credential. A
   * missing or ended sign-in shows the sign-in form instead (unless the page turned it off).
   */
  #fail(error: PlayerError): void {
    if (this.#fatal || this.#destroyed) return;
    this.#fatal = error;
    this.#playWhenReady = false;
    this.video.pause();
    this.#controls.set('waiting', false);
    if (error.code === ErrorCodes.UNAUTHORIZED && this.#signInView) return void this.#offerSignIn(error);
    if (error.code === ErrorCodes.PAYMENT_REQUIRED) {
      this.#offers = error.offers ?? [];
      this.#emit(Events.PAYWALL, { offers: this.#offers, message: error.message });
      if (this.#paywallView && this.#offers.length > 0) return void this.#offerPaywall(error);
    }
    if (error.code === ErrorCodes.UNAUTHORIZED) this.#emit(Events.SIGN_IN_REQUIRED, { message: error.message });
    this.#controls.showMessage(error.message, !FINAL_CODES.has(error.code));
    if (error.code === ErrorCodes.ORIGIN_NOT_ALLOWED && error.details) warnDeveloperOnce(error.details);
    this.#report(error);
  }

  /** A kept session of this tenant plays at once; without one (or when it was just refused) the form shows. */
  async #offerSignIn(error: PlayerError): Promise<void> {
    try {
      const kept = await this.#viewer.storedSession();
      if (kept && kept.idToken !== this.#grants.credential) return this.#signedIn(kept, false);
      if (kept) await this.#viewer.forgetStored();
      const screen = await this.#viewer.screen();
      if (this.#destroyed || this.#fatal !== error) return;
      this.#viewerEmail = undefined;
      this.#controls.showBranding(screen.title, screen.branding);
      if (screen.posterUrl) this.video.poster = screen.posterUrl;
      this.#signInView?.show('sign-in', screen);
    } catch {
      // No screen to show (the API is out of reach): the refusal's own message, as without the form.
      this.#controls.showMessage(error.message, true);
    }
    this.#emit(Events.SIGN_IN_REQUIRED, { message: error.message });
    this.#report(error);
  }

  /** The offers over the title's poster, in the tenant's branding (from the sign-in screen: no grant opens the poster). */
  async #offerPaywall(error: PlayerError): Promise<void> {
    try {
      const screen = await this.#viewer.screen();
      if (this.#destroyed || this.#fatal !== error) return;
      this.#controls.showBranding(screen.title, screen.branding);
      if (screen.posterUrl) this.video.poster = screen.posterUrl;
      this.#paywallView?.show(screen, error.message, this.#offers);
    } catch {
      this.#controls.showMessage(error.message, true);
    }
    this.#report(error);
  }

  /**
   * Back from checkout and still refused: the entitlement comes with Stripe's webhook, which may land a moment after
   * the viewer. Ask again a few times, further apart, saying so; then show the offers with a word about it.
   */
  #confirmPurchase(error: PlayerError): void {
    const attempt = this.#confirmAttempt ?? 0;
    const delay = CONFIRM_DELAYS_MS[attempt];
    if (delay === undefined) {
      this.#confirmAttempt = undefined;
      return this.#fail({ ...error, message: this.#messages.purchaseNotConfirmed });
    }
    this.#confirmAttempt = attempt + 1;
    this.#controls.set('waiting', false);
    this.#controls.showMessage(this.#messages.confirmingPurchase);
    this.#confirmTimer = setTimeout(() => void this.#restart(), delay);
  }

  /**
   * A viewer's token to play with: the form goes, and the video starts over under it. A viewer who just signed in
   * asked to watch (`play`); a kept session found on load waits for play like any video.
   */
  #signedIn(session: ViewerSession, play: boolean): void {
    if (this.#destroyed) return;
    this.#viewerEmail = session.email;
    this.#signInView?.hide();
    this.#emit(Events.SIGNED_IN, { email: session.email, expiresAt: session.expiresAt });
    void this.setCredential(session.idToken).then(() => (play && !this.#destroyed ? this.play() : undefined));
  }

  /** What the form asks, and which step follows. */
  #signInViewHost() {
    return {
      signIn: async (email: string, password: string): Promise<SignInStep | undefined> => ((await this.signIn(email, password)) === 'new-password-required' ? 'new-password' : undefined),
      completeNewPassword: (newPassword: string) => this.completeNewPassword(newPassword),
      requestPasswordReset: (email: string) => this.requestPasswordReset(email),
      confirmPasswordReset: async (email: string, code: string, newPassword: string): Promise<SignInStep | undefined> =>
        (await this.confirmPasswordReset(email, code, newPassword)) === 'new-password-required' ? 'new-password' : undefined,
      startSignUp: (email: string) => this.startSignUp(email),
      completeSignUp: (email: string, code: string, password: string) => this.completeSignUp(email, code, password),
      signOut: () => void this.signOut(),
    };
  }

  #report(error: PlayerError): void {
    this.#tracker.error(error.code);
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

/** localStorage, where the page may use it (a sandboxed frame throws on access). */
function storageOf(page: Window | null): Storage | undefined {
  try {
    return page?.localStorage ?? undefined;
  } catch {
    return undefined;
  }
}
