// Encodes every rendition in TWO ffmpeg processes running side by side: the video ladder, where the source is decoded
// once and each rung is scaled from the next larger one (much cheaper than a process per rung), and the audio, where
// every audio track of the source becomes its own audio-only rendition (stereo, 48 kHz, loudness-normalised) that the
// master names as an EXT-X-MEDIA audio group, so a film's languages all reach the viewer and are encoded once, not
// per rung. Apart, neither waits for the other: in one process the loudness filter's three-second look-ahead held
// every rung's first segment back until three seconds of 1080p had been encoded.
import { join } from 'node:path';
import { UnplayableMediaError } from '../../../domain/videos/unplayable-media-error.js';
import { runFfmpeg, ToolFailedError } from '../../../media/ffmpeg-process.js';
import { audioFilter, AUDIO_CODEC_ARGS } from '../../../media/audio-rendition-encoding.js';
import type { LadderPlan } from '../../../media/plan-ladder.js';
import { sourceDemuxerInput } from '../../../media/source-input.js';
import { audioRenditionFolder } from '../../../media/source-tracks.js';
import { BT709_OUTPUT_TAGS, toneMapToSdrFilter, type SourceColour } from '../../../media/video-range.js';
import { PART_FILENAME_TEMPLATE, PARTS_PLAYLIST, segmentTiming } from './fast-start-segments.js';
import { sideBySide } from './side-by-side.js';
import type { X264Preset } from './x264-preset.js';

export interface EncodeLadderInput {
  ffmpegPath: string;
  preset: X264Preset;
  sourcePath: string;
  /** The demuxer ffprobe found (probe-media.ts): the only one ffmpeg may use. */
  demuxer: string;
  outputDir: string;
  plan: LadderPlan;
  sourceFrameRate: number;
  videoStreamIndex: number;
  /** The source's audio streams (absolute indexes) in rendition order: `audio_{n}` is the n-th. None for a silent source. */
  audioStreamIndexes: readonly number[];
  /** HDR sources are tone-mapped to SDR BT.709 at the top of the cascade. */
  colour: SourceColour;
  durationSeconds: number;
  /** Only this range of the source: the input seek is fast, and exact at both edges because every frame is re-encoded. */
  clip?: { startSeconds: number; endSeconds: number };
  /** A 1 s first segment (fast-start-segments.ts); on when not given. */
  fastStart?: boolean;
  signal?: AbortSignal;
  onProgress?: (fraction: number) => void;
}

/**
 * Writes `outputDir/{rung}/parts.m3u8`, `init_N.mp4` and `part_NNNNN.m4s` (one per keyframe) for every planned rung,
 * and the same in `outputDir/audio_{n}/` for every audio track. The playlists are EVENT playlists rewritten
 * (atomically) after each part, so finished parts can be published while the rest encodes; fast-start-segments.ts
 * builds the package's segments from them.
 */
export async function encodeLadder(input: EncodeLadderInput): Promise<void> {
  const { video, audio } = buildEncodeArgs(input);
  await sideBySide(
    input.signal,
    (signal) => runEncoder(input, video, signal, input.onProgress),
    async (signal) => {
      if (audio) await runEncoder(input, audio, signal);
    },
  );
}

/** One of the two processes; a source whose MP4 index survived but whose data did not decodes "successfully" up to the cut. */
async function runEncoder(input: EncodeLadderInput, command: EncoderCommand, signal: AbortSignal, onProgress?: (fraction: number) => void): Promise<void> {
  let inputCutShort = false;
  const onStderrLine = (line: string): void => {
    if (/partial file/i.test(line)) inputCutShort = true;
  };
  try {
    await runFfmpeg(input.ffmpegPath, command.args, { cwd: command.cwd, durationSeconds: input.durationSeconds, onStderrLine, signal, ...(onProgress ? { onProgress } : {}) });
  } catch (error) {
    throw inputCutShort && error instanceof ToolFailedError ? truncatedSource(error) : error;
  }
  if (inputCutShort) throw truncatedSource();
}

export interface EncoderCommand {
  /** The source's own folder (see source-input.ts). */
  cwd: string;
  args: string[];
}

/** ffmpeg's arguments for the video ladder and, when the source has sound, for its audio renditions. */
export function buildEncodeArgs(input: EncodeLadderInput): { video: EncoderCommand; audio: EncoderCommand | undefined } {
  // ffmpeg expands % in these templates; a literal one would silently land elsewhere.
  if (input.outputDir.includes('%')) throw new Error(`The output folder must not contain '%': ${input.outputDir}`);
  return { video: videoLadderCommand(input), audio: input.audioStreamIndexes.length > 0 ? audioRenditionsCommand(input) : undefined };
}

function videoLadderCommand(input: EncodeLadderInput): EncoderCommand {
  const { plan } = input;
  const perRendition = plan.renditions.flatMap((rendition, i) => [
    '-map',
    `[v${i}]`,
    `-b:v:${i}`,
    String(rendition.videoBitrate),
    `-maxrate:v:${i}`,
    String(rendition.maxRate),
    `-bufsize:v:${i}`,
    String(rendition.bufferSize),
  ]);
  const timing = segmentTiming(input.fastStart ?? true);
  return encoderCommand(
    input,
    cascadeFilter(plan, input.videoStreamIndex, input.sourceFrameRate, input.colour),
    [
      ...perRendition,
      '-c:v',
      'libx264',
      '-preset',
      input.preset,
      '-profile:v',
      'high',
      '-force_key_frames',
      timing.keyframes,
      // Scene-cut keyframes would land at different frames in different rungs.
      '-sc_threshold',
      '0',
      ...(input.colour.range === 'SDR' ? [] : BT709_OUTPUT_TAGS),
    ],
    plan.renditions.map((rendition, i) => `v:${i},name:${rendition.name}`),
    timing.partSeconds,
  );
}

function audioRenditionsCommand(input: EncodeLadderInput): EncoderCommand {
  const { audioStreamIndexes } = input;
  return encoderCommand(
    input,
    audioStreamIndexes.map((streamIndex, n) => audioFilter(streamIndex, n)).join(';'),
    [...audioStreamIndexes.flatMap((_, n) => ['-map', `[a${n}]`]), ...AUDIO_CODEC_ARGS],
    audioStreamIndexes.map((_, n) => `a:${n},name:${audioRenditionFolder(n)}`),
    // Every AAC frame can start a part: the package's segments are built from parts of this length as for video.
    segmentTiming(input.fastStart ?? true).partSeconds,
  );
}

/** What both processes share: the source (clipped), the filter graph, no metadata, fMP4 HLS parts per variant. */
function encoderCommand(input: EncodeLadderInput, filterGraph: string, codecArgs: readonly string[], variants: readonly string[], partSeconds: number): EncoderCommand {
  const source = sourceDemuxerInput(input.sourcePath, input.demuxer);
  const { clip, outputDir } = input;
  const range = clip ? ['-ss', clip.startSeconds.toFixed(6), '-t', (clip.endSeconds - clip.startSeconds).toFixed(6)] : [];
  const args = [
    '-y',
    ...range,
    ...source.args,
    '-filter_complex',
    filterGraph,
    ...codecArgs,
    // Phone videos carry GPS positions and device names; viewers get none of it.
    '-map_metadata',
    '-1',
    '-map_chapters',
    '-1',
    '-max_muxing_queue_size',
    '4096',
    '-f',
    'hls',
    // A part at every keyframe: the package's segments are built from them (fast-start-segments.ts).
    '-hls_time',
    String(partSeconds),
    '-hls_playlist_type',
    'event',
    '-hls_segment_type',
    'fmp4',
    '-hls_flags',
    // temp_file: playlists are written aside and renamed, so a reader never sees half of one.
    'independent_segments+temp_file',
    '-hls_fmp4_init_filename',
    'init.mp4',
    '-hls_segment_filename',
    join(outputDir, '%v', PART_FILENAME_TEMPLATE),
    '-var_stream_map',
    variants.join(' '),
    join(outputDir, '%v', PARTS_PLAYLIST),
  ];
  return { cwd: source.cwd, args };
}

/**
 * `[video]scale(largest) → split → [v0] + scale(next) → split → [v1] + …`. The 8-bit conversion (and for an HDR
 * source the tone mapping, on the largest rung's pixels rather than the source's) happens once, at the top, so
 * 10-bit sources still fit the High profile.
 */
export function cascadeFilter(plan: LadderPlan, videoStreamIndex: number, sourceFrameRate: number, colour?: SourceColour): string {
  const frameRate = plan.frameRate < sourceFrameRate ? `fps=${plan.frameRate},` : '';
  const toEightBitSdr = colour && colour.range !== 'SDR' ? toneMapToSdrFilter(colour) : 'format=yuv420p';
  const last = plan.renditions.length - 1;
  return plan.renditions
    .map((rendition, i) => {
      const input = i === 0 ? `[0:${videoStreamIndex}]${frameRate}` : `[c${i - 1}]`;
      const scale = `scale=${rendition.width}:${rendition.height}${i === 0 ? `,${toEightBitSdr}` : ''},setsar=1`;
      const output = i === last ? `[v${i}]` : `,split=2[v${i}][c${i}]`;
      return `${input}${scale}${output}`;
    })
    .join(';');
}

function truncatedSource(cause?: unknown): UnplayableMediaError {
  return new UnplayableMediaError(
    'truncated',
    'The file looks truncated or incomplete: its video data stops before the end its index announces. Re-upload the complete file.',
    cause === undefined ? undefined : { cause },
  );
}
