// <ott-player video-id="…" api="…" [credential="…"] [autoplay] [muted] [loop] [start-time="…"] [lang="fr"] [sign-in="none"] [paywall="none"] [checkout-return-url="…"]>: the player as a
// custom element for embed snippets and frameworks. Attributes configure it; `configure()` adds what only
// JavaScript can give (a getCredential callback); the player's events are dispatched on the element.
import type { OttPlayerElementEventMap } from './events.js';
import { OttPlayer } from './player.js';
import type { PlayerOptions } from './player-options.js';

const ATTRIBUTES = ['video-id', 'api', 'credential', 'autoplay', 'muted', 'loop', 'start-time', 'lang', 'sign-in', 'paywall', 'checkout-return-url'] as const;

/** Options that only JavaScript can set; the rest come from attributes. */
export type ElementOptions = Omit<PlayerOptions, 'videoId' | 'api' | 'credential' | 'autoplay' | 'muted' | 'loop' | 'startTime' | 'lang' | 'signIn' | 'paywall' | 'checkoutReturnUrl'>;

// HTMLElement does not exist outside browsers (server-side rendering imports this module too).
const Base = (typeof HTMLElement === 'undefined' ? class {} : HTMLElement) as typeof HTMLElement;

export class OttPlayerElement extends Base {
  static readonly observedAttributes = ATTRIBUTES;
  #player: OttPlayer | undefined;
  #options: ElementOptions = {};
  /** From setCredential(): kept out of the DOM, where any script on the page could read an attribute. */
  #credential: string | undefined;
  #pending = false;
  /** Set by load(): the player came from JavaScript with full options, attributes no longer restart it. */
  #loaded = false;

  /** The running player, once the element is connected with a video-id and an api. */
  get player(): OttPlayer | undefined {
    return this.#player;
  }

  get videoId(): string {
    return this.getAttribute('video-id') ?? '';
  }
  set videoId(value: string) {
    this.setAttribute('video-id', value);
  }
  get api(): string {
    return this.getAttribute('api') ?? '';
  }
  set api(value: string) {
    this.setAttribute('api', value);
  }

  /** Sets JavaScript-only options (getCredential, qoe, engine, hlsConfig…) and restarts the player with them. */
  configure(options: ElementOptions): void {
    this.#options = { ...this.#options, ...options };
    this.#restart();
  }

  /** Starts a player with these options (what createPlayer does); attributes stop driving it. */
  load(options: PlayerOptions): OttPlayer {
    this.#loaded = true;
    this.destroy();
    this.#player = new OttPlayer(this, options);
    return this.#player;
  }

  /** Use another credential; the running player keeps playing under the new grant. */
  setCredential(credential: string | undefined): Promise<void> {
    this.#credential = credential;
    return this.#player?.setCredential(credential) ?? Promise.resolve();
  }

  play(): Promise<void> {
    return this.#player?.play() ?? Promise.resolve();
  }

  pause(): void {
    this.#player?.pause();
  }

  destroy(): void {
    this.#player?.destroy();
    this.#player = undefined;
  }

  connectedCallback(): void {
    this.#restart();
  }

  disconnectedCallback(): void {
    this.destroy();
  }

  attributeChangedCallback(name: (typeof ATTRIBUTES)[number], previous: string | null, next: string | null): void {
    if (previous === next || !this.isConnected) return;
    if (name === 'credential' && this.#player) return void this.#player.setCredential(next ?? undefined);
    if (name === 'muted' && this.#player) return this.#player.setMuted(next !== null);
    if (name === 'loop' && this.#player) return void (this.#player.video.loop = next !== null);
    this.#restart();
  }

  #restart(): void {
    // Several attributes usually change together (frameworks set them one by one): start once, after them.
    if (this.#pending || this.#loaded) return;
    this.#pending = true;
    queueMicrotask(() => {
      this.#pending = false;
      if (!this.isConnected) return;
      this.destroy();
      const videoId = this.videoId;
      const api = this.api;
      if (!videoId || !api) return;
      const start = Number(this.getAttribute('start-time'));
      this.#player = new OttPlayer(this, {
        ...this.#options,
        videoId,
        api,
        credential: this.#credential ?? this.getAttribute('credential') ?? undefined,
        autoplay: this.hasAttribute('autoplay'),
        muted: this.hasAttribute('muted'),
        loop: this.hasAttribute('loop'),
        ...(start > 0 ? { startTime: start } : {}),
        ...(this.lang ? { lang: this.lang } : {}),
        signIn: this.getAttribute('sign-in') === 'none' ? 'none' : 'built-in',
        paywall: this.getAttribute('paywall') === 'none' ? 'none' : 'built-in',
        ...(this.getAttribute('checkout-return-url') ? { checkoutReturnUrl: this.getAttribute('checkout-return-url') ?? undefined } : {}),
      });
    });
  }
}

export interface OttPlayerElement {
  addEventListener<K extends keyof OttPlayerElementEventMap>(
    type: K,
    listener: (this: OttPlayerElement, event: OttPlayerElementEventMap[K]) => unknown,
    options?: boolean | AddEventListenerOptions,
  ): void;
  addEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | AddEventListenerOptions): void;
  removeEventListener<K extends keyof OttPlayerElementEventMap>(
    type: K,
    listener: (this: OttPlayerElement, event: OttPlayerElementEventMap[K]) => unknown,
    options?: boolean | EventListenerOptions,
  ): void;
  removeEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | EventListenerOptions): void;
}

declare global {
  interface HTMLElementTagNameMap {
    'ott-player': OttPlayerElement;
  }
}
