// The slice of `ffprobe -show_format -show_streams` JSON the transcoder relies on, validated
// because ffprobe omits fields freely (no duration for some containers, no width for audio).
import { z } from 'zod';
import { UnplayableMediaError } from '../domain/videos/unplayable-media-error.js';
import { open } from 'node:fs/promises';
import { runTool, ToolFailedError } from './ffmpeg-process.js';
import { formatRefusal } from './source-formats.js';
import { sourceProbeInput } from './source-input.js';

const streamSchema = z.object({
  index: z.number(),
  codec_type: z.string().optional(),
  codec_name: z.string().optional(),
  /** `High`, `Main`, `LC`: with the pixel format, whether a browser decodes the stream as it is (pass-through.ts). */
  profile: z.string().optional(),
  pix_fmt: z.string().optional(),
  bit_rate: z.string().optional(),
  width: z.number().optional(),
  height: z.number().optional(),
  sample_aspect_ratio: z.string().optional(),
  r_frame_rate: z.string().optional(),
  avg_frame_rate: z.string().optional(),
  duration: z.string().optional(),
  channels: z.number().optional(),
  sample_rate: z.string().optional(),
  channel_layout: z.string().optional(),
  /** `smpte2084` (PQ, HDR10) or `arib-std-b67` (HLG) for HDR pictures. */
  color_transfer: z.string().optional(),
  color_primaries: z.string().optional(),
  color_space: z.string().optional(),
  color_range: z.string().optional(),
  /** 1 when ffprobe found CEA-608/708 captions carried in the video stream. */
  closed_captions: z.number().optional(),
  disposition: z
    .object({
      attached_pic: z.number().optional(),
      default: z.number().optional(),
      forced: z.number().optional(),
      hearing_impaired: z.number().optional(),
    })
    .optional(),
  tags: z.record(z.string(), z.string()).optional(),
  side_data_list: z.array(z.object({ side_data_type: z.string().optional(), rotation: z.number().optional() })).optional(),
});

const reportSchema = z.object({
  streams: z.array(streamSchema).default([]),
  format: z
    .object({
      format_name: z.string().optional(),
      duration: z.string().optional(),
      bit_rate: z.string().optional(),
    })
    .optional(),
});

export type ProbeStream = z.infer<typeof streamSchema>;
export type ProbeReport = z.infer<typeof reportSchema>;

/** ffmpeg names the demuxer it detected in the log line refusing it: `[hls @ 0x55d7…] Format not on whitelist '…'`. */
const NOT_ON_WHITELIST = /^\[([^\]@]+?) @ 0x[0-9a-f]+\] Format not on whitelist/m;

/** `formats`: the demuxers allowed (source-formats.ts), a video source's unless said. */
export async function readProbeReport(ffprobePath: string, path: string, signal?: AbortSignal, formats?: string): Promise<ProbeReport> {
  const input = sourceProbeInput(path, formats);
  const args = ['-v', 'error', '-print_format', 'json', '-show_format', '-show_streams', ...input.args];
  let stdout: string;
  try {
    ({ stdout } = await runTool(ffprobePath, args, { cwd: input.cwd, ...(signal ? { signal } : {}) }));
  } catch (error) {
    throw (await unreadableInput(error, path)) ?? error;
  }
  const parsed = reportSchema.safeParse(JSON.parse(stdout));
  if (!parsed.success) throw new Error(`Unexpected ffprobe output for ${path}: ${parsed.error.message}`);
  return parsed.data;
}

/**
 * ffprobe ran and refused the file: the file is at fault (a missing or broken binary fails to spawn instead).
 * A missing MP4 index means truncation only when the file does start like an MP4; otherwise it is garbage.
 */
async function unreadableInput(error: unknown, path: string): Promise<UnplayableMediaError | undefined> {
  if (!(error instanceof ToolFailedError) || error.exitCode === null) return undefined;
  const stderr = error.stderrTail.join('\n');
  // Detected, then refused before its demuxer ran: a playlist, a list, subtitles, audio, an image…
  const detected = NOT_ON_WHITELIST.exec(stderr)?.[1];
  if (detected !== undefined) return formatRefusal(detected, { cause: error });
  if (/moov atom not found/i.test(stderr) && (await startsLikeIsoMedia(path))) {
    return new UnplayableMediaError(
      'truncated',
      'The file looks truncated or incomplete: its MP4 index (moov atom) is missing, which usually means the upload or copy stopped early. Re-upload the complete file.',
      { cause: error },
    );
  }
  const size = /Picture size (\d+)x(\d+) is invalid/.exec(stderr);
  if (size) {
    return new UnplayableMediaError('too-large', `The file declares a picture of ${size[1]}x${size[2]} pixels, which is too large to decode. Export it at a smaller size.`, { cause: error });
  }
  return new UnplayableMediaError('not-media', 'The file is not a video we can read: it is corrupt or not a media file. Upload a video file such as MP4, MOV, MKV or WebM.', { cause: error });
}

/** ISO base media files (MP4, MOV, 3GP) open with a box whose type is ftyp, or for old QuickTime files moov/mdat/wide/free. */
async function startsLikeIsoMedia(path: string): Promise<boolean> {
  const handle = await open(path, 'r');
  try {
    const head = Buffer.alloc(8);
    await handle.read(head, 0, 8, 0);
    return ['ftyp', 'moov', 'mdat', 'wide', 'free', 'skip'].includes(head.subarray(4, 8).toString('latin1'));
  } finally {
    await handle.close();
  }
}
