// The H.264 picture of one rendition, as every output that carries it encodes it (its CMAF rung, its MP4 download),
// and the tone mapping an HDR source gets on every output that shows its picture (renditions, downloads, stills).
import type { VideoDescription, VideoPreprocessor } from '@aws-sdk/client-mediaconvert';
import type { VideoRange } from '@ott/contracts';
import { KEYFRAME_INTERVAL_SECONDS, type LadderPlan, type PlannedRendition } from '../../../media/plan-ladder.js';

/** QVBR 7 is MediaConvert's recommendation for broadcast-like quality at the lowest bitrate that holds it. */
const QVBR_LEVEL = 7;

/**
 * HDR sources become SDR BT.709, the only range our H.264 ladder carries. API ColorCorrector: ColorSpaceConversion
 * FORCE_709 converts to BT.709 and, from an HDR input, "uses tone mapping"; HdrToSdrToneMapper VIBRANT is AWS's
 * recommendation for HDR10 sources, while for HLG MediaConvert applies PRESERVE_DETAILS "regardless of your choice", so
 * that is what an HLG job says. UG "Converting the color space" (https://docs.aws.amazon.com/mediaconvert/latest/ug/converting-the-color-space.html):
 * the conversion needs the input's colour space, from the file or from the input's VideoSelector (see inputColorSpace).
 */
export function toneMapping(range: VideoRange): Pick<VideoDescription, 'VideoPreprocessors' | 'ColorMetadata'> {
  if (range === 'SDR') return {};
  const preprocessors: VideoPreprocessor = {
    ColorCorrector: { ColorSpaceConversion: 'FORCE_709', HdrToSdrToneMapper: range === 'PQ' ? 'VIBRANT' : 'PRESERVE_DETAILS' },
  };
  // INSERT writes the output's (BT.709) colour tags, so players do not take the picture for BT.2020/PQ (API VideoDescription.ColorMetadata).
  return { VideoPreprocessors: preprocessors, ColorMetadata: 'INSERT' };
}

/**
 * The input's VideoSelector colour settings for an HDR source: its colour space named (HDR10 or HLG_2020) with
 * ColorSpaceUsage FALLBACK, so the file's own metadata wins where present and ours fills in where it is missing
 * (API VideoSelector.ColorSpace, ColorSpaceUsage).
 */
export function inputColorSpace(range: VideoRange): { ColorSpace?: 'HDR10' | 'HLG_2020'; ColorSpaceUsage?: 'FALLBACK' } {
  if (range === 'SDR') return {};
  return { ColorSpace: range === 'PQ' ? 'HDR10' : 'HLG_2020', ColorSpaceUsage: 'FALLBACK' };
}

export function h264Video(rendition: PlannedRendition, plan: LadderPlan, range: VideoRange): VideoDescription {
  const { numerator, denominator } = frameRateFraction(plan.frameRate);
  return {
    Width: rendition.width,
    Height: rendition.height,
    ScalingBehavior: 'DEFAULT',
    AntiAlias: 'ENABLED',
    ...toneMapping(range),
    CodecSettings: {
      Codec: 'H_264',
      H264Settings: {
        RateControlMode: 'QVBR',
        QvbrSettings: { QvbrQualityLevel: QVBR_LEVEL },
        MaxBitrate: rendition.maxRate,
        HrdBufferSize: rendition.bufferSize,
        // Keyframes at the ladder's instants: every CMAF fragment one closed GOP, segments of exactly SEGMENT_SECONDS,
        // storyboard tiles on keyframes. (The API reference suggests GOP mode Auto for ABR groups; a fixed GOP is
        // what makes FragmentLength a documented whole multiple of it.)
        GopSize: KEYFRAME_INTERVAL_SECONDS,
        GopSizeUnits: 'SECONDS',
        GopClosedCadence: 1,
        NumberBFramesBetweenReferenceFrames: 2,
        SceneChangeDetect: 'TRANSITION_DETECTION',
        CodecProfile: 'HIGH',
        CodecLevel: 'AUTO',
        QualityTuningLevel: 'SINGLE_PASS_HQ',
        FramerateControl: 'SPECIFIED',
        FramerateConversionAlgorithm: 'DUPLICATE_DROP',
        FramerateNumerator: numerator,
        FramerateDenominator: denominator,
      },
    },
  };
}

/** 29.97 → 30000/1001, 25 → 25/1: MediaConvert wants an exact fraction. */
export function frameRateFraction(rate: number): { numerator: number; denominator: number } {
  const ntsc = Math.round(rate * 1.001);
  if (Math.abs(rate - (ntsc * 1000) / 1001) < 0.005 && Math.abs(rate - Math.round(rate)) > 0.005) return { numerator: ntsc * 1000, denominator: 1001 };
  if (Number.isInteger(rate)) return { numerator: rate, denominator: 1 };
  return { numerator: Math.round(rate * 1000), denominator: 1000 };
}
