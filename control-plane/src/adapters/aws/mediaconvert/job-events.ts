// MediaConvert's "Job State Change" events as EventBridge delivers them (to SQS, as the message body).
// Only the fields we act on are read; anything else in the event is ignored, so new fields do not break us.
import { z } from 'zod';

const outputDetail = z.object({
  outputFilePaths: z.array(z.string()).optional(),
  durationInMs: z.number().optional(),
  videoDetails: z.object({ widthInPx: z.number(), heightInPx: z.number() }).partial().optional(),
});

const detail = z.object({
  jobId: z.string(),
  status: z.string(),
  userMetadata: z.record(z.string(), z.string()).optional(),
  errorCode: z.number().optional(),
  errorMessage: z.string().optional(),
  jobProgress: z.object({ jobPercentComplete: z.number().optional() }).partial().optional(),
  outputGroupDetails: z.array(z.object({ type: z.string(), playlistFilePaths: z.array(z.string()).optional(), outputDetails: z.array(outputDetail).optional() })).optional(),
});

const event = z.object({ source: z.literal('aws.mediaconvert'), 'detail-type': z.literal('MediaConvert Job State Change'), detail });

export type JobEventDetail = z.infer<typeof detail>;

export type JobState =
  | { jobId: string; status: 'PROGRESSING'; progress: number }
  | { jobId: string; status: 'COMPLETE'; progress: 1; detail: JobEventDetail }
  | { jobId: string; status: 'ERROR'; progress: number; errorCode: number | null; errorMessage: string }
  | { jobId: string; status: 'CANCELED'; progress: number };

/** Parses an SQS message body; undefined for anything that is not a MediaConvert job event we act on. */
export function parseJobEvent(body: string): JobState | undefined {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return undefined;
  }
  const parsed = event.safeParse(json);
  if (!parsed.success) return undefined;
  const { jobId, status } = parsed.data.detail;
  const percent = parsed.data.detail.jobProgress?.jobPercentComplete;
  switch (status) {
    case 'PROGRESSING':
      return { jobId, status: 'PROGRESSING', progress: 0 };
    case 'STATUS_UPDATE':
      return { jobId, status: 'PROGRESSING', progress: percent === undefined ? 0 : Math.min(1, Math.max(0, percent / 100)) };
    case 'COMPLETE':
      return { jobId, status: 'COMPLETE', progress: 1, detail: parsed.data.detail };
    case 'ERROR':
      return {
        jobId,
        status: 'ERROR',
        progress: 0,
        errorCode: parsed.data.detail.errorCode ?? null,
        errorMessage: parsed.data.detail.errorMessage ?? 'MediaConvert reported an error without a message',
      };
    case 'CANCELED':
      return { jobId, status: 'CANCELED', progress: 0 };
    default:
      return undefined;
  }
}

export const TERMINAL_STATUSES = ['COMPLETE', 'ERROR', 'CANCELED'] as const;

/** Terminal states never give way to earlier ones: events may arrive out of order. */
export function isTerminal(status: string): boolean {
  return (TERMINAL_STATUSES as readonly string[]).includes(status);
}

/**
 * MediaConvert 1010 ("can't open the input": unknown container, corrupt file) and 1030s/1040s (decoding)
 * blame the file, not us: the uploader is told, and the job is not retried. Everything else is ours to retry.
 */
export function blamesTheSource(errorCode: number | null): boolean {
  return errorCode === 1010 || (errorCode !== null && errorCode >= 1030 && errorCode < 1050);
}
