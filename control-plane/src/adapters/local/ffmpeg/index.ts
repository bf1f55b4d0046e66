export { FfmpegTranscoder, type FfmpegTranscoderOptions } from './ffmpeg-transcoder.js';
export { DEFAULT_LADDER, type LadderRung } from './plan-ladder.js';
export type { X264Preset } from './x264-preset.js';
