// Decides from ffprobe's report whether a source can become a video, and describes it as the
// viewer will see it (rotation and non-square pixels applied).
import { stat } from 'node:fs/promises';
import type { SourceInfo } from '../ports.js';
import { UnplayableMediaError } from '../domain/videos/unplayable-media-error.js';
import { findExternalDataReferences } from './external-data-references.js';
import { readProbeReport, type ProbeReport, type ProbeStream } from './ffprobe-report.js';
import { acceptedDemuxer, formatRefusal } from './source-formats.js';
import { describeSourceTracks, type SourceTracks } from './source-tracks.js';
import { sourceColour, type SourceColour } from './video-range.js';

/** Larger pictures are refused before decoding: nothing we deliver needs them, and they exhaust memory. */
export const MAX_DIMENSION = 8192;

export interface ProbedMedia {
  /** `width`/`height` are the displayed size: after rotation and sample aspect ratio. */
  source: SourceInfo;
  /** Absolute stream index: `0:v:0` could be a cover picture rather than the video. */
  videoStreamIndex: number;
  /** The first audio stream, or null for a silent source. */
  audioStreamIndex: number | null;
  /** The picture's own length: the container's may include a longer audio track. */
  videoDurationSeconds: number;
  /** The ffmpeg demuxer that read it (from the allow-list): ffmpeg is given this one and no other. */
  demuxer: string;
  /** Every audio and subtitle stream, and what the package cannot carry of them. */
  tracks: SourceTracks;
  /** HDR (PQ, HLG) sources are tone-mapped to SDR. */
  colour: SourceColour;
  /** ffprobe's report it was read from: its other streams (audio languages, subtitles) and colour tags. */
  report: ProbeReport;
}

export interface MediaLimits {
  maxDurationSeconds: number;
}

export async function probeMedia(ffprobePath: string, path: string, limits: MediaLimits, signal?: AbortSignal): Promise<ProbedMedia> {
  // An empty file gets ffprobe's "moov atom not found", which would wrongly blame truncation.
  if ((await stat(path)).size === 0) {
    throw new UnplayableMediaError('empty-file', 'The file is empty (0 bytes). Upload it again.');
  }
  if ((await findExternalDataReferences(path)).length > 0) {
    throw new UnplayableMediaError(
      'refers-to-other-files',
      'This movie does not hold its own video: it points at other files (external data references). Export it as a self-contained movie and upload that.',
    );
  }
  return inspectProbeReport(await readProbeReport(ffprobePath, path, signal), limits);
}

export function inspectProbeReport(report: ProbeReport, limits: MediaLimits): ProbedMedia {
  const formatName = report.format?.format_name ?? '';
  const demuxer = acceptedDemuxer(formatName);
  if (demuxer === undefined) throw formatRefusal(formatName);
  const video = report.streams.find((s) => s.codec_type === 'video' && s.disposition?.attached_pic !== 1);
  const audio = report.streams.find((s) => s.codec_type === 'audio');
  if (!video) throw noVideo(report.streams);

  const storedWidth = video.width ?? 0;
  const storedHeight = video.height ?? 0;
  if (storedWidth <= 0 || storedHeight <= 0) {
    throw new UnplayableMediaError('not-media', 'The video stream has no picture size, so the file is corrupt. Upload the file again or export it anew.');
  }
  if (storedWidth > MAX_DIMENSION || storedHeight > MAX_DIMENSION) {
    throw new UnplayableMediaError(
      'too-large',
      `The video declares a picture of ${storedWidth}x${storedHeight} pixels; the largest supported is ${MAX_DIMENSION} pixels on either side. Export it at a smaller size.`,
    );
  }

  const durationSeconds = positiveNumber(report.format?.duration) ?? positiveNumber(video.duration) ?? 0;
  if (durationSeconds <= 0) {
    throw new UnplayableMediaError('zero-duration', 'The video has no duration (zero length). Upload a file that contains footage.');
  }
  if (durationSeconds > limits.maxDurationSeconds) {
    throw new UnplayableMediaError(
      'too-long',
      `The video is ${describeDuration(durationSeconds)} long; the limit is ${describeDuration(limits.maxDurationSeconds)}. Trim it or upload a shorter video.`,
    );
  }

  const rotation = rotationOf(video);
  const displayedWidth = Math.max(1, Math.round(storedWidth * sampleAspectRatio(video.sample_aspect_ratio)));
  const quarterTurn = rotation === 90 || rotation === 270;
  return {
    source: {
      durationSeconds,
      width: quarterTurn ? storedHeight : displayedWidth,
      height: quarterTurn ? displayedWidth : storedHeight,
      frameRate: frameRateOf(video),
      videoCodec: video.codec_name ?? 'unknown',
      audioCodec: audio?.codec_name ?? null,
      rotation,
    },
    videoStreamIndex: video.index,
    audioStreamIndex: audio?.index ?? null,
    videoDurationSeconds: Math.min(durationSeconds, positiveNumber(video.duration) ?? durationSeconds),
    demuxer,
    tracks: describeSourceTracks(report.streams),
    colour: sourceColour(video),
    report,
  };
}

function noVideo(streams: readonly ProbeStream[]): UnplayableMediaError {
  const types = new Set(streams.map((s) => s.codec_type));
  const hasCover = streams.some((s) => s.disposition?.attached_pic === 1);
  const what = types.has('audio')
    ? hasCover
      ? 'audio only; its cover picture is not a video'
      : 'audio only'
    : types.has('subtitle')
      ? 'subtitles only'
      : types.size > 0
        ? 'no picture at all'
        : 'no streams at all';
  const kind = types.size === 0 ? 'not-media' : 'no-video';
  return new UnplayableMediaError(kind, `The file has no video stream (${what}). Upload a file that contains video.`);
}

/** Degrees, normalised to 0/90/180/270; only whether it is a quarter turn matters for sizes. */
function rotationOf(video: ProbeStream): number {
  const fromMatrix = video.side_data_list?.find((d) => d.rotation !== undefined)?.rotation;
  const fromTag = positiveNumber(video.tags?.['rotate']);
  const degrees = fromMatrix ?? fromTag ?? 0;
  return (((Math.round(degrees / 90) * 90) % 360) + 360) % 360;
}

function frameRateOf(video: ProbeStream): number {
  return ratio(video.avg_frame_rate) ?? ratio(video.r_frame_rate) ?? 30;
}

function sampleAspectRatio(value: string | undefined): number {
  const parsed = ratio(value?.replace(':', '/'));
  // Beyond 4:1 the stream's SAR is garbage, not anamorphic video.
  return parsed !== undefined && parsed >= 0.25 && parsed <= 4 ? parsed : 1;
}

function ratio(value: string | undefined): number | undefined {
  const [numerator, denominator] = (value ?? '').split('/').map(Number);
  if (numerator === undefined || denominator === undefined || !(numerator > 0) || !(denominator > 0)) return undefined;
  return numerator / denominator;
}

function positiveNumber(value: string | undefined): number | undefined {
  const parsed = Number(value);
  return Number.isFinite(parsed) && parsed > 0 ? parsed : undefined;
}

/** "12.4 seconds", "2 h 5 min 3 s": readable in an error message shown to the uploader. */
export function describeDuration(seconds: number): string {
  if (seconds < 60) return `${Number(seconds.toFixed(1))} seconds`;
  const total = Math.round(seconds);
  const parts = [
    [Math.floor(total / 3600), 'h'],
    [Math.floor((total % 3600) / 60), 'min'],
    [total % 60, 's'],
  ] as const;
  return parts
    .filter(([value]) => value > 0)
    .map(([value, unit]) => `${value} ${unit}`)
    .join(' ');
}
