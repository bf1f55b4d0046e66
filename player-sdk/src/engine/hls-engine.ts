// hls.js over Media Source Extensions. Every request goes through `xhrSetup`, which opens it with the current
// grant in the query (replacing whatever grant the URL carried), so a refreshed grant applies to the very
// next request with no reload and no stall. A 403 (expired or rotated signature) triggers one re-authorise
// and a retry instead of hls.js's default of giving up on 4xx.
import Hls, { ErrorTypes as HlsErrorTypes, Events as HlsEvents, type ErrorData, type HlsConfig, type LoadPolicy, type MediaPlaylist, type RetryConfig } from 'hls.js';
import { withSigningQuery } from '../authorize/signing-query.js';
import { ErrorCodes, ErrorTypes } from '../errors.js';
import type { Quality } from '../events.js';
import { qualityLabel, type EngineHost, type PlaybackEngine, type StreamTrack } from './playback-engine.js';

export class HlsEngine implements PlaybackEngine {
  readonly name = 'hls.js';
  readonly #hls: Hls;
  readonly #host: EngineHost;
  #qualities: Quality[] = [];
  #shownLevel = -1;
  #mediaRecoveries = 0;
  #pendingReauthorize: Promise<boolean> | undefined;
  #loading: boolean;

  static isSupported(): boolean {
    return Hls.isSupported();
  }

  constructor(host: EngineHost, config: Partial<HlsConfig> = {}) {
    this.#host = host;
    this.#loading = host.preload === 'auto';
    this.#hls = new Hls({
      ...withForbiddenRetry(Hls.DefaultConfig, () => this.#reauthorizeOnce()),
      // Segments cost the tenant egress: a player nobody presses play on fetches only the playlists.
      autoStartLoad: this.#loading,
      // The menus offer the stream's subtitle renditions; captions inside the video (CEA-608) would make hidden
      // text tracks nobody chose, which the player's captions view would draw.
      enableCEA708Captions: false,
      ...config,
      // Signing is not optional: a page's own xhrSetup runs after it, on the already opened request.
      xhrSetup: async (xhr, url, context) => {
        const grant = await this.#usableGrant();
        xhr.open('GET', withSigningQuery(url, grant.query), true);
        await config.xhrSetup?.(xhr, url, context);
      },
    });
    const hls = this.#hls;
    hls.on(HlsEvents.MANIFEST_PARSED, (_event, data) => {
      this.#qualities = data.levels.map((level, index) => ({ index, width: level.width, height: level.height, bitrate: level.bitrate, label: qualityLabel(level.height) }));
      host.qualitiesChanged(this.#qualities);
      host.ready();
    });
    // FRAG_CHANGED is the fragment now on screen: the quality the viewer sees, not the one being fetched.
    hls.on(HlsEvents.FRAG_CHANGED, (_event, data) => {
      const level = data.frag.level;
      const quality = this.#qualities[level];
      if (level === this.#shownLevel || !quality) return;
      this.#shownLevel = level;
      host.qualityShown(quality, hls.autoLevelEnabled);
    });
    hls.on(HlsEvents.ERROR, (_event, data) => this.#onError(data));
    // After hls.js's own handling: it picks its default track right after announcing the tracks, which would undo
    // a choice made while it announces them.
    for (const event of [HlsEvents.AUDIO_TRACKS_UPDATED, HlsEvents.AUDIO_TRACK_SWITCHING, HlsEvents.SUBTITLE_TRACKS_UPDATED, HlsEvents.SUBTITLE_TRACK_SWITCH] as const) {
      hls.on(event, () => queueMicrotask(() => host.tracksChanged()));
    }
    // hls.js loads the chosen track's cues into a hidden TextTrack; the player draws them above its controls.
    hls.subtitleDisplay = false;
    hls.loadSource(host.grant().manifestUrl);
    hls.attachMedia(host.video);
  }

  get qualities(): readonly Quality[] {
    return this.#qualities;
  }

  get selectedQuality(): number {
    return this.#hls.manualLevel;
  }

  setQuality(index: number): void {
    // nextLevel switches at the next fragment boundary and keeps what is buffered up to it: no stall.
    this.#hls.nextLevel = index >= 0 && index < this.#qualities.length ? index : -1;
  }

  get audioTracks(): readonly StreamTrack[] {
    return this.#hls.audioTracks.map(streamTrack);
  }

  get audioTrack(): number {
    return this.#hls.audioTrack;
  }

  setAudioTrack(index: number): void {
    this.#hls.audioTrack = index;
  }

  get textTracks(): readonly StreamTrack[] {
    return this.#hls.subtitleTracks.map(streamTrack);
  }

  get textTrack(): number {
    return this.#hls.subtitleTrack;
  }

  setTextTrack(index: number): void {
    this.#hls.subtitleTrack = index;
  }

  startLoad(): void {
    if (this.#loading) return;
    this.#loading = true;
    // The configured start, not -1: for a growing playlist (a video still transcoding) -1 means its live edge.
    this.#hls.startLoad(this.#host.video.currentTime > 0 ? this.#host.video.currentTime : this.#hls.config.startPosition);
  }

  grantRefreshed(): void {
    // Nothing to reload: xhrSetup reads the new grant on the next request.
  }

  destroy(): void {
    this.#hls.destroy();
  }

  /** The grant to sign a request with; while a re-authorisation after a 403 is under way, its result. */
  async #usableGrant() {
    if (this.#pendingReauthorize) await this.#pendingReauthorize;
    return this.#host.grant();
  }

  #reauthorizeOnce(): Promise<boolean> {
    this.#pendingReauthorize ??= this.#host.reauthorize().finally(() => {
      this.#pendingReauthorize = undefined;
    });
    return this.#pendingReauthorize;
  }

  #onError(data: ErrorData): void {
    const status = data.response?.code;
    if (data.type === HlsErrorTypes.NETWORK_ERROR) {
      if (!data.fatal) {
        this.#host.error({
          type: ErrorTypes.NETWORK_ERROR,
          code: ErrorCodes.NETWORK,
          fatal: false,
          message: this.#host.messages.errorFragmentRetry,
          details: data.details,
          ...(status ? { httpStatus: status } : {}),
        });
        return;
      }
      if (status === 403) {
        // The retries (with a fresh grant) were refused too: the viewer lost access, or the signature is broken.
        this.#host.error({
          type: ErrorTypes.NETWORK_ERROR,
          code: ErrorCodes.SIGNATURE_REJECTED,
          fatal: true,
          message: this.#host.messages.errorAccessEnded,
          details: data.details,
          httpStatus: status,
        });
        return;
      }
      this.#host.error({
        type: ErrorTypes.NETWORK_ERROR,
        code: ErrorCodes.NETWORK,
        fatal: true,
        message: this.#host.messages.errorStalled,
        details: data.details,
        ...(status ? { httpStatus: status } : {}),
      });
      return;
    }
    if (data.type === HlsErrorTypes.MEDIA_ERROR && data.fatal) {
      // hls.js's documented recovery: one plain retry, a second with a codec swap, then give up.
      this.#mediaRecoveries += 1;
      if (this.#mediaRecoveries === 1) return this.#hls.recoverMediaError();
      if (this.#mediaRecoveries === 2) {
        this.#hls.swapAudioCodec();
        return this.#hls.recoverMediaError();
      }
      this.#host.error({ type: ErrorTypes.MEDIA_ERROR, code: ErrorCodes.MEDIA, fatal: true, message: this.#host.messages.errorUnplayable, details: data.details });
      return;
    }
    if (data.fatal) {
      this.#host.error({ type: ErrorTypes.OTHER_ERROR, code: ErrorCodes.MEDIA, fatal: true, message: this.#host.messages.errorPlaybackFailed, details: data.details });
    }
    // Non-fatal media notices (stalls, nudges, gaps) are not errors for the viewer: QoE counts stalls itself.
  }
}

const streamTrack = (track: MediaPlaylist): StreamTrack => ({ name: track.name, language: track.lang ?? '', forced: track.forced });

/**
 * hls.js retries nothing that answered 4xx. A 403 from the edge most often means the grant expired under a
 * sleeping tab or was rotated: re-authorise once and retry, for playlists and segments alike.
 */
function withForbiddenRetry(defaults: HlsConfig, reauthorize: () => Promise<boolean>): Pick<HlsConfig, 'manifestLoadPolicy' | 'playlistLoadPolicy' | 'fragLoadPolicy'> {
  const retry = (policy: LoadPolicy): LoadPolicy => {
    const errorRetry: RetryConfig = {
      ...(policy.default.errorRetry ?? { maxNumRetry: 2, retryDelayMs: 1000, maxRetryDelayMs: 8000 }),
      shouldRetry: (_config, retryCount, _isTimeout, response, retryByDefault) => {
        if (response?.code !== 403) return retryByDefault;
        if (retryCount >= 2) return false;
        void reauthorize();
        return true;
      },
    };
    return { default: { ...policy.default, errorRetry } };
  };
  return { manifestLoadPolicy: retry(defaults.manifestLoadPolicy), playlistLoadPolicy: retry(defaults.playlistLoadPolicy), fragLoadPolicy: retry(defaults.fragLoadPolicy) };
}
