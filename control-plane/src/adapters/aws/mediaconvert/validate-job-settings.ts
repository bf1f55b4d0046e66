// MediaConvert has no emulator, and the SDK sends whatever it is given: these are the service's documented rules for
// the parts of a CreateJob request we build, checked before every CreateJob (and by the tests, over every job the
// planner can produce and over AWS's own example jobs). A rule belongs here only with its source:
// - API  = MediaConvert API reference, Jobs (https://docs.aws.amazon.com/mediaconvert/latest/apireference/jobs.html): the
//          ranges, patterns and "Required when…" texts, as published in its service model (botocore
//          data/mediaconvert/2017-08-29/service-2.json, read 2026-12).
// - UG   = MediaConvert user guide (https://docs.aws.amazon.com/mediaconvert/latest/ug/), page named at the rule.
// Not encoded, because not documented: even widths and heights (the API reference only bounds them, 32..8192).
import type { CreateJobCommandInput, Output } from '@aws-sdk/client-mediaconvert';

export interface JobSettingsViolation {
  /** Where in the request, e.g. `Settings.OutputGroups[0].Outputs[2].ContainerSettings.Container`. */
  path: string;
  /** The rule, short and stable (tests and error messages name it). */
  rule: string;
  message: string;
}

export class InvalidJobSettingsError extends Error {
  constructor(readonly violations: readonly JobSettingsViolation[]) {
    super(`MediaConvert would reject this job: ${violations.map((v) => `${v.path}: ${v.message} [${v.rule}]`).join('; ')}`);
    this.name = 'InvalidJobSettingsError';
  }
}

/**
 * Containers each output group type accepts. API: ContainerSettings documents CmfcSettings as "the segments in your
 * CMAF outputs", M3u8Settings as "the MPEG2-TS segments in your HLS outputs", MpdSettings as "the segments in your DASH
 * outputs". An Apple HLS group takes M3U8 or RAW; fMP4 (CMFC) belongs in a CMAF group, which MediaConvert has enforced
 * since 2020-11-20 (UG "Choosing your ABR streaming output groups",
 * https://docs.aws.amazon.com/mediaconvert/latest/ug/choosing-your-streaming-output-groups.html). A File group takes
 * the standalone containers, never a streaming package's segment containers.
 */
const STREAMING_CONTAINERS = new Set(['CMFC', 'M3U8', 'MPD', 'ISMV']);
const CONTAINERS_BY_GROUP: Record<string, (container: string) => boolean> = {
  HLS_GROUP_SETTINGS: (c) => c === 'M3U8' || c === 'RAW',
  CMAF_GROUP_SETTINGS: (c) => c === 'CMFC',
  DASH_ISO_GROUP_SETTINGS: (c) => c === 'MPD',
  MS_SMOOTH_GROUP_SETTINGS: (c) => c === 'ISMV',
  FILE_GROUP_SETTINGS: (c) => !STREAMING_CONTAINERS.has(c),
};

/** API OutputGroupSettings: the settings object that must accompany each Type. */
const GROUP_SETTINGS_KEY = {
  HLS_GROUP_SETTINGS: 'HlsGroupSettings',
  CMAF_GROUP_SETTINGS: 'CmafGroupSettings',
  DASH_ISO_GROUP_SETTINGS: 'DashIsoGroupSettings',
  MS_SMOOTH_GROUP_SETTINGS: 'MsSmoothGroupSettings',
  FILE_GROUP_SETTINGS: 'FileGroupSettings',
} as const;

/** API VideoCodecSettings / AudioCodecSettings: "Required when you set Codec to the value …" (the codecs we use). */
const VIDEO_CODEC_SETTINGS: Record<string, 'H264Settings' | 'FrameCaptureSettings'> = { H_264: 'H264Settings', FRAME_CAPTURE: 'FrameCaptureSettings' };
const AUDIO_CODEC_SETTINGS: Record<string, 'AacSettings'> = { AAC: 'AacSettings' };

/** API: value ranges of the fields we set (integer shapes such as __integerMin1000Max1152000000). */
const RANGES = {
  priority: [-50, 50],
  dimension: [32, 8192],
  h264Bitrate: [1000, 1_152_000_000],
  hrdBuffer: [0, 1_152_000_000],
  bFrames: [0, 7],
  positive: [1, 2_147_483_647],
  qvbrLevel: [1, 10],
  aacBitrate: [6000, 1_024_000],
  aacSampleRate: [8000, 96_000],
  captureQuality: [1, 100],
  maxCaptures: [1, 10_000_000],
  nameModifier: [1, 256],
} as const satisfies Record<string, readonly [number, number]>;

export function jobSettingsViolations(request: CreateJobCommandInput): JobSettingsViolation[] {
  const found: JobSettingsViolation[] = [];
  const report = (path: string, rule: string, message: string) => found.push({ path, rule, message });
  const inRange = (path: string, value: number | undefined, [min, max]: readonly [number, number], integer = true) => {
    if (value === undefined) return;
    if ((integer && !Number.isInteger(value)) || value < min || value > max) report(path, 'value-range', `${value} is outside ${min}..${max}${integer ? ' (whole numbers)' : ''}`);
  };

  // API CreateJob: Role and Settings are required; Priority -50..50.
  if (!request.Role) report('Role', 'required', 'the IAM role MediaConvert assumes is required');
  if (!request.Settings) report('Settings', 'required', 'job settings are required');
  inRange('Priority', request.Priority, RANGES.priority);

  for (const [g, group] of (request.Settings?.OutputGroups ?? []).entries()) {
    const at = `Settings.OutputGroups[${g}]`;
    const type = group.OutputGroupSettings?.Type;
    if (!type || !(type in GROUP_SETTINGS_KEY)) {
      report(`${at}.OutputGroupSettings.Type`, 'group-type', `unknown output group type ${JSON.stringify(type)}`);
      continue;
    }
    const settingsKey = GROUP_SETTINGS_KEY[type as keyof typeof GROUP_SETTINGS_KEY];
    const settings = group.OutputGroupSettings?.[settingsKey] as { Destination?: string; SegmentLength?: number; FragmentLength?: number } | undefined;
    if (!settings) report(`${at}.OutputGroupSettings.${settingsKey}`, 'group-settings', `a ${type} group needs its ${settingsKey}`);
    // API: Destination has the pattern ^s3://.*$; segment and fragment lengths are whole seconds, at least 1.
    if (settings?.Destination !== undefined && !settings.Destination.startsWith('s3://')) report(`${at}.Destination`, 'destination', `${settings.Destination} is not an s3:// URI`);
    inRange(`${at}.SegmentLength`, settings?.SegmentLength, RANGES.positive);
    inRange(`${at}.FragmentLength`, settings?.FragmentLength, RANGES.positive);
    const segmented = type !== 'FILE_GROUP_SETTINGS';
    const automatedAbr = group.AutomatedEncodingSettings !== undefined;
    const audioGroupIds = new Set((group.Outputs ?? []).flatMap((output) => output.ContainerSettings?.CmfcSettings?.AudioGroupId ?? []));

    for (const [o, output] of (group.Outputs ?? []).entries()) {
      const out = `${at}.Outputs[${o}]`;
      checkOutput(output, out, { type, segmented, automatedAbr, fragmentLength: settings?.FragmentLength, audioGroupIds }, report, inRange);
    }
  }
  return found;
}

interface GroupContext {
  type: string;
  segmented: boolean;
  automatedAbr: boolean;
  fragmentLength: number | undefined;
  audioGroupIds: ReadonlySet<string>;
}

function checkOutput(
  output: Output,
  at: string,
  group: GroupContext,
  report: (path: string, rule: string, message: string) => void,
  inRange: (path: string, value: number | undefined, range: readonly [number, number], integer?: boolean) => void,
): void {
  const container = output.ContainerSettings?.Container;
  // An output that names a preset takes its container from the preset; one that names nothing gets the group's default.
  if (container !== undefined && !CONTAINERS_BY_GROUP[group.type]?.(container)) {
    const hint = container === 'CMFC' ? ' (fMP4/CMAF outputs belong in a CMAF_GROUP_SETTINGS group)' : '';
    report(`${at}.ContainerSettings.Container`, 'group-container', `a ${group.type} group does not take ${container} outputs${hint}`);
  }
  if (output.NameModifier !== undefined && (output.NameModifier.length < RANGES.nameModifier[0] || output.NameModifier.length > RANGES.nameModifier[1])) {
    report(`${at}.NameModifier`, 'value-range', 'a name modifier has 1 to 256 characters');
  }

  // API CmafGroupSettings: "Each output in a CMAF Output Group may only contain a single video, audio, or caption output."
  const streams = (output.VideoDescription ? 1 : 0) + (output.AudioDescriptions?.length ?? 0) + (output.CaptionDescriptions?.length ?? 0);
  if (group.type === 'CMAF_GROUP_SETTINGS' && streams !== 1) report(at, 'cmaf-one-stream', `a CMAF output carries exactly one video, audio or caption stream, not ${streams}`);
  // API CmfcSettings.AudioRenditionSets: the groups listed "should all match values that you specify in the setting Audio group ID".
  for (const set of output.ContainerSettings?.CmfcSettings?.AudioRenditionSets?.split(',') ?? []) {
    if (!group.audioGroupIds.has(set.trim()))
      report(`${at}.ContainerSettings.CmfcSettings.AudioRenditionSets`, 'audio-rendition-set', `no audio output in this group has AudioGroupId ${JSON.stringify(set.trim())}`);
  }

  const video = output.VideoDescription;
  if (video) {
    inRange(`${at}.VideoDescription.Width`, video.Width, RANGES.dimension);
    inRange(`${at}.VideoDescription.Height`, video.Height, RANGES.dimension);
    const codec = video.CodecSettings?.Codec;
    const needed = codec === undefined ? undefined : VIDEO_CODEC_SETTINGS[codec];
    if (needed && !video.CodecSettings?.[needed]) report(`${at}.VideoDescription.CodecSettings.${needed}`, 'codec-settings', `${needed} is required when Codec is ${codec}`);
    const h264 = video.CodecSettings?.H264Settings;
    if (h264) {
      const h = `${at}.VideoDescription.CodecSettings.H264Settings`;
      // API H264Settings: MaxBitrate "Required when Rate control mode is QVBR" (automated ABR sets it for the group);
      // Bitrate "Required for VBR and CBR"; QvbrSettings "only when you set QVBR for Rate control mode".
      if (h264.RateControlMode === 'QVBR' && h264.MaxBitrate === undefined && !group.automatedAbr) report(`${h}.MaxBitrate`, 'qvbr-max-bitrate', 'QVBR needs MaxBitrate');
      if ((h264.RateControlMode === 'CBR' || h264.RateControlMode === 'VBR') && h264.Bitrate === undefined) report(`${h}.Bitrate`, 'bitrate-required', `${h264.RateControlMode} needs Bitrate`);
      if (h264.QvbrSettings && h264.RateControlMode !== 'QVBR') report(`${h}.QvbrSettings`, 'qvbr-settings', 'QvbrSettings apply only with RateControlMode QVBR');
      inRange(`${h}.Bitrate`, h264.Bitrate, RANGES.h264Bitrate);
      inRange(`${h}.MaxBitrate`, h264.MaxBitrate, RANGES.h264Bitrate);
      inRange(`${h}.HrdBufferSize`, h264.HrdBufferSize, RANGES.hrdBuffer);
      inRange(`${h}.NumberBFramesBetweenReferenceFrames`, h264.NumberBFramesBetweenReferenceFrames, RANGES.bFrames);
      inRange(`${h}.FramerateNumerator`, h264.FramerateNumerator, RANGES.positive);
      inRange(`${h}.FramerateDenominator`, h264.FramerateDenominator, RANGES.positive);
      inRange(`${h}.QvbrSettings.QvbrQualityLevel`, h264.QvbrSettings?.QvbrQualityLevel, RANGES.qvbrLevel);
      // API H264Settings.GopClosedCadence: "for segmented outputs, don't set this value to 0".
      if (group.segmented && h264.GopClosedCadence === 0) report(`${h}.GopClosedCadence`, 'closed-gop', 'segmented outputs need closed GOPs (GopClosedCadence ≥ 1)');
      const gop = gopSeconds(h264);
      // UG "Setting the fragment length for streaming outputs" (https://docs.aws.amazon.com/mediaconvert/latest/ug/setting-the-fragment-length.html):
      // Fragment length must be a whole multiple of GOP size × Closed GOP cadence ÷ frame rate, or players may stall at the end.
      if (group.fragmentLength !== undefined && gop !== undefined) {
        const unit = gop * Math.max(1, h264.GopClosedCadence ?? 1);
        const ratio = group.fragmentLength / unit;
        if (Math.abs(ratio - Math.round(ratio)) > 1e-6 || Math.round(ratio) < 1) {
          report(`${h}.GopSize`, 'fragment-gop', `FragmentLength ${group.fragmentLength} s is not a whole multiple of the ${unit.toFixed(3)} s closed-GOP period`);
        }
      }
    }
    const capture = video.CodecSettings?.FrameCaptureSettings;
    if (capture) {
      const c = `${at}.VideoDescription.CodecSettings.FrameCaptureSettings`;
      inRange(`${c}.FramerateNumerator`, capture.FramerateNumerator, RANGES.positive);
      inRange(`${c}.FramerateDenominator`, capture.FramerateDenominator, RANGES.positive);
      inRange(`${c}.MaxCaptures`, capture.MaxCaptures, RANGES.maxCaptures);
      inRange(`${c}.Quality`, capture.Quality, RANGES.captureQuality);
    }
  }

  for (const [a, audio] of (output.AudioDescriptions ?? []).entries()) {
    const au = `${at}.AudioDescriptions[${a}].CodecSettings`;
    const codec = audio.CodecSettings?.Codec;
    const needed = codec === undefined ? undefined : AUDIO_CODEC_SETTINGS[codec];
    if (needed && !audio.CodecSettings?.[needed]) report(`${au}.${needed}`, 'codec-settings', `${needed} is required when Codec is ${codec}`);
    inRange(`${au}.AacSettings.Bitrate`, audio.CodecSettings?.AacSettings?.Bitrate, RANGES.aacBitrate);
    inRange(`${au}.AacSettings.SampleRate`, audio.CodecSettings?.AacSettings?.SampleRate, RANGES.aacSampleRate);
  }
}

/** The GOP's length in seconds when the settings fix it: given in seconds, or in frames at a specified frame rate. */
function gopSeconds(h264: NonNullable<NonNullable<NonNullable<Output['VideoDescription']>['CodecSettings']>['H264Settings']>): number | undefined {
  if (h264.GopSize === undefined) return undefined;
  if (h264.GopSizeUnits === 'SECONDS') return h264.GopSize;
  if (h264.GopSizeUnits === 'FRAMES' && h264.FramerateControl === 'SPECIFIED' && h264.FramerateNumerator && h264.FramerateDenominator) {
    return (h264.GopSize * h264.FramerateDenominator) / h264.FramerateNumerator;
  }
  return undefined;
}

/** Throws InvalidJobSettingsError, naming every broken rule, unless MediaConvert's documented rules accept the job. */
export function assertValidJobSettings(request: CreateJobCommandInput): void {
  const violations = jobSettingsViolations(request);
  if (violations.length > 0) throw new InvalidJobSettingsError(violations);
}
