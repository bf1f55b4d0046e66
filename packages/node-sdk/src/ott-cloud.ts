// The friendly face of the REST API: `new OttCloud({ apiKey, baseUrl })`, one namespace per area, typed by the
// OpenAPI document the API serves (src/generated/openapi.ts) and sent with openapi-fetch. Every failure is an
// OttApiError; a 429 is retried once after its Retry-After; lists are pages, and `all()` iterates every item.
import createClient, { type Client } from 'openapi-fetch';
import type { QueryOf, RequestBody, ResponseOf } from './api-types.js';
import type { paths } from './generated/openapi.js';
import { OttApiError } from './ott-api-error.js';
import { paginate } from './paginate.js';
import { retryingFetch } from './retrying-fetch.js';
import { uploadFile, type UploadFileOptions, type UploadFileResult } from './upload-file.js';

export interface OttCloudOptions {
  /** A server API key, `ott_sk_…`, from the portal's Developers page or `ott api-keys create`. Keep it on servers. */
  apiKey: string;
  /** The API's origin, e.g. `https://api.example.com` (the Developers page shows yours). */
  baseUrl: string;
  /** A fetch to send requests with (tests, proxies); the global one otherwise. */
  fetch?: (request: Request) => Promise<Response>;
  /** The longest Retry-After waited for once on a 429, in seconds (default 60). */
  maxRetryAfterSeconds?: number;
}

/** For creates: the same key sent again within 24 hours replays the first answer instead of creating twice. */
export interface CreateOptions {
  idempotencyKey?: string;
}

type Query<P extends keyof paths> = QueryOf<P, 'get'>;
type WithoutCursor<Q> = Omit<Q, 'cursor'>;

export type VideoPage = ResponseOf<'/v1/videos', 'get'>;
/** A video as lists show it. */
export type Video = VideoPage['data'][number];
/** A video with its renditions, as `videos.get` answers. */
export type VideoDetails = ResponseOf<'/v1/videos/{videoId}', 'get'>;
export type UploadTicket = ResponseOf<'/v1/videos', 'post'>;
export type DirectUpload = ResponseOf<'/v1/direct-uploads', 'post'>;
export type PlaybackToken = ResponseOf<'/v1/playback-tokens', 'post'>;
export type WebhookEndpointCreated = ResponseOf<'/v1/webhook-endpoints', 'post'>;

export class OttCloud {
  readonly #client: Client<paths>;

  constructor(options: OttCloudOptions) {
    if (!options.apiKey?.startsWith('ott_sk_')) throw new TypeError('OttCloud needs apiKey: a server API key starting with ott_sk_ (create one on the Developers page or with `ott api-keys create`).');
    this.#client = createClient<paths>({
      baseUrl: options.baseUrl.replace(/\/+$/, ''),
      headers: { authorization: `Bearer ${options.apiKey}` },
      fetch: retryingFetch({ ...(options.fetch ? { fetch: options.fetch } : {}), ...(options.maxRetryAfterSeconds !== undefined ? { maxRetryAfterSeconds: options.maxRetryAfterSeconds } : {}) }),
    });
  }

  readonly videos = {
    list: (query: Query<'/v1/videos'> = {}) => unwrap(this.#client.GET('/v1/videos', { params: { query } })),
    all: (query: WithoutCursor<Query<'/v1/videos'>> = {}) => paginate((cursor) => this.videos.list({ ...query, ...(cursor ? { cursor } : {}) })),
    get: (videoId: string) => unwrap(this.#client.GET('/v1/videos/{videoId}', { params: { path: { videoId } } })),
    update: (videoId: string, changes: RequestBody<'/v1/videos/{videoId}', 'patch'>) => unwrap(this.#client.PATCH('/v1/videos/{videoId}', { params: { path: { videoId } }, body: changes })),
    delete: (videoId: string) => unwrap(this.#client.DELETE('/v1/videos/{videoId}', { params: { path: { videoId } } })),
    /** A signed address of a JPEG of the video at `time` seconds, `width` pixels wide (made on its first request). */
    imageUrl: (videoId: string, query: Query<'/v1/videos/{videoId}/image-url'>) => unwrap(this.#client.GET('/v1/videos/{videoId}/image-url', { params: { path: { videoId }, query } })),
    /** Starts a multipart upload for a file of `size` bytes; `uploads.uploadFile` does the whole journey. */
    createUpload: (input: RequestBody<'/v1/videos', 'post'>, options: CreateOptions = {}) => unwrap(this.#client.POST('/v1/videos', { body: input, headers: idempotency(options) })),
    partUrls: (videoId: string, partNumbers: number[]) => unwrap(this.#client.POST('/v1/videos/{videoId}/parts', { params: { path: { videoId } }, body: { partNumbers } })),
    listParts: (videoId: string) => unwrap(this.#client.GET('/v1/videos/{videoId}/parts', { params: { path: { videoId } } })),
    complete: (videoId: string) => unwrap(this.#client.POST('/v1/videos/{videoId}/complete', { params: { path: { videoId } } })),
    /** The platform fetches the file from a public http(s) URL (private addresses are refused). */
    import: (input: RequestBody<'/v1/videos/import', 'post'>, options: CreateOptions = {}) => unwrap(this.#client.POST('/v1/videos/import', { body: input, headers: idempotency(options) })),
    /** A new video from a time range of a ready one (exact at both edges); wait for it like an upload. */
    createClip: (videoId: string, input: RequestBody<'/v1/videos/{videoId}/clips', 'post'>, options: CreateOptions = {}) =>
      unwrap(this.#client.POST('/v1/videos/{videoId}/clips', { params: { path: { videoId } }, body: input, headers: idempotency(options) })),
    /** Polls until the video is ready (or failed: then throws with its reason). A webhook is the prompter way. */
    waitUntilReady: async (videoId: string, { timeoutMs = 30 * 60_000, intervalMs = 2_000 }: { timeoutMs?: number; intervalMs?: number } = {}): Promise<VideoDetails> => {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const video = await this.videos.get(videoId);
        if (video.status === 'ready') return video;
        if (video.status === 'failed') throw new OttApiError(409, 'conflict', `Video ${videoId} failed to process${video.failureReason ? `: ${video.failureReason}` : ''}.`, { videoId });
        if (Date.now() > deadline) throw new OttApiError(408, 'not_ready', `Video ${videoId} was still ${video.status} after ${Math.round(timeoutMs / 1000)} s.`, { videoId, status: video.status });
        await new Promise((resolve) => setTimeout(resolve, intervalMs));
      }
    },
  };

  readonly chapters = {
    get: (videoId: string) => unwrap(this.#client.GET('/v1/videos/{videoId}/chapters', { params: { path: { videoId } } })),
    /** Replaces every chapter of the video; an empty list removes them. */
    set: (videoId: string, chapters: RequestBody<'/v1/videos/{videoId}/chapters', 'put'>['chapters']) =>
      unwrap(this.#client.PUT('/v1/videos/{videoId}/chapters', { params: { path: { videoId } }, body: { chapters } })),
  };

  readonly uploads = {
    /** Uploads a local file as a new video: multipart, parts in parallel, each retried; then completes it. */
    uploadFile: (path: string, options: UploadFileOptions = {}): Promise<UploadFileResult> =>
      uploadFile(path, options, {
        createUpload: (input) => this.videos.createUpload(input),
        videoStatus: async (videoId) => {
          try {
            return (await this.videos.get(videoId)).status;
          } catch (error) {
            if (error instanceof OttApiError && error.status === 404) return undefined;
            throw error;
          }
        },
        listParts: (videoId) => this.videos.listParts(videoId),
        partUrls: (videoId, partNumbers) => this.videos.partUrls(videoId, partNumbers),
        complete: async (videoId) => {
          await this.videos.complete(videoId);
        },
      }),
  };

  readonly directUploads = {
    /** A one-time upload for a browser or phone: hand it `url`; it never needs a key. */
    create: (input: RequestBody<'/v1/direct-uploads', 'post'>, options: CreateOptions = {}) => unwrap(this.#client.POST('/v1/direct-uploads', { body: input, headers: idempotency(options) })),
    list: (query: Query<'/v1/direct-uploads'> = {}) => unwrap(this.#client.GET('/v1/direct-uploads', { params: { query } })),
    all: (query: WithoutCursor<Query<'/v1/direct-uploads'>> = {}) => paginate((cursor) => this.directUploads.list({ ...query, ...(cursor ? { cursor } : {}) })),
    get: (directUploadId: string) => unwrap(this.#client.GET('/v1/direct-uploads/{directUploadId}', { params: { path: { directUploadId } } })),
    cancel: (directUploadId: string) => unwrap(this.#client.POST('/v1/direct-uploads/{directUploadId}/cancel', { params: { path: { directUploadId } } })),
  };

  readonly downloads = {
    get: (videoId: string) => unwrap(this.#client.GET('/v1/videos/{videoId}/downloads', { params: { path: { videoId } } })),
    /** On: the MP4 files are made (a minute or two); off: they are deleted. */
    setEnabled: (videoId: string, enabled: boolean) => unwrap(this.#client.PATCH('/v1/videos/{videoId}/downloads', { params: { path: { videoId } }, body: { enabled } })),
    /** Signed links, one per file, to hand to a viewer after your own checks. */
    links: (videoId: string) => unwrap(this.#client.GET('/v1/videos/{videoId}/downloads/links', { params: { path: { videoId } } })),
  };

  readonly playbackTokens = {
    /** A short-lived token the player takes as `credential` for token-only and viewers-only videos. */
    create: (input: RequestBody<'/v1/playback-tokens', 'post'>) => unwrap(this.#client.POST('/v1/playback-tokens', { body: input })),
  };

  readonly viewers = {
    list: (query: Query<'/v1/viewers'> = {}) => unwrap(this.#client.GET('/v1/viewers', { params: { query } })),
    all: (query: WithoutCursor<Query<'/v1/viewers'>> = {}) => paginate((cursor) => this.viewers.list({ ...query, ...(cursor ? { cursor } : {}) })),
    invite: (input: RequestBody<'/v1/viewers', 'post'>, options: CreateOptions = {}) => unwrap(this.#client.POST('/v1/viewers', { body: input, headers: idempotency(options) })),
    remove: (viewerId: string) => unwrap(this.#client.DELETE('/v1/viewers/{viewerId}', { params: { path: { viewerId } } })),
  };

  readonly usage = {
    get: (query: Query<'/v1/usage'> = {}) => unwrap(this.#client.GET('/v1/usage', { params: { query } })),
  };

  /** Viewer analytics, as JSON (the REST API also answers each panel as CSV with `format=csv`). */
  readonly analytics = {
    overview: (query: Query<'/v1/analytics/overview'> = {}) => unwrap(this.#client.GET('/v1/analytics/overview', { params: { query } })),
    timeSeries: (query: Query<'/v1/analytics/timeseries'> = {}) => unwrap(this.#client.GET('/v1/analytics/timeseries', { params: { query } })),
    breakdown: (query: Query<'/v1/analytics/breakdown'>) => unwrap(this.#client.GET('/v1/analytics/breakdown', { params: { query } })),
    topVideos: (query: Query<'/v1/analytics/top-videos'> = {}) => unwrap(this.#client.GET('/v1/analytics/top-videos', { params: { query } })),
    qoe: (query: Query<'/v1/analytics/qoe'> = {}) => unwrap(this.#client.GET('/v1/analytics/qoe', { params: { query } })),
    retention: (videoId: string, query: Query<'/v1/analytics/videos/{videoId}/retention'> = {}) =>
      unwrap(this.#client.GET('/v1/analytics/videos/{videoId}/retention', { params: { path: { videoId }, query } })),
  };

  readonly webhookEndpoints = {
    list: (query: Query<'/v1/webhook-endpoints'> = {}) => unwrap(this.#client.GET('/v1/webhook-endpoints', { params: { query } })),
    all: (query: WithoutCursor<Query<'/v1/webhook-endpoints'>> = {}) => paginate((cursor) => this.webhookEndpoints.list({ ...query, ...(cursor ? { cursor } : {}) })),
    /** The answer's `secret` (whsec_…) is shown this once: give it to your receiver's verifyWebhook. */
    create: (input: RequestBody<'/v1/webhook-endpoints', 'post'>, options: CreateOptions = {}) => unwrap(this.#client.POST('/v1/webhook-endpoints', { body: input, headers: idempotency(options) })),
    get: (endpointId: string) => unwrap(this.#client.GET('/v1/webhook-endpoints/{endpointId}', { params: { path: { endpointId } } })),
    update: (endpointId: string, changes: RequestBody<'/v1/webhook-endpoints/{endpointId}', 'patch'>) =>
      unwrap(this.#client.PATCH('/v1/webhook-endpoints/{endpointId}', { params: { path: { endpointId } }, body: changes })),
    delete: (endpointId: string) => unwrap(this.#client.DELETE('/v1/webhook-endpoints/{endpointId}', { params: { path: { endpointId } } })),
    rotateSecret: (endpointId: string) => unwrap(this.#client.POST('/v1/webhook-endpoints/{endpointId}/rotate-secret', { params: { path: { endpointId } } })),
    sendTest: (endpointId: string) => unwrap(this.#client.POST('/v1/webhook-endpoints/{endpointId}/test', { params: { path: { endpointId } } })),
    deliveries: (endpointId: string, query: Query<'/v1/webhook-endpoints/{endpointId}/deliveries'> = {}) =>
      unwrap(this.#client.GET('/v1/webhook-endpoints/{endpointId}/deliveries', { params: { path: { endpointId }, query } })),
    replayDelivery: (deliveryId: string) => unwrap(this.#client.POST('/v1/webhook-deliveries/{deliveryId}/replay', { params: { path: { deliveryId } } })),
  };
}

function idempotency(options: CreateOptions): Record<string, string> {
  return options.idempotencyKey ? { 'idempotency-key': options.idempotencyKey } : {};
}

async function unwrap<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  let result: { data?: T; error?: unknown; response: Response };
  try {
    result = await call;
  } catch (error) {
    const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
    throw new OttApiError(0, 'network_error', `Could not reach the OTT Cloud API: ${cause instanceof Error ? cause.message : String(cause)}. Check baseUrl and your network.`);
  }
  if (!result.response.ok) throw OttApiError.fromResponse(result.response, result.error);
  return result.data as T;
}
