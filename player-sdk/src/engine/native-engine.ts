// The browser's own HLS (Safari without Media Source Extensions): `video.src` is the signed master URL and the
// edge writes the grant into every child URI of the playlists it serves. Requests cannot be re-signed one by
// one here, so a refreshed grant is applied by reloading the source at the same position — at once when
// paused, otherwise at the next pause — and a load failure re-authorises and resumes where it stopped.
import { ErrorCodes, ErrorTypes } from '../errors.js';
import { captionTextTracks } from '../media/caption-tracks.js';
import type { EngineHost, PlaybackEngine, StreamTrack } from './playback-engine.js';
import { qualityLabel } from './playback-engine.js';

const HLS_MIME = 'application/vnd.apple.mpegurl';

export class NativeEngine implements PlaybackEngine {
  readonly name = 'native';
  readonly qualities = [];
  readonly selectedQuality = -1;
  // Safari switches audio renditions only through its own menus: none to offer here.
  readonly audioTracks = [];
  readonly audioTrack = -1;
  readonly #host: EngineHost;
  readonly #listeners = new AbortController();
  #staleSource = false;
  /** One re-authorise-and-reload per stretch of successful playback, so a dead network cannot loop. */
  #recoveryUsed = false;

  static isSupported(video: HTMLVideoElement): boolean {
    return video.canPlayType(HLS_MIME) !== '';
  }

  constructor(host: EngineHost) {
    this.#host = host;
    const { video } = host;
    const signal = this.#listeners.signal;
    video.addEventListener(
      'resize',
      () => video.videoHeight > 0 && host.qualityShown({ index: -1, width: video.videoWidth, height: video.videoHeight, bitrate: 0, label: qualityLabel(video.videoHeight) }, true),
      { signal },
    );
    video.addEventListener('pause', () => this.#staleSource && this.#reload(), { signal });
    video.addEventListener('error', () => void this.#recover(), { signal });
    video.addEventListener('playing', () => (this.#recoveryUsed = false), { signal });
    video.addEventListener('loadedmetadata', () => host.ready(), { signal });
    for (const type of ['addtrack', 'removetrack', 'change']) video.textTracks.addEventListener(type, () => host.tracksChanged(), { signal });
    video.preload = host.preload;
    video.src = host.grant().signedManifestUrl;
  }

  setAudioTrack(): void {
    // See audioTracks.
  }

  get textTracks(): readonly StreamTrack[] {
    return captionTextTracks(this.#host.video).map((track) => ({ name: track.label, language: track.language, forced: false }));
  }

  get textTrack(): number {
    return captionTextTracks(this.#host.video).findIndex((track) => track.mode !== 'disabled');
  }

  setTextTrack(index: number): void {
    captionTextTracks(this.#host.video).forEach((track, position) => (track.mode = position === index ? 'hidden' : 'disabled'));
  }

  startLoad(): void {
    this.#host.video.preload = 'auto';
  }

  setQuality(): void {
    // Safari picks renditions itself; there is nothing to choose.
  }

  grantRefreshed(): void {
    this.#staleSource = true;
    if (this.#host.video.paused) this.#reload();
  }

  destroy(): void {
    this.#listeners.abort();
    this.#host.video.removeAttribute('src');
    this.#host.video.load();
  }

  #reload(): void {
    const { video } = this.#host;
    const position = video.currentTime;
    const wasPlaying = !video.paused;
    this.#staleSource = false;
    video.src = this.#host.grant().signedManifestUrl;
    video.addEventListener(
      'loadedmetadata',
      () => {
        video.currentTime = position;
        if (wasPlaying) void video.play().catch(() => {});
      },
      { once: true, signal: this.#listeners.signal },
    );
  }

  async #recover(): Promise<void> {
    const failure = this.#host.video.error;
    if (this.#recoveryUsed || failure?.code !== MediaError.MEDIA_ERR_NETWORK) {
      const code = failure?.code === MediaError.MEDIA_ERR_SRC_NOT_SUPPORTED ? ErrorCodes.UNSUPPORTED : ErrorCodes.MEDIA;
      this.#host.error({ type: ErrorTypes.MEDIA_ERROR, code, fatal: true, message: this.#host.messages.errorUnplayable, details: String(failure?.code ?? '') });
      return;
    }
    this.#recoveryUsed = true;
    if (await this.#host.reauthorize()) this.#reload();
  }
}
