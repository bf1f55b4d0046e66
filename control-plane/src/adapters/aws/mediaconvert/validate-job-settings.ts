// MediaConvert has no emulator, and the SDK sends whatever it is given: these are the service's documented rules for
// the parts of a CreateJob request we build, checked before every CreateJob (and by the tests, over every job the
// planner can produce and over AWS's own example jobs). A rule belongs here only with its source:
// - API  = MediaConvert API reference, Jobs (https://docs.aws.amazon.com/mediaconvert/latest/apireference/jobs.html): the
//          ranges, patterns and "Required when…" texts, as published in its service model (botocore
//          data/mediaconvert/2017-08-29/service-2.json, read 2026-12).
// - UG   = MediaConvert user guide (https://docs.aws.amazon.com/mediaconvert/latest/ug/), page named at the rule.
// Not encoded, because not documented: even widths and heights (the API reference only bounds them, 32..8192).
import type { AudioDescription, CreateJobCommandInput, Input, Output, RemixSettings } from '@aws-sdk/client-mediaconvert';

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
  // AudioSelector.Tracks: __listOf__integerMin1Max2147483647 (tracks count from 1).
  track: [1, 2_147_483_647],
  // AudioNormalizationSettings: TargetLkfs −59.0..0.0, CorrectionGateLevel −70..0, TruePeakLimiterThreshold −8..0.
  targetLkfs: [-59, 0],
  correctionGate: [-70, 0],
  truePeak: [-8, 0],
  // RemixSettings: ChannelsIn 1..64, ChannelsOut "1, 2, 4, 6, 8... 64", gains "from -60 (mute) through 6".
  channels: [1, 64],
  remixGain: [-60, 6],
  // CaptionSelectors: "You can use up to 100 captions selectors per input."
  captionSelectors: [0, 100],
  // EmbeddedSourceSettings.Source608ChannelNumber, AncillarySourceSettings.SourceAncillaryChannelNumber: 1..4.
  cc608Channel: [1, 4],
} as const satisfies Record<string, readonly [number, number]>;

/**
 * API InputClipping: `HH:MM:SS:FF` or `HH:MM:SS;FF` (the service model's pattern, with its optional `@rate` suffix);
 * "Start timecode or End timecode may be left blank, but not both."
 */
const TIMECODE = /^([01][0-9]|2[0-4]):[0-5][0-9]:[0-5][0-9][:;][0-9]{2}(@[0-9]+(\.[0-9]+)?(:[0-9]+)?)?$/;
/** API AudioSelector.CustomLanguageCode: ISO 639-2/3, three letters (__stringMin3Max3PatternAZaZ3). */
const THREE_LETTER_LANGUAGE = /^[A-Za-z]{3}$/;
/**
 * API AudioDescription/CaptionDescription.CustomLanguageCode: "For all outputs, you can use an ISO 639-2 or ISO 639-3
 * code. For streaming outputs, you can also use any other code in the full RFC-5646 specification. Streaming outputs
 * are those that are in one of the following output groups: CMAF, DASH ISO, Apple HLS, or Microsoft Smooth Streaming."
 */
const RFC_5646_TAG = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/;
/**
 * UG "Supported input captions, within video containers", CMAF table
 * (https://docs.aws.amazon.com/mediaconvert/latest/ug/captions-support-tables-by-container-type.html): a CMAF output
 * carries captions only as IMSC or WebVTT.
 */
const CMAF_CAPTION_FORMATS = new Set(['WEBVTT', 'IMSC']);

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
  const inputs = request.Settings?.Inputs ?? [];
  for (const [i, input] of inputs.entries()) checkInput(input, `Settings.Inputs[${i}]`, report, inRange);
  const audioSelectorNames = new Set(inputs.flatMap((input) => Object.keys(input.AudioSelectors ?? {})));
  const captionSelectorNames = new Set(inputs.flatMap((input) => Object.keys(input.CaptionSelectors ?? {})));

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
    if (type === 'CMAF_GROUP_SETTINGS') checkCmafAudioTrackTypes(group.Outputs ?? [], at, report);

    for (const [o, output] of (group.Outputs ?? []).entries()) {
      const out = `${at}.Outputs[${o}]`;
      checkOutput(output, out, { type, segmented, automatedAbr, fragmentLength: settings?.FragmentLength, audioGroupIds, audioSelectorNames, captionSelectorNames }, report, inRange);
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
  audioSelectorNames: ReadonlySet<string>;
  captionSelectorNames: ReadonlySet<string>;
}

type Report = (path: string, rule: string, message: string) => void;
type InRange = (path: string, value: number | undefined, range: readonly [number, number], integer?: boolean) => void;

function checkInput(input: Input, at: string, report: Report, inRange: InRange): void {
  for (const [c, clipping] of (input.InputClippings ?? []).entries()) {
    const clip = `${at}.InputClippings[${c}]`;
    if (clipping.StartTimecode === undefined && clipping.EndTimecode === undefined) report(clip, 'clip-bounds', 'an input clipping needs a start or an end timecode (or both)');
    for (const key of ['StartTimecode', 'EndTimecode'] as const) {
      const value = clipping[key];
      if (value !== undefined && !TIMECODE.test(value)) report(`${clip}.${key}`, 'timecode', `${JSON.stringify(value)} is not a HH:MM:SS:FF timecode`);
    }
  }
  for (const [name, selector] of Object.entries(input.AudioSelectors ?? {})) {
    const sel = `${at}.AudioSelectors[${JSON.stringify(name)}]`;
    for (const [t, track] of (selector.Tracks ?? []).entries()) inRange(`${sel}.Tracks[${t}]`, track, RANGES.track);
    if (selector.CustomLanguageCode !== undefined && !THREE_LETTER_LANGUAGE.test(selector.CustomLanguageCode)) {
      report(`${sel}.CustomLanguageCode`, 'language-code', `${JSON.stringify(selector.CustomLanguageCode)} is not a three-letter ISO 639-2/3 code`);
    }
    checkRemix(selector.RemixSettings, `${sel}.RemixSettings`, report, inRange);
  }
  const captionSelectors = Object.entries(input.CaptionSelectors ?? {});
  inRange(`${at}.CaptionSelectors`, captionSelectors.length, RANGES.captionSelectors);
  for (const [name, selector] of captionSelectors) {
    const source = selector.SourceSettings;
    const sel = `${at}.CaptionSelectors[${JSON.stringify(name)}].SourceSettings`;
    // API CaptionSourceSettings.SourceType: "The service cannot auto-detect caption format."
    if (!source?.SourceType) report(`${sel}.SourceType`, 'caption-source-type', 'a captions selector must name its source format');
    inRange(`${sel}.EmbeddedSourceSettings.Source608ChannelNumber`, source?.EmbeddedSourceSettings?.Source608ChannelNumber, RANGES.cc608Channel);
    inRange(`${sel}.AncillarySourceSettings.SourceAncillaryChannelNumber`, source?.AncillarySourceSettings?.SourceAncillaryChannelNumber, RANGES.cc608Channel);
  }
}

/**
 * API CmfcSettings.AudioTrackType: ALTERNATE_AUDIO_AUTO_SELECT_DEFAULT — "Choose this value for only one variant in
 * your output group"; "When there is more than one variant in your output group, you must explicitly choose a value."
 */
function checkCmafAudioTrackTypes(outputs: readonly Output[], at: string, report: Report): void {
  const audio = outputs.map((output, index) => ({ output, index })).filter(({ output }) => (output.AudioDescriptions?.length ?? 0) > 0 && !output.VideoDescription);
  if (audio.length > 1) {
    for (const { output, index } of audio) {
      if (!output.ContainerSettings?.CmfcSettings?.AudioTrackType)
        report(`${at}.Outputs[${index}].ContainerSettings.CmfcSettings.AudioTrackType`, 'audio-track-type', 'with several audio renditions in the group, each must say its AudioTrackType');
    }
  }
  const defaults = audio.filter(({ output }) => output.ContainerSettings?.CmfcSettings?.AudioTrackType === 'ALTERNATE_AUDIO_AUTO_SELECT_DEFAULT');
  if (defaults.length > 1) report(`${at}.Outputs`, 'one-default-audio', `${defaults.length} audio renditions are ALTERNATE_AUDIO_AUTO_SELECT_DEFAULT; at most one may be`);
}

/**
 * API RemixSettings/ChannelMapping: ChannelsOut is 1 or an even number up to 64; one OutputChannels entry per output
 * channel, each holding one gain per input channel ("Each instance of the InputChannels … array specifies these values
 * for one output channel").
 */
function checkRemix(remix: RemixSettings | undefined, at: string, report: Report, inRange: InRange): void {
  if (!remix) return;
  inRange(`${at}.ChannelsIn`, remix.ChannelsIn, RANGES.channels);
  inRange(`${at}.ChannelsOut`, remix.ChannelsOut, RANGES.channels);
  if (remix.ChannelsOut !== undefined && remix.ChannelsOut !== 1 && remix.ChannelsOut % 2 !== 0)
    report(`${at}.ChannelsOut`, 'remix-channels', `${remix.ChannelsOut} output channels: use 1 or an even number`);
  const mapping = remix.ChannelMapping?.OutputChannels;
  if (!mapping) return;
  if (remix.ChannelsOut !== undefined && mapping.length !== remix.ChannelsOut)
    report(`${at}.ChannelMapping.OutputChannels`, 'remix-matrix', `${mapping.length} output channel mappings for ${remix.ChannelsOut} output channels`);
  for (const [o, channel] of mapping.entries()) {
    const gains = channel.InputChannels ?? channel.InputChannelsFineTune ?? [];
    if (remix.ChannelsIn !== undefined && gains.length !== remix.ChannelsIn)
      report(`${at}.ChannelMapping.OutputChannels[${o}]`, 'remix-matrix', `${gains.length} gains for ${remix.ChannelsIn} input channels`);
    for (const [i, gain] of (channel.InputChannels ?? []).entries()) inRange(`${at}.ChannelMapping.OutputChannels[${o}].InputChannels[${i}]`, gain, RANGES.remixGain);
  }
}

function checkAudioDescription(audio: AudioDescription, at: string, group: GroupContext, report: Report, inRange: InRange): void {
  // API AudioDescription.AudioSourceName names an input's audio selector; a name no input has makes MediaConvert fall
  // back to the default selector or to silence, which in a job we build is always a bug.
  if (audio.AudioSourceName !== undefined && !group.audioSelectorNames.has(audio.AudioSourceName)) {
    report(`${at}.AudioSourceName`, 'audio-source-name', `no input has an audio selector named ${JSON.stringify(audio.AudioSourceName)}`);
  }
  // API AudioDescription.LanguageCodeControl: USE_CONFIGURED writes "the language code that you specify".
  if (audio.LanguageCodeControl === 'USE_CONFIGURED' && audio.LanguageCode === undefined && audio.CustomLanguageCode === undefined) {
    report(`${at}.LanguageCodeControl`, 'language-code', 'USE_CONFIGURED needs a LanguageCode or CustomLanguageCode');
  }
  checkOutputLanguage(audio.CustomLanguageCode, `${at}.CustomLanguageCode`, group, report);
  const loudness = audio.AudioNormalizationSettings;
  inRange(`${at}.AudioNormalizationSettings.TargetLkfs`, loudness?.TargetLkfs, RANGES.targetLkfs, false);
  inRange(`${at}.AudioNormalizationSettings.CorrectionGateLevel`, loudness?.CorrectionGateLevel, RANGES.correctionGate);
  inRange(`${at}.AudioNormalizationSettings.TruePeakLimiterThreshold`, loudness?.TruePeakLimiterThreshold, RANGES.truePeak, false);
  checkRemix(audio.RemixSettings, `${at}.RemixSettings`, report, inRange);
}

function checkOutputLanguage(code: string | undefined, at: string, group: GroupContext, report: Report): void {
  if (code === undefined) return;
  const streaming = group.type !== 'FILE_GROUP_SETTINGS';
  if (!(streaming ? RFC_5646_TAG : THREE_LETTER_LANGUAGE).test(code)) {
    report(at, 'language-code', `${JSON.stringify(code)} is not ${streaming ? 'an RFC 5646 language tag' : 'a three-letter ISO 639-2/3 code (file outputs take no other)'}`);
  }
}

function checkOutput(output: Output, at: string, group: GroupContext, report: Report, inRange: InRange): void {
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

  for (const [c, caption] of (output.CaptionDescriptions ?? []).entries()) {
    const cap = `${at}.CaptionDescriptions[${c}]`;
    if (caption.CaptionSelectorName !== undefined && !group.captionSelectorNames.has(caption.CaptionSelectorName)) {
      report(`${cap}.CaptionSelectorName`, 'caption-selector-name', `no input has a captions selector named ${JSON.stringify(caption.CaptionSelectorName)}`);
    }
    const destination = caption.DestinationSettings?.DestinationType;
    if (group.type === 'CMAF_GROUP_SETTINGS' && destination !== undefined && !CMAF_CAPTION_FORMATS.has(destination)) {
      report(`${cap}.DestinationSettings.DestinationType`, 'cmaf-caption-format', `a CMAF output carries captions as WebVTT or IMSC, not ${destination}`);
    }
    checkOutputLanguage(caption.CustomLanguageCode, `${cap}.CustomLanguageCode`, group, report);
  }

  for (const [a, audio] of (output.AudioDescriptions ?? []).entries()) {
    checkAudioDescription(audio, `${at}.AudioDescriptions[${a}]`, group, report, inRange);
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
