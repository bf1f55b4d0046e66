// Pass-through start: a source every browser already decodes (H.264 8-bit 4:2:0, SDR, square pixels, upright,
// AAC-LC stereo or silent, within 1080p60 and a bitrate a home connection carries) needs no encoding to play. It is
// remuxed, not encoded, into one provisional HLS rendition, which plays well under a second after the worker picks
// the job up, while the ladder encodes; the final package (the ladder, as ever) replaces it when ready. Anything
// else waits for the ladder's own fast start (fast-start-segments.ts). This decides which sources qualify.
import type { ProbedMedia } from './probe-media.js';

/** The provisional rendition's folder in the package: never a name the ladder uses, so the final package leaves it alone. */
export const PASS_THROUGH_FOLDER = 'pass-through';

/** What hls.js in every browser and Safari decode through MSE without a transcode. */
const PLAYABLE_H264_PROFILES: ReadonlySet<string> = new Set(['Constrained Baseline', 'Baseline', 'Main', 'High']);
/** The ladder's own ceiling: a larger picture is no longer a rendition a phone is expected to decode. */
const MAX_PIXELS = 1920 * 1088;
const MAX_FRAME_RATE = 60;
/** Phones record 1080p H.264 at 12–20 Mb/s; beyond that a provisional rendition would stall most viewers. */
export const PASS_THROUGH_MAX_BITRATE = 20_000_000;
/**
 * Segments are cut at the source's own keyframes. A source with keyframes further apart than this (screen
 * recordings, some editors' exports) makes segments too long to start quickly; it waits for the ladder.
 */
export const PASS_THROUGH_MAX_SEGMENT_SECONDS = 10;

export interface PassThroughPlan {
  videoStreamIndex: number;
  /** The default audio track, carried as it is; null for a silent source. */
  audioStreamIndex: number | null;
  width: number;
  height: number;
  frameRate: number;
}

/** The streams to remux when the source plays as it is; undefined when it must be encoded first. */
export function planPassThrough(probed: ProbedMedia): PassThroughPlan | undefined {
  const { report, source, colour } = probed;
  const video = report.streams.find((stream) => stream.index === probed.videoStreamIndex);
  if (!video || video.codec_name !== 'h264' || !PLAYABLE_H264_PROFILES.has(video.profile ?? '') || video.pix_fmt !== 'yuv420p') return undefined;
  if (colour.range !== 'SDR' || source.rotation !== 0 || !squarePixels(video.sample_aspect_ratio)) return undefined;
  if (source.width * source.height > MAX_PIXELS || source.frameRate > MAX_FRAME_RATE) return undefined;
  const bitrate = Number(report.format?.bit_rate ?? NaN);
  if (!(bitrate > 0 && bitrate <= PASS_THROUGH_MAX_BITRATE)) return undefined;
  const track = probed.tracks.audio.find((candidate) => candidate.isDefault);
  const audio = track ? report.streams.find((stream) => stream.index === track.streamIndex) : undefined;
  if (track && !(audio?.codec_name === 'aac' && audio.profile === 'LC' && (audio.channels ?? 0) <= 2)) return undefined;
  return { videoStreamIndex: video.index, audioStreamIndex: audio?.index ?? null, width: source.width, height: source.height, frameRate: source.frameRate };
}

function squarePixels(sampleAspectRatio: string | undefined): boolean {
  // ffprobe says 0:1 (or nothing) when the stream does not say: square, as players take it.
  return sampleAspectRatio === undefined || sampleAspectRatio === '1:1' || sampleAspectRatio === '0:1';
}
