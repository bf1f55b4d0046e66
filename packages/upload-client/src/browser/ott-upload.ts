// The script-tag bundle a tenant's page loads from the API (`/sdk/ott-upload.js`): `OttUpload.upload(file, {
// directUploadUrl, onProgress })` sends a file through a direct upload with the portal's resumable client (the same
// openUpload, part URL pool and retrying part sender), never a key. Sending the same file again after a reload
// continues where it stopped (the server knows which parts it holds).
import { directUploadApi, parseDirectUploadUrl } from '../direct-upload-api.js';
import { openUpload } from '../open-upload.js';
import { PartUrlPool } from '../part-url-pool.js';
import type { ResumeState } from '../resume-state.js';
import { sendParts } from '../send-parts.js';
import { putPartWithXhr } from '../xhr-put-part.js';

export interface UploadProgress {
  sentBytes: number;
  totalBytes: number;
  /** 0 to 1. */
  fraction: number;
}

export interface UploadOptions {
  /** The direct upload's `url`, as the tenant's server received it. */
  directUploadUrl: string;
  onProgress?: (progress: UploadProgress) => void;
  signal?: AbortSignal;
}

export interface UploadResult {
  videoId: string;
  /** `queued` once every byte is stored: the video is being prepared. */
  status: string;
  resumed: boolean;
}

export async function upload(file: File, options: UploadOptions): Promise<UploadResult> {
  const target = parseDirectUploadUrl(options.directUploadUrl);
  const api = directUploadApi(target, file);
  const opened = await openUpload({ size: file.size, api, resume: rememberedIn(`ott-upload:${target.directUploadId}`, file) });
  let sent = opened.storedBytes;
  const report = () => options.onProgress?.({ sentBytes: sent, totalBytes: file.size, fraction: file.size === 0 ? 1 : Math.min(1, sent / file.size) });
  report();
  if (opened.urls && opened.partNumbers.length > 0) {
    await sendParts({
      plan: opened.plan,
      partNumbers: opened.partNumbers,
      urls: new PartUrlPool(
        opened.urls,
        (partNumbers) => api.partUrls(opened.videoId, partNumbers),
        () => Date.now(),
      ),
      put: ({ url, range, signal, onProgress }) => putPartWithXhr({ url, body: file.slice(range.start, range.start + range.length), signal, onProgress }),
      signal: options.signal,
      onBytes: (delta) => {
        sent += delta;
        report();
      },
    });
  }
  const completed = await api.complete(opened.videoId);
  return { videoId: completed.videoId, status: completed.status, resumed: opened.resumed };
}

/** The video this file became, kept in the page's storage when it has any (a sandboxed frame may not). */
function rememberedIn(key: string, file: File): ResumeState {
  const identity = `${file.name}|${file.size}|${file.lastModified}`;
  const storage = (): Storage | undefined => {
    try {
      return globalThis.localStorage;
    } catch {
      return undefined;
    }
  };
  return {
    find: async () => {
      const [savedIdentity, videoId] = (storage()?.getItem(key) ?? '').split('\n');
      return savedIdentity === identity && videoId ? videoId : undefined;
    },
    remember: async (videoId) => storage()?.setItem(key, `${identity}\n${videoId}`),
    forget: async () => storage()?.removeItem(key),
  };
}

declare global {
  var OttUpload: { upload: typeof upload } | undefined;
}

globalThis.OttUpload = { upload };
