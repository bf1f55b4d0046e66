import type { HlsConfig } from 'hls.js';

export type CredentialSource = () => string | null | undefined | Promise<string | null | undefined>;

export interface PlayerOptions {
  /** The video to play (its id in OTT Cloud). */
  videoId: string;
  /** Base URL of the OTT Cloud API, e.g. `https://api.example.com`. */
  api: string;
  /** A viewer's JWT from the tenant's viewer pool, or a playback token the tenant's backend signed. */
  credential?: string;
  /**
   * Asked before every authorisation (the first, each refresh, each retry); return a fresh credential, or
   * nothing to fall back to `credential`. Lets a site hand over short-lived tokens as they rotate.
   */
  getCredential?: CredentialSource;
  autoplay?: boolean;
  muted?: boolean;
  /** Start again from the beginning at the end. */
  loop?: boolean;
  /**
   * 'metadata' (the default without autoplay) fetches only the playlists until the viewer presses play, so
   * views that never play cost no video egress; 'auto' buffers right away for the quickest start.
   */
  preload?: 'auto' | 'metadata';
  /** Seconds into the video to start from. */
  startTime?: number;
  /** Report quality of experience to the API (default true). */
  qoe?: boolean;
  /** How often QoE totals are sent while playing (default 30 s); they are also sent when the page hides. */
  qoeIntervalMs?: number;
  /** Force an engine; by default hls.js where Media Source Extensions exist, else the browser's own HLS. */
  engine?: 'auto' | 'hls.js' | 'native';
  /** Passed to hls.js as is, over the player's settings. */
  hlsConfig?: Partial<HlsConfig>;
  /**
   * 'built-in' (the default): a viewers-only video shows a sign-in form in the player, and the viewer's session is kept
   * per tenant on this site. 'none': for tenants with their own identity; the player only emits `signinrequired` and
   * shows the message (pass the viewer's token as `credential`, or sign in through the JS API).
   */
  signIn?: 'built-in' | 'none';
  /**
   * 'built-in' (the default): a paid title the viewer has not bought shows its offers in the player, and a button
   * opens checkout. 'none': for tenants with their own paywall; the player emits `paywall` with the offers and shows
   * the message (call `buy(offerId)` to open checkout).
   */
  paywall?: 'built-in' | 'none';
  /** Where checkout returns the viewer (paid or not); by default the embedding page's address. Must be on the tenant's own site. */
  checkoutReturnUrl?: string;
  /** The player's language (`en`, `fr`); by default the browser's, else English. */
  lang?: string;
  /** For tests and special environments. */
  fetch?: typeof fetch;
}

export const DEFAULT_QOE_INTERVAL_MS = 30_000;
