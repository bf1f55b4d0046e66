// The CreateJob request for one source: our ladder (the same plan the ffmpeg transcoder encodes) as one CMAF output
// group with an HLS manifest: fMP4 segments of SEGMENT_SECONDS built from KEYFRAME_INTERVAL_SECONDS fragments (one
// closed GOP each), H.264 with QVBR capped at the planned peak rate (HDR tone-mapped to SDR BT.709), every audio track
// of the source as its own AAC rendition and the source's CEA-608 captions as WebVTT (CMAF carries one stream per
// output), frame captures for the poster and thumbnails, and when asked a FILE group of MP4 downloads; a clip is an
// input clipping. MediaConvert accepts fMP4 (CMFC) only in a CMAF group, never in an Apple HLS group
// (validate-job-settings.ts has the rules and their sources). Everything is written under the tenant's
// `staging/{token}/` prefix, which only this tenant's role may write.
import type { CaptionSelector, CreateJobCommandInput, Input, Output, OutputGroup } from '@aws-sdk/client-mediaconvert';
import { KEYFRAME_INTERVAL_SECONDS, SEGMENT_SECONDS, type LadderPlan } from '../../../media/plan-ladder.js';
import { audioDescription, audioSelectors } from './audio-settings.js';
import { downloadsGroup } from './download-outputs.js';
import { inputClipping, type ClipRange } from './input-clipping.js';
import type { SourceAudioTrack, SourceTracks } from './source-tracks.js';
import { storyboardLayoutFor } from './storyboard-from-captures.js';
import { h264Video, inputColorSpace, toneMapping } from './video-description.js';

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
/** The caption selector of the source's CEA-608/708 captions, and the name modifier of their WebVTT output. */
export const CAPTION_SELECTOR = 'Captions Selector 1';
export const CAPTIONS_MODIFIER = '_captions';

export interface JobRequestInput {
  sourceUri: string;
  /** `s3://bucket/staging/{token}/`: the job writes only below it. */
  stagingUri: string;
  plan: LadderPlan;
  /** The source's audio tracks, captions and dynamic range (source-tracks.ts). */
  tracks: SourceTracks;
  /** Of the video being made: the clip's length when there is one. */
  durationSeconds: number;
  /** Displayed size and frame rate of the source (the clip's timecodes count its frames). */
  source: { width: number; height: number; frameRate: number };
  /** Only this range of the source becomes the video. */
  clip?: ClipRange;
  /** Also write the static MP4 downloads (download-outputs.ts). */
  downloads?: boolean;
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

/** Name modifier of each audio track's output, e.g. `_audio_2` for the source's second audio track. */
export function audioModifier(track: SourceAudioTrack): string {
  return `_audio_${track.track}`;
}

/** The job that makes a video's package (and its downloads when asked). */
export function buildCreateJobRequest(input: JobRequestInput): CreateJobCommandInput {
  const { audio, range } = input.tracks;
  const videoOutputs: Output[] = input.plan.renditions.map((rendition) => ({
    NameModifier: nameModifier(rendition.name),
    ContainerSettings: { Container: 'CMFC', ...(audio.length > 0 ? { CmfcSettings: { AudioRenditionSets: AUDIO_GROUP_ID } } : {}) },
    VideoDescription: h264Video(rendition, input.plan, range),
  }));
  // One CMAF output per audio track, all in one rendition group: the manifest lists them as EXT-X-MEDIA TYPE=AUDIO of
  // GROUP-ID "audio", the default one DEFAULT=YES (API CmfcSettings.AudioGroupId, AudioTrackType).
  const audioOutputs: Output[] = audio.map((track) => ({
    NameModifier: audioModifier(track),
    ContainerSettings: {
      Container: 'CMFC',
      CmfcSettings: { AudioGroupId: AUDIO_GROUP_ID, AudioTrackType: track.isDefault ? 'ALTERNATE_AUDIO_AUTO_SELECT_DEFAULT' : 'ALTERNATE_AUDIO_AUTO_SELECT' },
    },
    AudioDescriptions: [audioDescription(track)],
  }));
  const captions = input.tracks.embeddedCaptions;
  // UG "IMSC, TTML, and WebVTT (sidecar) output captions" (https://docs.aws.amazon.com/mediaconvert/latest/ug/ttml-and-webvtt-output-captions.html):
  // captions go in the same group as the video, each track in its own output.
  const captionOutputs: Output[] = captions
    ? [
        {
          NameModifier: CAPTIONS_MODIFIER,
          ContainerSettings: { Container: 'CMFC' },
          CaptionDescriptions: [
            {
              CaptionSelectorName: CAPTION_SELECTOR,
              LanguageDescription: captions.name,
              // Streaming outputs take any RFC 5646 tag here (API CaptionDescription.CustomLanguageCode).
              ...(captions.language !== 'und' ? { CustomLanguageCode: captions.language } : {}),
              // 608 captions are written for viewers who cannot hear: Accessibility adds the CHARACTERISTICS players look for.
              DestinationSettings: { DestinationType: 'WEBVTT', WebvttDestinationSettings: { Accessibility: 'ENABLED', StylePassthrough: 'DISABLED' } },
            },
          ],
        },
      ]
    : [];

  const groups: OutputGroup[] = [
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
      Outputs: [...videoOutputs, ...audioOutputs, ...captionOutputs],
    },
    {
      Name: 'Stills',
      OutputGroupSettings: { Type: 'FILE_GROUP_SETTINGS', FileGroupSettings: { Destination: `${input.stagingUri}${STAGING_FOLDERS.stills}/${STILLS_BASENAME}` } },
      Outputs: [
        frameCapture(STILL_MODIFIERS.poster, fitWidth(input.source, POSTER_WIDTH), input.durationSeconds * 0.1, 2, input.tracks),
        // Captures at k·D/(N+1): the first (k = 0, often a black leader) is dropped, N thumbnails remain.
        frameCapture(STILL_MODIFIERS.thumbnail, fitWidth(input.source, THUMBNAIL_WIDTH), input.durationSeconds / (THUMBNAIL_COUNT + 1), THUMBNAIL_COUNT + 1, input.tracks),
        storyboardCaptures(input.plan, input.durationSeconds, input.tracks),
      ],
    },
  ];
  if (input.downloads) groups.push(downloadsGroup({ stagingUri: input.stagingUri, plan: input.plan, range, defaultAudio: defaultAudio(audio) }));
  return jobEnvelope(input, groups, captions ? { [CAPTION_SELECTOR]: captionSelector(captions.sourceType) } : {});
}

/** The job that makes only the MP4 downloads of a video whose package exists (downloads switched on afterwards). */
export function buildDownloadsJobRequest(input: JobRequestInput): CreateJobCommandInput {
  const { audio, range } = input.tracks;
  return jobEnvelope(input, [downloadsGroup({ stagingUri: input.stagingUri, plan: input.plan, range, defaultAudio: defaultAudio(audio) })], {});
}

function defaultAudio(audio: readonly SourceAudioTrack[]): SourceAudioTrack | undefined {
  return audio.find((track) => track.isDefault) ?? audio[0];
}

/** 608 channel 1 (CC1), the primary-language service (API EmbeddedSourceSettings, AncillarySourceSettings). */
function captionSelector(sourceType: 'EMBEDDED' | 'ANCILLARY'): CaptionSelector {
  if (sourceType === 'ANCILLARY') return { SourceSettings: { SourceType: 'ANCILLARY', AncillarySourceSettings: { SourceAncillaryChannelNumber: 1 } } };
  return { SourceSettings: { SourceType: 'EMBEDDED', EmbeddedSourceSettings: { Source608ChannelNumber: 1 } } };
}

function jobEnvelope(input: JobRequestInput, outputGroups: OutputGroup[], captionSelectors: Record<string, CaptionSelector>): CreateJobCommandInput {
  const { audio, range } = input.tracks;
  const source: Input = {
    FileInput: input.sourceUri,
    // ZEROBASED: the first frame is 00:00:00:00 whatever timecode the file carries, so a clip's timecodes are plain offsets.
    TimecodeSource: 'ZEROBASED',
    VideoSelector: { Rotate: 'AUTO', ...inputColorSpace(range) },
    ...(audio.length > 0 ? { AudioSelectors: audioSelectors(audio) } : {}),
    ...(Object.keys(captionSelectors).length > 0 ? { CaptionSelectors: captionSelectors } : {}),
    ...(input.clip ? { InputClippings: [inputClipping(input.clip, input.source.frameRate)] } : {}),
  };
  return {
    Role: input.roleArn,
    Queue: input.queueArn,
    ClientRequestToken: input.requestToken,
    Priority: input.priority,
    StatusUpdateInterval: 'SECONDS_10',
    BillingTagsSource: 'JOB',
    Tags: { 'ott:tenant': input.tenantId },
    UserMetadata: { 'ott-deployment': input.deployment, 'ott-tenant': input.tenantId, ...input.metadata },
    Settings: { TimecodeConfig: { Source: 'ZEROBASED' }, Inputs: [source], OutputGroups: outputGroups },
  };
}

function frameCapture(modifier: string, size: { width: number; height: number }, everySeconds: number, maxCaptures: number, tracks: SourceTracks): Output {
  // One capture every `everySeconds`: a frame rate of 1000 / (1000 · s) frames per second.
  const denominator = Math.max(1, Math.round(everySeconds * 1000));
  return {
    NameModifier: modifier,
    ContainerSettings: { Container: 'RAW' },
    VideoDescription: {
      Width: size.width,
      Height: size.height,
      // Posters and thumbnails of an HDR film are tone-mapped like its renditions, or they look washed out.
      ...toneMapping(tracks.range),
      CodecSettings: { Codec: 'FRAME_CAPTURE', FrameCaptureSettings: { FramerateNumerator: 1000, FramerateDenominator: denominator, MaxCaptures: maxCaptures, Quality: 80 } },
    },
  };
}

/**
 * One small capture per storyboard tile, at the tile's instant (i · interval): the worker tiles them instead of decoding
 * a rendition it would first have to download. MediaConvert's frame-capture size is 32..8192 px a side (API reference).
 */
function storyboardCaptures(plan: LadderPlan, durationSeconds: number, tracks: SourceTracks): Output {
  const layout = storyboardLayoutFor(plan, durationSeconds);
  return frameCapture(STILL_MODIFIERS.storyboard, { width: layout.tileWidth, height: Math.max(32, layout.tileHeight) }, layout.intervalSeconds, layout.tiles, tracks);
}

function fitWidth(source: { width: number; height: number }, maxWidth: number): { width: number; height: number } {
  const width = Math.min(maxWidth, source.width - (source.width % 2));
  return { width, height: Math.max(2, Math.round((source.height * width) / source.width / 2) * 2) };
}
