// Keeps one player's playback grant in force: authorises with the control plane (asking the page for a fresh
// credential each time), renews the grant before it ends, retries a failed renewal while the grant lasts, and
// hands every new grant to the player. One authorisation at a time: a newer one aborts the older.
import { warnDeveloperOnce } from '../developer-warning.js';
import { ErrorCodes, ErrorTypes, type PlayerError } from '../errors.js';
import type { PlayerMessages } from '../i18n/player-messages.js';
import type { PlayerOptions } from '../player-options.js';
import { AuthorizeError, authorizePlayback } from './authorize-client.js';
import { FINAL_CODES } from './final-codes.js';
import type { PlaybackGrant } from './playback-grant.js';
import { refreshDelayMs, retryDelayMs } from './refresh-schedule.js';

/** A grant is in force, or why not; no error when the attempt was superseded or the keeper stopped. */
export type GrantResult = { ok: true } | { ok: false; error: PlayerError | undefined };

/** What authorising takes from the page's options; read at each authorisation, as the page gave them. */
export type GrantOptions = Pick<PlayerOptions, 'api' | 'videoId' | 'credential' | 'getCredential' | 'fetch'>;

export interface GrantListener {
  /** A new grant is in force; `refreshed` when it replaced one under the running stream. */
  granted(grant: PlaybackGrant, refreshed: boolean): void;
  /** A renewal failed (the current grant still holds until it ends). */
  refreshFailed(error: PlayerError): void;
}

export class GrantKeeper {
  readonly #options: GrantOptions;
  readonly #listener: GrantListener;
  readonly #messages: PlayerMessages;
  #credential: string | undefined;
  #grant: PlaybackGrant | undefined;
  #authorizing: AbortController | undefined;
  #refreshTimer: ReturnType<typeof setTimeout> | undefined;
  #refreshAttempts = 0;
  #stopped = false;

  constructor(options: GrantOptions, listener: GrantListener, messages: PlayerMessages) {
    this.#options = options;
    this.#listener = listener;
    this.#messages = messages;
    this.#credential = tokenOrNothing(options.credential);
  }

  /** The newest grant; engines read it per request, so a refresh applies from the next request on. */
  get grant(): PlaybackGrant | undefined {
    return this.#grant;
  }

  /** The credential the player was given (not one from getCredential). */
  get credential(): string | undefined {
    return this.#credential;
  }

  /** The credential for the next authorisation (an empty one means none). */
  useCredential(credential: string | undefined): void {
    this.#credential = tokenOrNothing(credential);
  }

  /** The grant a load starts with: a failure here is the player's fatal error. */
  async start(): Promise<GrantResult> {
    let grant: PlaybackGrant;
    try {
      grant = await this.#authorize();
    } catch (error) {
      return { ok: false, error: this.#stopped || isAbort(error) ? undefined : toPlayerError(error, true, this.#messages) };
    }
    if (this.#stopped) return { ok: false, error: undefined };
    this.#use(grant, false);
    return { ok: true };
  }

  /** Re-authorise and swap the grant under the running stream. */
  async refresh(): Promise<GrantResult> {
    let grant: PlaybackGrant;
    try {
      grant = await this.#authorize();
    } catch (error) {
      if (this.#stopped || isAbort(error)) return { ok: false, error: undefined };
      const problem = toPlayerError(error, false, this.#messages);
      this.#listener.refreshFailed(problem);
      // A transient failure is retried while the current grant lasts; a refusal is final (the edge's 403
      // will then end playback with the reason).
      if (!FINAL_CODES.has(problem.code)) {
        this.#refreshAttempts += 1;
        this.#scheduleRefresh(retryDelayMs(this.#refreshAttempts));
      }
      return { ok: false, error: problem };
    }
    if (this.#stopped) return { ok: false, error: undefined };
    this.#refreshAttempts = 0;
    this.#use(grant, true);
    return { ok: true };
  }

  /** No renewal until the next grant (the player is starting over). */
  cancelRefresh(): void {
    clearTimeout(this.#refreshTimer);
  }

  /** For good: no timer, no request in flight, no grant handed over any more. */
  stop(): void {
    this.#stopped = true;
    clearTimeout(this.#refreshTimer);
    this.#authorizing?.abort();
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
      messages: this.#messages,
    });
  }

  #use(grant: PlaybackGrant, refreshed: boolean): void {
    this.#grant = grant;
    // Scheduled before the player hears of the grant: a listener that destroys the player then clears it.
    this.#scheduleRefresh(refreshDelayMs(grant.expiresAt, Date.now()));
    this.#listener.granted(grant, refreshed);
  }

  #scheduleRefresh(delayMs: number): void {
    clearTimeout(this.#refreshTimer);
    this.#refreshTimer = setTimeout(() => void this.refresh(), delayMs);
  }
}

/** Every credential the API takes (viewer ID token, playback token, preview token) is a JWT: three dot-separated parts. */
const TOKEN_SHAPE = /^[\w-]+\.[\w-]+\.[\w-]+$/;

/**
 * A credential that is no token at all — typically a placeholder such as `VIEWER_ID_TOKEN` left in — is dropped
 * with a word to the developer, so the viewer is asked to sign in instead of being told a sign-in "has expired".
 */
function tokenOrNothing(credential: string | undefined): string | undefined {
  if (!credential) return undefined;
  if (TOKEN_SHAPE.test(credential)) return credential;
  warnDeveloperOnce(
    'the credential given is not a token (a viewer ID token or a playback token has three dot-separated parts), so it is ignored. Remove the placeholder to let viewers sign in inside the player, or pass a real token.',
  );
  return undefined;
}

function isAbort(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}

function toPlayerError(error: unknown, fatal: boolean, messages: PlayerMessages): PlayerError {
  if (error instanceof AuthorizeError) {
    return {
      type: ErrorTypes.AUTHORIZATION_ERROR,
      code: error.code,
      fatal,
      message: error.message,
      ...(error.httpStatus ? { httpStatus: error.httpStatus } : {}),
      ...(error.details ? { details: error.details } : {}),
      ...(error.offers ? { offers: error.offers } : {}),
    };
  }
  return { type: ErrorTypes.AUTHORIZATION_ERROR, code: ErrorCodes.AUTHORIZE_FAILED, fatal, message: messages.errorTryLater };
}
