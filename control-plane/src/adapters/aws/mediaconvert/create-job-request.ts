// The CreateJob request for one source: our ladder (the same plan the ffmpeg transcoder encodes) as one CMAF output
// group with an HLS manifest: fMP4 segments of SEGMENT_SECONDS built from KEYFRAME_INTERVAL_SECONDS fragments (one
// closed GOP each), H.264 with QVBR capped at the planned peak rate, AAC in its own output (CMAF carries one stream per
// output), and frame captures for the poster and thumbnails. MediaConvert accepts fMP4 (CMFC) only in a CMAF group,
// never in an Apple HLS group (validate-job-settings.ts has the rules and their sources). Everything is written under
// the tenant's `staging/{token}/` prefix, which only this tenant's role may write.
import type { CreateJobCommandInput, Output } from '@aws-sdk/client-mediaconvert';
import { AUDIO_BITRATE, KEYFRAME_INTERVAL_SECONDS, SEGMENT_SECONDS, type LadderPlan } from '../../../media/plan-ladder.js';
import { storyboardLayoutFor } from './storyboard-from-captures.js';

/**
 * The CMAF group writes its HLS multivariant playlist at `{destination}.m3u8` (UG "Output file names and paths", CMAF_GROUP:
 * playlistFilePaths `s3://…/cmaf/1.m3u8` for the destination `s3://…/cmaf/1`).
 */
export const HLS_BASENAME = 'master';
/** Where the job writes under its staging prefix: `cmaf/master…` and `stills/frame…`. */
export const STAGING_FOLDERS = { cmaf: 'cmaf', stills: 'stills' } as const;
/** The audio output's group id: video outputs name it in AudioRenditionSets, the manifest in EXT-X-MEDIA GROUP-ID. */
export const AUDIO_GROUP_ID = 'audio';
export const STILLS_BASENAME = 'frame';
export const STILL_MODIFIERS = { poster: '_poster', thumbnail: '_thumb', storyboard: '_tile' } as const;
export const THUMBNAIL_COUNT = 6;
const POSTER_WIDTH = 1280;
const THUMBNAIL_WIDTH = 320;
/** QVBR 7 is MediaConvert's recommendation for broadcast-like quality at the lowest bitrate that holds it. */
const QVBR_LEVEL = 7;

export interface JobRequestInput {
  sourceUri: string;
  /** `s3://bucket/staging/{token}/`: the job writes only below it. */
  stagingUri: string;
  plan: LadderPlan;
  hasAudio: boolean;
  durationSeconds: number;
  source: { width: number; height: number };
  roleArn: string;
  queueArn: string;
  tenantId: string;
  deployment: string;
  /** Idempotency: a retried submit with the same token returns the same job instead of paying twice. */
  requestToken: string;
  /** MediaConvert starts the highest first when the queue is full (-50..50, job-priority.ts). */
  priority: number;
  metadata: Record<string, string>;
}

/** Name modifier of each rung's output, e.g. `_720p`: it names the output's files (collect-outputs finds them through the manifest). */
function nameModifier(renditionName: string): string {
  return `_${renditionName}`;
}

export function buildCreateJobRequest(input: JobRequestInput): CreateJobCommandInput {
  const { numerator, denominator } = frameRateFraction(input.plan.frameRate);
  const videoOutputs: Output[] = input.plan.renditions.map((rendition) => ({
    NameModifier: nameModifier(rendition.name),
    ContainerSettings: { Container: 'CMFC', ...(input.hasAudio ? { CmfcSettings: { AudioRenditionSets: AUDIO_GROUP_ID } } : {}) },
    VideoDescription: {
      Width: rendition.width,
      Height: rendition.height,
      ScalingBehavior: 'DEFAULT',
      AntiAlias: 'ENABLED',
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
    },
  }));
  const audioOutputs: Output[] = input.hasAudio
    ? [
        {
          NameModifier: '_audio',
          ContainerSettings: { Container: 'CMFC', CmfcSettings: { AudioGroupId: AUDIO_GROUP_ID, AudioTrackType: 'ALTERNATE_AUDIO_AUTO_SELECT_DEFAULT' } },
          AudioDescriptions: [
            { AudioSourceName: 'Audio Selector 1', CodecSettings: { Codec: 'AAC', AacSettings: { Bitrate: AUDIO_BITRATE, CodingMode: 'CODING_MODE_2_0', SampleRate: 48_000, CodecProfile: 'LC' } } },
          ],
        },
      ]
    : [];

  return {
    Role: input.roleArn,
    Queue: input.queueArn,
    ClientRequestToken: input.requestToken,
    Priority: input.priority,
    StatusUpdateInterval: 'SECONDS_10',
    BillingTagsSource: 'JOB',
    Tags: { 'ott:tenant': input.tenantId },
    UserMetadata: { 'ott-deployment': input.deployment, 'ott-tenant': input.tenantId, ...input.metadata },
    Settings: {
      TimecodeConfig: { Source: 'ZEROBASED' },
      Inputs: [
        {
          FileInput: input.sourceUri,
          TimecodeSource: 'ZEROBASED',
          VideoSelector: { Rotate: 'AUTO' },
          ...(input.hasAudio ? { AudioSelectors: { 'Audio Selector 1': { DefaultSelection: 'DEFAULT' } } } : {}),
        },
      ],
      OutputGroups: [
        {
          Name: 'CMAF',
          OutputGroupSettings: {
            Type: 'CMAF_GROUP_SETTINGS',
            CmafGroupSettings: {
              Destination: `${input.stagingUri}${STAGING_FOLDERS.cmaf}/${HLS_BASENAME}`,
              SegmentLength: SEGMENT_SECONDS,
              SegmentLengthControl: 'GOP_MULTIPLE',
              FragmentLength: KEYFRAME_INTERVAL_SECONDS,
              SegmentControl: 'SEGMENTED_FILES',
              WriteHlsManifest: 'ENABLED',
              // Our player is HLS everywhere (hls.js, or Safari's own), and collect-outputs rewrites the HLS playlists
              // into our layout; an MPD would reference the staging names and go stale, so none is written.
              WriteDashManifest: 'DISABLED',
              ManifestDurationFormat: 'FLOATING_POINT',
              CodecSpecification: 'RFC_6381',
              StreamInfResolution: 'INCLUDE',
              ClientCache: 'ENABLED',
            },
          },
          Outputs: [...videoOutputs, ...audioOutputs],
        },
        {
          Name: 'Stills',
          OutputGroupSettings: { Type: 'FILE_GROUP_SETTINGS', FileGroupSettings: { Destination: `${input.stagingUri}${STAGING_FOLDERS.stills}/${STILLS_BASENAME}` } },
          Outputs: [
            frameCapture(STILL_MODIFIERS.poster, fitWidth(input.source, POSTER_WIDTH), input.durationSeconds * 0.1, 2),
            // Captures at k·D/(N+1): the first (k = 0, often a black leader) is dropped, N thumbnails remain.
            frameCapture(STILL_MODIFIERS.thumbnail, fitWidth(input.source, THUMBNAIL_WIDTH), input.durationSeconds / (THUMBNAIL_COUNT + 1), THUMBNAIL_COUNT + 1),
            storyboardCaptures(input.plan, input.durationSeconds),
          ],
        },
      ],
    },
  };
}

function frameCapture(modifier: string, size: { width: number; height: number }, everySeconds: number, maxCaptures: number): Output {
  // One capture every `everySeconds`: a frame rate of 1000 / (1000 · s) frames per second.
  const denominator = Math.max(1, Math.round(everySeconds * 1000));
  return {
    NameModifier: modifier,
    ContainerSettings: { Container: 'RAW' },
    VideoDescription: {
      Width: size.width,
      Height: size.height,
      CodecSettings: { Codec: 'FRAME_CAPTURE', FrameCaptureSettings: { FramerateNumerator: 1000, FramerateDenominator: denominator, MaxCaptures: maxCaptures, Quality: 80 } },
    },
  };
}

/**
 * One small capture per storyboard tile, at the tile's instant (i · interval): the worker tiles them instead of decoding
 * a rendition it would first have to download. MediaConvert's frame-capture size is 32..8192 px a side (API reference).
 */
function storyboardCaptures(plan: LadderPlan, durationSeconds: number): Output {
  const layout = storyboardLayoutFor(plan, durationSeconds);
  return frameCapture(STILL_MODIFIERS.storyboard, { width: layout.tileWidth, height: Math.max(32, layout.tileHeight) }, layout.intervalSeconds, layout.tiles);
}

function fitWidth(source: { width: number; height: number }, maxWidth: number): { width: number; height: number } {
  const width = Math.min(maxWidth, source.width - (source.width % 2));
  return { width, height: Math.max(2, Math.round((source.height * width) / source.width / 2) * 2) };
}

/** 29.97 → 30000/1001, 25 → 25/1: MediaConvert wants an exact fraction. */
export function frameRateFraction(rate: number): { numerator: number; denominator: number } {
  const ntsc = Math.round(rate * 1.001);
  if (Math.abs(rate - (ntsc * 1000) / 1001) < 0.005 && Math.abs(rate - Math.round(rate)) > 0.005) return { numerator: ntsc * 1000, denominator: 1001 };
  if (Number.isInteger(rate)) return { numerator: rate, denominator: 1 };
  return { numerator: Math.round(rate * 1000), denominator: 1000 };
}
