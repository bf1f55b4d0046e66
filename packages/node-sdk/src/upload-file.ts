// Uploads a local file with the one resumable client the portal and the CLI use (@ott/upload-client): create the
// upload, PUT its parts in parallel from the file (each retried, URLs renewed when they expire), then complete it.
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { StoredParts, UploadTicket } from '@ott/contracts';
import { openUpload, PartUrlPool, sendParts, type AnyPartUrlBatch, type ResumeState } from '@ott/upload-client';
import { putFilePart } from './put-file-part.js';

export interface UploadFileOptions {
  title?: string;
  description?: string;
  accessMode?: 'public' | 'viewers' | 'token';
  /** Parts in flight at once (default 4). */
  concurrency?: number;
  /** Called as bytes go out: the fraction of the file the server holds. */
  onProgress?: (fraction: number) => void;
  /** Where to remember which video a file is being sent as, to resume after a crash; nothing is kept otherwise. */
  resume?: ResumeState;
}

export interface UploadFileResult {
  videoId: string;
  partCount: number;
  resumed: boolean;
}

/** The calls an upload makes, bound by OttCloud to the REST API. */
export interface UploadCalls {
  createUpload(input: { filename: string; size: number; title?: string; description?: string; accessMode?: 'public' | 'viewers' | 'token' }): Promise<UploadTicket<string | Date>>;
  videoStatus(videoId: string): Promise<string | undefined>;
  listParts(videoId: string): Promise<StoredParts<string | Date>>;
  partUrls(videoId: string, partNumbers: number[]): Promise<AnyPartUrlBatch>;
  complete(videoId: string): Promise<void>;
}

const NO_RESUME: ResumeState = { find: async () => undefined, remember: async () => undefined, forget: async () => undefined };

export async function uploadFile(file: string, options: UploadFileOptions, calls: UploadCalls): Promise<UploadFileResult> {
  const absolute = path.resolve(file);
  const stats = await stat(absolute);
  if (!stats.isFile()) throw new TypeError(`${file} is not a file: give the path of a video file.`);
  const upload = await openUpload({
    size: stats.size,
    resume: options.resume ?? NO_RESUME,
    api: {
      videoStatus: (videoId) => calls.videoStatus(videoId),
      listParts: (videoId) => calls.listParts(videoId),
      partUrls: (videoId, partNumbers) => calls.partUrls(videoId, partNumbers),
      createUpload: () =>
        calls.createUpload({
          filename: path.basename(absolute),
          size: stats.size,
          ...(options.title !== undefined ? { title: options.title } : {}),
          ...(options.description !== undefined ? { description: options.description } : {}),
          ...(options.accessMode !== undefined ? { accessMode: options.accessMode } : {}),
        }),
    },
  });
  const { videoId, plan } = upload;
  if (upload.urls && upload.partNumbers.length > 0) {
    let sent = upload.storedBytes;
    await sendParts({
      plan,
      partNumbers: upload.partNumbers,
      urls: new PartUrlPool(upload.urls, (partNumbers) => calls.partUrls(videoId, partNumbers), Date.now),
      put: putFilePart(absolute, fetch),
      concurrency: options.concurrency ?? 4,
      sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
      onBytes: (delta) => {
        sent += delta;
        options.onProgress?.(plan.size === 0 ? 1 : sent / plan.size);
      },
    });
  }
  await calls.complete(videoId);
  await options.resume?.forget(videoId);
  return { videoId, partCount: plan.partCount, resumed: upload.resumed };
}
