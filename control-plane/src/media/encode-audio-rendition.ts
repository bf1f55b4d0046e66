// A dub's file → one audio rendition made exactly like the source's (audio-rendition-encoding.ts: the same filter,
// codec, rate and bitrate), as a VOD fMP4 HLS playlist of 6 s segments, by the worker's ffmpeg in both shapes: an
// audio-only encode takes seconds of one core, where a MediaConvert job would bill its minimum and queue behind ladders.
// The file is probed and read like any upload (source-input.ts): only its own bytes, through the demuxer ffprobe named.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { UnplayableMediaError } from '../domain/videos/unplayable-media-error.js';
import { runFfmpeg } from './ffmpeg-process.js';
import { readProbeReport } from './ffprobe-report.js';
import { measureAudioRendition } from './measure-rendition.js';
import { SEGMENT_SECONDS } from './plan-ladder.js';
import { sourceDemuxerInput } from './source-input.js';
import { ACCEPTED_AUDIO_FORMATS, acceptedAudioDemuxer } from './source-formats.js';
import type { AudioRenditionInput, AudioRenditionOutput } from '../ports.js';
import { audioFilter, AUDIO_CODEC_ARGS } from './audio-rendition-encoding.js';
import { vodHlsOutputArgs } from './vod-hls-output.js';

/** A dub this close to its video's length is trimmed or ends early by that much; further off, it belongs to another cut. */
const DUB_DURATION_TOLERANCE_SECONDS = 1;

export async function encodeAudioRendition(tools: { ffmpegPath: string; ffprobePath: string }, input: AudioRenditionInput): Promise<AudioRenditionOutput> {
  const { sourcePath, outputDir, folder, signal } = input;
  const report = await readProbeReport(tools.ffprobePath, sourcePath, signal, ACCEPTED_AUDIO_FORMATS);
  const demuxer = acceptedAudioDemuxer(report.format?.format_name ?? '');
  const audio = report.streams.find((stream) => stream.codec_type === 'audio');
  if (demuxer === undefined || !audio)
    throw new UnplayableMediaError('no-audio', 'This file has no sound in it, so it cannot be a dub. Upload the audio file of the dub (WAV, MP3, AAC, FLAC…) or a video whose sound is the dub.');
  const dubSeconds = Number(audio.duration ?? report.format?.duration);
  if (Number.isFinite(dubSeconds) && Math.abs(dubSeconds - input.maxDurationSeconds) > DUB_DURATION_TOLERANCE_SECONDS) {
    throw new UnplayableMediaError(
      'duration-mismatch',
      `This dub lasts ${formatSeconds(dubSeconds)} but the video lasts ${formatSeconds(input.maxDurationSeconds)}: a dub must match the video within ${DUB_DURATION_TOLERANCE_SECONDS} s. Upload the dub made for this cut of the video.`,
    );
  }
  const dir = join(outputDir, folder);
  await mkdir(dir, { recursive: true });
  const source = sourceDemuxerInput(sourcePath, demuxer);
  const args = [
    '-y',
    '-t',
    input.maxDurationSeconds.toFixed(6),
    ...source.args,
    '-filter_complex',
    audioFilter(audio.index, 0),
    '-map',
    '[a0]',
    '-map_metadata',
    '-1',
    ...AUDIO_CODEC_ARGS,
    ...vodHlsOutputArgs(dir, SEGMENT_SECONDS, 'segment_%05d.m4s'),
  ];
  await runFfmpeg(tools.ffmpegPath, args, { cwd: source.cwd, durationSeconds: input.maxDurationSeconds, ...(signal ? { signal } : {}) });
  return measureAudioRendition(outputDir, folder, input.track);
}

function formatSeconds(seconds: number): string {
  return `${seconds.toFixed(1)} s`;
}
