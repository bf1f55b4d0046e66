// One file's upload journey: resume the video this file was already being sent as or start a new one (the
// upload client asks the server which parts it holds), send the missing parts, then complete so transcoding
// is queued.
import { openUpload, PartUrlPool, sendParts, type UploadApi } from '@ott/upload-client';
import { apiErrorCode } from '../api/api-error.js';
import type { VideoStatus } from '../api/api-types.js';
import type { ApiClient } from '../api/trpc-client.js';
import type { PutPart } from './put-part.js';
import type { ResumeStore } from './resume-store.js';
import { inPortalWords } from './upload-error.js';

export interface UploadStart {
  videoId: string;
  resumed: boolean;
  /** Bytes the server already held (resumed uploads). */
  storedBytes: number;
}

export interface UploadVideoFileInput {
  api: ApiClient;
  tenantId: string;
  file: File;
  resume: ResumeStore;
  put: PutPart;
  signal: AbortSignal;
  now: () => number;
  onStart: (start: UploadStart) => void;
  onBytes: (delta: number) => void;
  onCompleting: () => void;
}

export async function uploadVideoFile(input: UploadVideoFileInput): Promise<{ videoId: string; status: VideoStatus; resumed: boolean }> {
  try {
    return await sendFile(input);
  } catch (error) {
    throw inPortalWords(error);
  }
}

async function sendFile(input: UploadVideoFileInput): Promise<{ videoId: string; status: VideoStatus; resumed: boolean }> {
  const { file } = input;
  const api = uploadApi(input);
  const upload = await openUpload({
    size: file.size,
    api,
    resume: {
      find: async () => input.resume.find(input.tenantId, file)?.videoId,
      remember: async (videoId) => input.resume.remember({ tenantId: input.tenantId, name: file.name, size: file.size, lastModified: file.lastModified, videoId }),
      forget: async (videoId) => input.resume.forget(videoId),
    },
  });
  const { videoId } = upload;
  input.onStart({ videoId, resumed: upload.resumed, storedBytes: upload.storedBytes });
  if (upload.urls && upload.partNumbers.length > 0) {
    await sendParts({
      plan: upload.plan,
      partNumbers: upload.partNumbers,
      urls: new PartUrlPool(upload.urls, (partNumbers) => api.partUrls(videoId, partNumbers), input.now),
      put: ({ url, range, signal, onProgress }) => input.put({ url, body: file.slice(range.start, range.start + range.length), signal, onProgress }),
      signal: input.signal,
      onBytes: input.onBytes,
    });
  }
  input.onCompleting();
  const completed = await input.api.videos.completeUpload.mutate({ videoId });
  input.resume.forget(videoId);
  return { videoId, status: completed.status, resumed: upload.resumed };
}

function uploadApi({ api, file }: UploadVideoFileInput): UploadApi {
  return {
    videoStatus: (videoId) =>
      api.videos.get.query({ videoId }).then(
        (video) => video.status,
        (error: unknown) => {
          // Deleted since: this file simply starts over.
          if (apiErrorCode(error) === 'NOT_FOUND') return undefined;
          throw error;
        },
      ),
    listParts: (videoId) => api.videos.listParts.query({ videoId }),
    partUrls: (videoId, partNumbers) => api.videos.partUrls.mutate({ videoId, partNumbers }),
    createUpload: () => api.videos.createUpload.mutate({ filename: file.name, size: file.size }),
  };
}
