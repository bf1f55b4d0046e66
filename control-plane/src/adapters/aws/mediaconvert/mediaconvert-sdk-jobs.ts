// MediaConvertJobs on the SDK: each tenant's jobs go to the MediaConvert of its cell (account + region).
import { CancelJobCommand, CreateJobCommand, GetJobCommand, type Job, type MediaConvertClient } from '@aws-sdk/client-mediaconvert';
import type { JobState } from './job-events.js';
import type { MediaConvertJobs } from './mediaconvert-transcoder.js';

/** The MediaConvert client of the tenant's cell. */
export type TenantMediaConvert = (tenantId: string) => Promise<MediaConvertClient>;

export class MediaConvertSdkJobs implements MediaConvertJobs {
  constructor(private readonly clientOf: TenantMediaConvert) {}

  async createJob(tenantId: string, request: Parameters<MediaConvertJobs['createJob']>[1]): Promise<{ jobId: string }> {
    const { Job: job } = await (await this.clientOf(tenantId)).send(new CreateJobCommand(request));
    if (!job?.Id) throw new Error('MediaConvert accepted the job but returned no job id');
    return { jobId: job.Id };
  }

  async cancelJob(tenantId: string, jobId: string): Promise<void> {
    await (await this.clientOf(tenantId)).send(new CancelJobCommand({ Id: jobId }));
  }

  async getJob(tenantId: string, jobId: string): Promise<JobState | undefined> {
    const { Job: job } = await (await this.clientOf(tenantId)).send(new GetJobCommand({ Id: jobId }));
    return job ? jobStateOf(job) : undefined;
  }
}

/** GetJob's answer in the shape the job events give (the transcoder treats both alike). */
export function jobStateOf(job: Job): JobState | undefined {
  const jobId = job.Id;
  if (!jobId) return undefined;
  const progress = Math.min(1, Math.max(0, (job.JobPercentComplete ?? 0) / 100));
  switch (job.Status) {
    case 'SUBMITTED':
    case 'PROGRESSING':
      return { jobId, status: 'PROGRESSING', progress };
    case 'COMPLETE': {
      const outputGroupDetails = (job.OutputGroupDetails ?? []).map((group) => ({
        type: 'UNKNOWN',
        outputDetails: (group.OutputDetails ?? []).map((output) => ({
          ...(output.DurationInMs !== undefined ? { durationInMs: output.DurationInMs } : {}),
          videoDetails: {
            ...(output.VideoDetails?.WidthInPx !== undefined ? { widthInPx: output.VideoDetails.WidthInPx } : {}),
            ...(output.VideoDetails?.HeightInPx !== undefined ? { heightInPx: output.VideoDetails.HeightInPx } : {}),
          },
        })),
      }));
      return { jobId, status: 'COMPLETE', progress: 1, detail: { jobId, status: 'COMPLETE', outputGroupDetails, ...(job.UserMetadata ? { userMetadata: job.UserMetadata } : {}) } };
    }
    case 'ERROR':
      return { jobId, status: 'ERROR', progress, errorCode: job.ErrorCode ?? null, errorMessage: job.ErrorMessage ?? 'MediaConvert reported an error without a message' };
    case 'CANCELED':
      return { jobId, status: 'CANCELED', progress };
    default:
      return undefined;
  }
}
