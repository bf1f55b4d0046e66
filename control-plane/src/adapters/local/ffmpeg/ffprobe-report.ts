// The slice of `ffprobe -show_format -show_streams` JSON the transcoder relies on, validated
// because ffprobe omits fields freely (no duration for some containers, no width for audio).
import { z } from 'zod';
import { UnplayableMediaError } from '../../../domain/videos/unplayable-media-error.js';
import { runTool, ToolFailedError } from './ffmpeg-process.js';

const streamSchema = z.object({
  index: z.number(),
  codec_type: z.string().optional(),
  codec_name: z.string().optional(),
  width: z.number().optional(),
  height: z.number().optional(),
  sample_aspect_ratio: z.string().optional(),
  r_frame_rate: z.string().optional(),
  avg_frame_rate: z.string().optional(),
  duration: z.string().optional(),
  channels: z.number().optional(),
  disposition: z.object({ attached_pic: z.number().optional() }).optional(),
  tags: z.record(z.string(), z.string()).optional(),
  side_data_list: z.array(z.object({ side_data_type: z.string().optional(), rotation: z.number().optional() })).optional(),
});

const reportSchema = z.object({
  streams: z.array(streamSchema).default([]),
  format: z
    .object({
      format_name: z.string().optional(),
      duration: z.string().optional(),
    })
    .optional(),
});

export type ProbeStream = z.infer<typeof streamSchema>;
export type ProbeReport = z.infer<typeof reportSchema>;

export async function readProbeReport(ffprobePath: string, path: string, signal?: AbortSignal): Promise<ProbeReport> {
  const args = ['-v', 'error', '-print_format', 'json', '-show_format', '-show_streams', path];
  let stdout: string;
  try {
    ({ stdout } = await runTool(ffprobePath, args, signal ? { signal } : {}));
  } catch (error) {
    throw unreadableInput(error) ?? error;
  }
  const parsed = reportSchema.safeParse(JSON.parse(stdout));
  if (!parsed.success) throw new Error(`Unexpected ffprobe output for ${path}: ${parsed.error.message}`);
  return parsed.data;
}

/** ffprobe's refusal says whether the file itself is at fault; anything else is ours to fix. */
function unreadableInput(error: unknown): UnplayableMediaError | undefined {
  if (!(error instanceof ToolFailedError)) return undefined;
  const stderr = error.stderrTail.join('\n');
  if (/moov atom not found/i.test(stderr)) {
    return new UnplayableMediaError(
      'truncated',
      'The file looks truncated or incomplete: its MP4 index (moov atom) is missing, which usually means the upload or copy stopped early. Re-upload the complete file.',
      { cause: error },
    );
  }
  if (/Invalid data found when processing input|could not find codec parameters|EBML header parsing failed/i.test(stderr)) {
    return new UnplayableMediaError(
      'not-media',
      'The file is not a video we can read: it is corrupt or not a media file. Upload a video file such as MP4, MOV, MKV or WebM.',
      { cause: error },
    );
  }
  return undefined;
}
