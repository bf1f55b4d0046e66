// How every audio rendition is made with ffmpeg, whatever it comes from (a source track in the ladder's audio process,
// encode-ladder.ts; a dub, encode-audio-rendition.ts): stereo, loudness-normalised to LOUDNESS_TARGET, 48 kHz AAC-LC at
// AUDIO_BITRATE. MediaConvert's audio renditions are made to the same numbers (adapters/aws/mediaconvert/audio-settings.ts).
import { AUDIO_BITRATE, AUDIO_SAMPLE_RATE, LOUDNESS_TARGET } from './plan-ladder.js';

/**
 * `[0:{stream}]` → stereo → loudness-normalised (LOUDNESS_TARGET, single-pass `loudnorm`, which works at 192 kHz)
 * → 48 kHz → `[a{n}]`. Mono and low-rate tracks come out like every other one.
 */
export function audioFilter(streamIndex: number, n: number): string {
  const { integratedLufs, truePeakDbtp, rangeLu } = LOUDNESS_TARGET;
  return `[0:${streamIndex}]aformat=channel_layouts=stereo,loudnorm=I=${integratedLufs}:TP=${truePeakDbtp}:LRA=${rangeLu},aresample=${AUDIO_SAMPLE_RATE}[a${n}]`;
}

/** The encoder's options for every audio output of the command. */
export const AUDIO_CODEC_ARGS: readonly string[] = ['-c:a', 'aac', '-b:a', String(AUDIO_BITRATE), '-ac', '2', '-ar', String(AUDIO_SAMPLE_RATE)];
