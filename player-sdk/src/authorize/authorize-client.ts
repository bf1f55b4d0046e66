// playback.authorize over plain fetch (no tRPC client in the bundle): POST {api}/trpc/playback.authorize with
// JSON `{ videoId, credential, playbackSession }` (the session of the grant being renewed: the new grant continues
// it). tRPC answers `{ result: { data } }`, or `{ error: { message, data: { code, httpStatus } } }` with a message
// written for the viewer, in English: a player speaking another language shows its own sentence for the refusal.
import type { ApiErrorCode, PlaybackRefusalReason } from '@ott/contracts';
import { ErrorCodes } from '../errors.js';
import { parseOffers, type Offer } from '../paywall/offer.js';
import { en } from '../i18n/en.js';
import type { PlayerMessages } from '../i18n/player-messages.js';
import { parsePlaybackGrant, type PlaybackGrant } from './playback-grant.js';

export class AuthorizeError extends Error {
  constructor(
    readonly code: ErrorCodes,
    message: string,
    readonly httpStatus: number | undefined,
    /** For the page's developer, not the viewer: what the tenant can change. */
    readonly details?: string,
    /** A paid title: the offers on sale that would unlock it (empty when none is on sale). */
    readonly offers?: readonly Offer[],
  ) {
    super(message);
    this.name = 'AuthorizeError';
  }
}

const CODES: Partial<Record<ApiErrorCode, ErrorCodes>> = {
  UNAUTHORIZED: ErrorCodes.UNAUTHORIZED,
  FORBIDDEN: ErrorCodes.FORBIDDEN,
  PAYMENT_REQUIRED: ErrorCodes.PAYMENT_REQUIRED,
  NOT_FOUND: ErrorCodes.NOT_FOUND,
  PRECONDITION_FAILED: ErrorCodes.NOT_READY,
  TOO_MANY_REQUESTS: ErrorCodes.TOO_MANY_REQUESTS,
  // A malformed id in an embed snippet is, for the viewer, a video that does not exist.
  BAD_REQUEST: ErrorCodes.NOT_FOUND,
};

/** What came with a refusal that had a reason. */
interface Refusal {
  /** The API's sentence, in English. */
  serverMessage: string;
  /** When a title not yet published opens (`data.availableFrom`). */
  availableFrom: Date | undefined;
  messages: PlayerMessages;
}

/** The API's sentence when the player speaks English (it names the country, the date); otherwise the catalogue's. */
const englishOr = (refusal: Refusal, sentence: string) => (refusal.serverMessage !== '' && refusal.messages.language === en.language ? refusal.serverMessage : sentence);

/**
 * Refusals with a stable reason: `developer` when the API's message is for the page's developer (the viewer reads the
 * catalogue's sentence, the developer gets it as `details`); the others are for the viewer.
 */
const REASONS: Partial<Record<PlaybackRefusalReason, { code: ErrorCodes; message: (refusal: Refusal) => string; developer?: true }>> = {
  'origin-not-allowed': { code: ErrorCodes.ORIGIN_NOT_ALLOWED, message: ({ messages }) => messages.errorOriginNotAllowed, developer: true },
  'not-available-in-country': { code: ErrorCodes.NOT_AVAILABLE_IN_COUNTRY, message: (refusal) => englishOr(refusal, refusal.messages.errorNotAvailableInCountry) },
  // The date in the viewer's own language and time zone, which the API does not know.
  'not-yet-available': {
    code: ErrorCodes.NOT_YET_AVAILABLE,
    message: ({ messages, availableFrom, serverMessage }) =>
      availableFrom
        ? messages.errorNotYetAvailable(new Intl.DateTimeFormat(messages.language, { dateStyle: 'long', timeStyle: 'short' }).format(availableFrom))
        : serverMessage || messages.errorTryLater,
  },
  'no-longer-available': { code: ErrorCodes.NO_LONGER_AVAILABLE, message: (refusal) => englishOr(refusal, refusal.messages.errorNoLongerAvailable) },
  // The offers in `data.offers` are for the paywall; the sentence ("rent it again") shows above them.
  'payment-required': { code: ErrorCodes.PAYMENT_REQUIRED, message: (refusal) => englishOr(refusal, refusal.messages.errorPaymentRequired) },
};

/** The viewer's sentence for a refusal the API gave no usable message for. */
function fallbackMessage(code: ErrorCodes, messages: PlayerMessages): string {
  if (code === ErrorCodes.UNAUTHORIZED) return messages.errorSignInRequired;
  if (code === ErrorCodes.FORBIDDEN) return messages.errorForbidden;
  if (code === ErrorCodes.NOT_FOUND) return messages.errorNotFound;
  return messages.errorTryLater;
}

export interface AuthorizeRequest {
  api: string;
  videoId: string;
  credential: string | undefined;
  /** The grant being renewed: its session goes on. */
  playbackSession?: string | undefined;
  fetch: typeof fetch;
  signal?: AbortSignal;
  /** The player's language: the sentences the viewer reads. */
  messages: PlayerMessages;
}

export async function authorizePlayback(request: AuthorizeRequest): Promise<PlaybackGrant> {
  const url = `${request.api.replace(/\/+$/, '')}/trpc/playback.authorize`;
  let response: Response;
  try {
    response = await request.fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ videoId: request.videoId, credential: request.credential || undefined, playbackSession: request.playbackSession }),
      // The credential travels in the body; no cookies of the API's origin are wanted or needed.
      credentials: 'omit',
      ...(request.signal ? { signal: request.signal } : {}),
    });
  } catch (error) {
    if (request.signal?.aborted) throw error;
    throw new AuthorizeError(ErrorCodes.AUTHORIZE_FAILED, request.messages.errorUnreachable, undefined);
  }
  const body = (await response.json().catch(() => undefined)) as
    { result?: { data?: unknown }; error?: { message?: unknown; data?: { code?: unknown; reason?: unknown; availableFrom?: unknown; offers?: unknown } } } | undefined;
  if (response.ok && body?.result) return parsePlaybackGrant(body.result.data);
  const serverMessage = typeof body?.error?.message === 'string' ? body.error.message : '';
  const reasonCode = body?.error?.data?.reason;
  const reason = typeof reasonCode === 'string' && Object.hasOwn(REASONS, reasonCode) ? REASONS[reasonCode as PlaybackRefusalReason] : undefined;
  if (reason) {
    const from = body?.error?.data?.availableFrom;
    const availableFrom = typeof from === 'string' && !Number.isNaN(Date.parse(from)) ? new Date(from) : undefined;
    const message = reason.message({ serverMessage, availableFrom, messages: request.messages });
    const offers = reason.code === ErrorCodes.PAYMENT_REQUIRED ? parseOffers(body?.error?.data?.offers) : undefined;
    throw new AuthorizeError(reason.code, message, response.status, reason.developer ? serverMessage || undefined : undefined, offers);
  }
  const trpcCode = typeof body?.error?.data?.code === 'string' ? body.error.data.code : '';
  const code = CODES[trpcCode as ApiErrorCode] ?? ErrorCodes.AUTHORIZE_FAILED;
  // The API writes English; its sentences are more precise ("not ready yet, 40%") than the catalogue's.
  const message = serverMessage !== '' && request.messages.language === en.language ? serverMessage : fallbackMessage(code, request.messages);
  throw new AuthorizeError(code, message, response.status);
}
