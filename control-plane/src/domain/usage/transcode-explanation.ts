// How one minute of video becomes billed transcode minutes, worked out from the real rules (transcode-normalisation.ts)
// over the default ladder, so the usage page's sentence changes when the rules or the ladder do.
import { DEFAULT_LADDER } from '../../media/plan-ladder.js';
import { MEDIACONVERT_MULTIPLIERS, normaliseOutput } from './transcode-normalisation.js';

/** One minute of 1080p30 H.264 video across the default ladder, in normalised minutes, said in a sentence. */
export function explainTranscodeMinutes(): string {
  const outputs = DEFAULT_LADDER.filter((rung) => rung.shortSide <= 1080).map((rung) => ({
    rung,
    normalised: normaliseOutput({ width: Math.round((rung.shortSide * 16) / 9), height: rung.shortSide, frameRate: 30, videoCodec: 'h264', durationSeconds: 60 }),
  }));
  const seconds = outputs.reduce((sum, output) => sum + output.normalised.normalisedSeconds, 0);
  const minutes = Number((seconds / 60).toFixed(2));
  const terms = outputs.map((output) => `${output.rung.name} ×${output.normalised.multiplier}`).join(' + ');
  const table = MEDIACONVERT_MULTIPLIERS;
  return (
    `1 min of 1080p video across the ladder = ${minutes} normalised minutes, the unit transcoding is billed in (${terms}): each output rendition counts, ` +
    `HD (720p to 1080p) ×${table.resolution.HD}, 4K ×${table.resolution.UHD}, above 30 fps ×${table.frameRate['30-to-60']}, HEVC and AV1 ×${table.codec.HEVC}, ` +
    `and every rendition at least ${table.minimumSecondsPerOutput} s. This is how AWS Elemental MediaConvert counts, whichever shape encodes.`
  );
}
