// Normalised transcode minutes, counted the way AWS Elemental MediaConvert bills on-demand outputs: each output
// rendition's duration (whole seconds, at least 10 s) times one multiplier per attribute, multiplied together.
// The local ffmpeg ladder is metered by the same rule, so a tenant's minutes do not depend on the shape.

/**
 * The multipliers, in one table. Source: https://aws.amazon.com/mediaconvert/pricing/ ("How to calculate
 * normalized minutes"; read 2026-11-21) and the AWS Media blog "Optimize costs with tiered pricing in AWS
 * Elemental MediaConvert". Resolution and frame-rate steps (each class doubles the one below) and the 10-second
 * minimum per output are as published. The codec and pass steps are our reading of the published per-minute
 * rates (HEVC/AV1 about twice AVC; multi-pass HQ about 1.5× single-pass): re-check them against the page when
 * AWS changes it, and change them here only.
 */
export const MEDIACONVERT_MULTIPLIERS = {
  source: 'https://aws.amazon.com/mediaconvert/pricing/',
  readOn: '2026-11-21',
  /** Classified on the shorter side, so a portrait 1080×1920 output counts like its landscape twin. */
  resolution: { SD: 1, HD: 2, UHD: 4 },
  frameRate: { 'up-to-30': 1, '30-to-60': 2, 'above-60': 4 },
  codec: { AVC: 1, VP8: 1, VP9: 1, HEVC: 2, AV1: 2 },
  passes: { 'single-pass': 1, 'multi-pass': 1.5 },
  minimumSecondsPerOutput: 10,
} as const;

export type ResolutionClass = keyof typeof MEDIACONVERT_MULTIPLIERS.resolution;
export type FrameRateClass = keyof typeof MEDIACONVERT_MULTIPLIERS.frameRate;
export type CodecClass = keyof typeof MEDIACONVERT_MULTIPLIERS.codec;
export type PassesClass = keyof typeof MEDIACONVERT_MULTIPLIERS.passes;

export interface TranscodedOutput {
  width: number;
  height: number;
  frameRate: number;
  /** As ffprobe names it: h264, hevc, av1, vp9, vp8. */
  videoCodec: string;
  durationSeconds: number;
  /** 1 unless the encoder ran several passes. */
  encodingPasses?: number;
}

export interface NormalisedOutput {
  resolutionClass: ResolutionClass;
  frameRateClass: FrameRateClass;
  codecClass: CodecClass;
  passesClass: PassesClass;
  multiplier: number;
  /** Output seconds as billed: whole seconds, rounded up, at least the minimum. */
  billedSeconds: number;
  /** billedSeconds × multiplier, rounded to a whole normalised second (the transcode meter's base unit). */
  normalisedSeconds: number;
}

const CODECS: Record<string, CodecClass> = { h264: 'AVC', avc: 'AVC', avc1: 'AVC', hevc: 'HEVC', h265: 'HEVC', av1: 'AV1', vp9: 'VP9', vp8: 'VP8' };

export function resolutionClassOf(width: number, height: number): ResolutionClass {
  const lines = Math.min(width, height);
  if (lines < 720) return 'SD';
  return lines <= 1080 ? 'HD' : 'UHD';
}

export function frameRateClassOf(frameRate: number): FrameRateClass {
  // 29.97 and 59.94 belong to the classes of 30 and 60, as on the price list.
  if (frameRate <= 30) return 'up-to-30';
  return frameRate <= 60 ? '30-to-60' : 'above-60';
}

/** An unknown codec is billed as the dearest known one rather than silently as the cheapest. */
export function codecClassOf(videoCodec: string): CodecClass {
  return CODECS[videoCodec.toLowerCase()] ?? 'HEVC';
}

export function normaliseOutput(output: TranscodedOutput): NormalisedOutput {
  const table = MEDIACONVERT_MULTIPLIERS;
  const resolutionClass = resolutionClassOf(output.width, output.height);
  const frameRateClass = frameRateClassOf(output.frameRate);
  const codecClass = codecClassOf(output.videoCodec);
  const passesClass: PassesClass = (output.encodingPasses ?? 1) > 1 ? 'multi-pass' : 'single-pass';
  const multiplier = table.resolution[resolutionClass] * table.frameRate[frameRateClass] * table.codec[codecClass] * table.passes[passesClass];
  const billedSeconds = Math.max(table.minimumSecondsPerOutput, Math.ceil(Math.max(0, output.durationSeconds)));
  return { resolutionClass, frameRateClass, codecClass, passesClass, multiplier, billedSeconds, normalisedSeconds: Math.round(billedSeconds * multiplier) };
}

/**
 * MediaConvert's Basic tier covers AVC single-pass (and VP8/VP9) outputs; anything else is billed at the
 * Professional tier's rate. Used by the operator's cost estimate, not by what the tenant pays.
 */
export function mediaConvertTier(output: Pick<NormalisedOutput, 'codecClass' | 'passesClass'>): 'basic' | 'professional' {
  const basicCodec = output.codecClass === 'AVC' || output.codecClass === 'VP8' || output.codecClass === 'VP9';
  return basicCodec && output.passesClass === 'single-pass' ? 'basic' : 'professional';
}
