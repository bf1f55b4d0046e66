// One file's upload journey: resume the video this file was already being sent as (asking the server which
// parts it holds) or start a new one, send the missing parts, then complete so transcoding is queued.
import { apiErrorCode } from '../api/api-error.js';
import type { PartUrlBatch, VideoStatus } from '../api/api-types.js';
import type { ApiClient } from '../api/trpc-client.js';
import { bytesIn, checkedPlan, partsToSend, type PartPlan } from './part-plan.js';
import { partUrls } from './part-urls.js';
import type { PutPart } from './put-part.js';
import type { ResumeStore } from './resume-store.js';
import { sendParts } from './send-parts.js';

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

interface OpenUpload extends UploadStart {
  plan: PartPlan;
  partNumbers: number[];
  urls: PartUrlBatch | undefined;
}

export async function uploadVideoFile(input: UploadVideoFileInput): Promise<{ videoId: string; status: VideoStatus; resumed: boolean }> {
  const upload = (await resumed(input)) ?? (await started(input));
  input.onStart({ videoId: upload.videoId, resumed: upload.resumed, storedBytes: upload.storedBytes });
  if (upload.urls && upload.partNumbers.length > 0) {
    const { videoId } = upload;
    await sendParts({
      file: input.file,
      plan: upload.plan,
      partNumbers: upload.partNumbers,
      urls: partUrls(upload.urls, (partNumbers) => input.api.videos.partUrls.mutate({ videoId, partNumbers }), input.now),
      put: input.put,
      signal: input.signal,
      onBytes: input.onBytes,
    });
  }
  input.onCompleting();
  const completed = await input.api.videos.completeUpload.mutate({ videoId: upload.videoId });
  input.resume.forget(upload.videoId);
  return { videoId: upload.videoId, status: completed.status, resumed: upload.resumed };
}

async function resumed(input: UploadVideoFileInput): Promise<OpenUpload | undefined> {
  const entry = input.resume.find(input.tenantId, input.file);
  if (!entry) return undefined;
  const video = await input.api.videos.get.query({ videoId: entry.videoId }).catch((error: unknown) => {
    // Deleted since: this file simply starts over.
    if (apiErrorCode(error) === 'NOT_FOUND') return undefined;
    throw error;
  });
  if (video?.status !== 'uploading') {
    input.resume.forget(entry.videoId);
    return undefined;
  }
  const stored = await input.api.videos.listParts.query({ videoId: entry.videoId });
  const plan = checkedPlan(input.file.size, stored);
  const partNumbers = partsToSend(plan, stored.parts);
  const urls = partNumbers.length > 0 ? await input.api.videos.partUrls.mutate({ videoId: entry.videoId, partNumbers }) : undefined;
  return { videoId: entry.videoId, resumed: true, storedBytes: plan.size - bytesIn(plan, partNumbers), plan, partNumbers, urls };
}

async function started(input: UploadVideoFileInput): Promise<OpenUpload> {
  const ticket = await input.api.videos.createUpload.mutate({ filename: input.file.name, size: input.file.size });
  // Remembered before the first byte goes out, so even an upload cut off at once can be resumed.
  input.resume.remember({ tenantId: input.tenantId, name: input.file.name, size: input.file.size, lastModified: input.file.lastModified, videoId: ticket.videoId });
  const plan = checkedPlan(input.file.size, ticket);
  return { videoId: ticket.videoId, resumed: false, storedBytes: 0, plan, partNumbers: ticket.parts.map((part) => part.partNumber), urls: ticket };
}
