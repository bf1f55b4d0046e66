// How each audio track of the source is selected and encoded: one AudioSelector per track (by track number), and the
// same AudioDescription wherever that track is written (its CMAF rendition, the MP4 downloads): AAC-LC stereo at
// 48 kHz, downmixed or upmixed by an explicit channel matrix, loudness-normalised, tagged with the source's language.
import type { AudioDescription, AudioSelector, OutputChannelMapping, RemixSettings } from '@aws-sdk/client-mediaconvert';
import { AUDIO_BITRATE, LOUDNESS_TARGET } from '../../../media/plan-ladder.js';
import type { SourceAudioTrack } from './source-tracks.js';

/**
 * Integrated loudness every audio rendition is normalised to: the local transcoder's target (LOUDNESS_TARGET, −16 LUFS
 * with ffmpeg loudnorm), so one film sounds alike in both shapes. LKFS and LUFS are the same unit (ITU-R BS.1770). API
 * AudioNormalizationSettings.TargetLkfs (a double): −59.0 to 0.0; without it MediaConvert picks −23 (EBU R128,
 * broadcast), too quiet next to the web's other players.
 */
export const LOUDNESS_TARGET_LKFS = LOUDNESS_TARGET.integratedLufs;
/** True-peak ceiling after normalisation (API TruePeakLimiterThreshold, a double: 0 to −8 dBFS), the local one's too. */
const TRUE_PEAK_DBFS = LOUDNESS_TARGET.truePeakDbtp;
/** API RemixSettings: remix gains run from −60 (mute) to 6 dB. */
const MUTE_DB = -60;
/** ITU-R BS.775 downmix: centre and surrounds join the front pair at −3 dB (×0.707). */
const SIDE_DB = -3;

export function audioSelectorName(track: SourceAudioTrack): string {
  return `Audio Selector ${track.track}`;
}

/** API AudioSelector: SelectorType TRACK with Tracks; the default selector stands in for a missing one (API DefaultSelection). */
export function audioSelectors(tracks: readonly SourceAudioTrack[]): Record<string, AudioSelector> {
  return Object.fromEntries(
    tracks.map((track) => [audioSelectorName(track), { SelectorType: 'TRACK', Tracks: [track.track], DefaultSelection: track.isDefault ? 'DEFAULT' : 'NOT_DEFAULT' } satisfies AudioSelector]),
  );
}

export function audioDescription(track: SourceAudioTrack): AudioDescription {
  const remix = stereoRemix(track.channels);
  return {
    AudioSourceName: audioSelectorName(track),
    // Streaming outputs pass StreamName into the manifest as the rendition's NAME (API AudioDescription.StreamName).
    StreamName: track.name,
    ...(track.iso639 ? { LanguageCodeControl: 'USE_CONFIGURED', CustomLanguageCode: track.iso639 } : {}),
    CodecSettings: { Codec: 'AAC', AacSettings: { Bitrate: AUDIO_BITRATE, CodingMode: 'CODING_MODE_2_0', SampleRate: 48_000, CodecProfile: 'LC' } },
    AudioNormalizationSettings: {
      // 1770-3: gated loudness (as EBU R128 measures it) with true-peak measurement; we always encode stereo, so 1770-4's
      // higher channel counts are not needed.
      Algorithm: 'ITU_BS_1770_3',
      AlgorithmControl: 'CORRECT_AUDIO',
      TargetLkfs: LOUDNESS_TARGET_LKFS,
      TruePeakLimiterThreshold: TRUE_PEAK_DBFS,
    },
    ...(remix ? { RemixSettings: remix } : {}),
  };
}

/**
 * Without remixing MediaConvert maps input channel n to output channel n, so a mono track would play from the left
 * speaker only and a 5.1 track would keep only its front pair. Mono goes to both sides; 5.1 and 7.1 (ffmpeg's channel
 * order: FL FR FC LFE BL BR [SL SR]) fold centre and surrounds in at −3 dB, dropping the LFE; any other layout keeps
 * its first two channels. API RemixSettings: one OutputChannels entry per output channel, each listing a gain per input
 * channel.
 */
export function stereoRemix(channels: number): RemixSettings | undefined {
  if (channels === 2) return undefined;
  const gains = (picks: Record<number, number>): OutputChannelMapping => ({
    InputChannels: Array.from({ length: channels }, (_, channel) => picks[channel] ?? MUTE_DB),
  });
  let left: Record<number, number>;
  let right: Record<number, number>;
  if (channels === 1) {
    left = { 0: 0 };
    right = { 0: 0 };
  } else if (channels === 6) {
    left = { 0: 0, 2: SIDE_DB, 4: SIDE_DB };
    right = { 1: 0, 2: SIDE_DB, 5: SIDE_DB };
  } else if (channels === 8) {
    left = { 0: 0, 2: SIDE_DB, 4: SIDE_DB, 6: SIDE_DB };
    right = { 1: 0, 2: SIDE_DB, 5: SIDE_DB, 7: SIDE_DB };
  } else {
    left = { 0: 0 };
    right = { 1: 0 };
  }
  return { ChannelsIn: channels, ChannelsOut: 2, ChannelMapping: { OutputChannels: [gains(left), gains(right)] } };
}
