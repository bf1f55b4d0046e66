// Resume the video this file was already being sent as (asking the server which parts it holds), or start a
// new one: either way, the plan, the parts still to send and signed URLs for them.
import type { StoredParts, UploadTicket } from '@ott/contracts';
import { bytesIn, checkPlan, missingParts, type PartPlan } from './part-plan.js';
import type { AnyPartUrlBatch } from './part-url-pool.js';
import type { ResumeState } from './resume-state.js';

/** The calls an upload makes, bound by the app to its API client. */
export interface UploadApi {
  /** The video's status, or undefined when it is gone (deleted since, or not this account's): the file starts over. */
  videoStatus(videoId: string): Promise<string | undefined>;
  listParts(videoId: string): Promise<StoredParts<Date | string>>;
  partUrls(videoId: string, partNumbers: number[]): Promise<AnyPartUrlBatch>;
  /** videos.createUpload for this file, with whatever title or access the app gives it. */
  createUpload(): Promise<UploadTicket<Date | string>>;
}

export interface OpenUpload {
  videoId: string;
  plan: PartPlan;
  /** Parts still to send. */
  partNumbers: number[];
  /** Signed URLs for them; none when nothing is left to send. */
  urls: AnyPartUrlBatch | undefined;
  resumed: boolean;
  /** Bytes the server already holds (resumed uploads). */
  storedBytes: number;
}

export async function openUpload(input: { size: number; api: UploadApi; resume: ResumeState }): Promise<OpenUpload> {
  return (await resumeUpload(input)) ?? (await startUpload(input));
}

async function resumeUpload({ size, api, resume }: { size: number; api: UploadApi; resume: ResumeState }): Promise<OpenUpload | undefined> {
  const videoId = await resume.find();
  if (!videoId) return undefined;
  if ((await api.videoStatus(videoId)) !== 'uploading') {
    await resume.forget(videoId);
    return undefined;
  }
  const stored = await api.listParts(videoId);
  const plan = checkPlan({ size, partSize: stored.partSize, partCount: stored.partCount });
  const partNumbers = missingParts(plan, stored.parts);
  const urls = partNumbers.length > 0 ? await api.partUrls(videoId, partNumbers) : undefined;
  return { videoId, plan, partNumbers, urls, resumed: true, storedBytes: plan.size - bytesIn(plan, partNumbers) };
}

async function startUpload({ size, api, resume }: { size: number; api: UploadApi; resume: ResumeState }): Promise<OpenUpload> {
  const ticket = await api.createUpload();
  await resume.remember(ticket.videoId);
  const plan = checkPlan({ size, partSize: ticket.partSize, partCount: ticket.partCount });
  return { videoId: ticket.videoId, plan, partNumbers: ticket.parts.map((part) => part.partNumber), urls: ticket, resumed: false, storedBytes: 0 };
}
