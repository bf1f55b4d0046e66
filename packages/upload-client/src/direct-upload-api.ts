// The upload calls of a direct upload (a one-time upload a tenant's backend created and handed to this page or app):
// the same UploadApi the portal binds to its tRPC client, bound here to the API's public /v1/direct-uploads/{id}
// routes, which the id alone authorises. No key is ever involved.
import type { PartUrlBatch, StoredParts, UploadTicket } from '@ott/contracts';
import type { UploadApi } from './open-upload.js';

export interface DirectUploadTarget {
  /** The API's public address, `https://api.example.com`. */
  apiBaseUrl: string;
  /** `du_…` */
  directUploadId: string;
}

/** What the status route tells the page about its own upload and the video it became. */
export interface DirectUploadProgress {
  id: string;
  status: 'waiting' | 'uploading' | 'completed' | 'cancelled' | 'expired';
  expiresAt: string;
  maxSizeBytes: number;
  video: { id: string; status: string; progress: number; playable: boolean; failureReason: string | null } | null;
}

/** The API refused a call: `message` says why in words a person can act on; `code` is the REST error code. */
export class DirectUploadError extends Error {
  override readonly name = 'DirectUploadError';

  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export interface DirectUploadApi extends UploadApi {
  complete(videoId: string): Promise<{ videoId: string; status: string }>;
  progress(): Promise<DirectUploadProgress>;
}

/** `https://api.example.com/v1/direct-uploads/du_…` (the `url` the backend was given) → its API and id. */
export function parseDirectUploadUrl(url: string): DirectUploadTarget {
  const match = /^(https?:\/\/[^/?#]+(?:\/[^?#]*?)?)\/v1\/direct-uploads\/(du_[A-Za-z0-9_-]+)\/?$/.exec(url.trim());
  if (!match?.[1] || !match[2]) throw new DirectUploadError(0, 'invalid_request', `"${url}" is not a direct upload URL: give the \`url\` your server received when it created the direct upload.`);
  return { apiBaseUrl: match[1], directUploadId: match[2] };
}

export function directUploadApi(target: DirectUploadTarget, file: { name: string; size: number }, fetchImpl: typeof fetch = (input, init) => fetch(input, init)): DirectUploadApi {
  const base = `${target.apiBaseUrl.replace(/\/$/, '')}/v1/direct-uploads/${encodeURIComponent(target.directUploadId)}`;
  const call = async <T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> => {
    // No credentials: the id authorises, and the API never grants credentialed CORS.
    const response = await fetchImpl(`${base}${path}`, {
      method,
      credentials: 'omit',
      ...(body === undefined ? {} : { headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) }),
    });
    const text = await response.text();
    let parsed: unknown;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = undefined;
    }
    if (!response.ok) {
      const error = (parsed as { error?: { code?: string; message?: string } } | undefined)?.error;
      throw new DirectUploadError(response.status, error?.code ?? 'unknown', error?.message ?? `The upload service answered HTTP ${response.status}.`);
    }
    return parsed as T;
  };
  return {
    videoStatus: async (videoId) => {
      const progress = await call<DirectUploadProgress>('GET', '/status');
      return progress.video?.id === videoId ? progress.video.status : undefined;
    },
    listParts: () => call<StoredParts<string>>('GET', '/parts'),
    partUrls: (_videoId, partNumbers) => call<PartUrlBatch<string>>('POST', '/parts', { partNumbers }),
    createUpload: () => call<UploadTicket<string>>('POST', '/start', { filename: file.name, size: file.size }),
    complete: () => call<{ videoId: string; status: string }>('POST', '/complete', {}),
    progress: () => call<DirectUploadProgress>('GET', '/status'),
  };
}
