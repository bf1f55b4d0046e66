// How ffprobe and ffmpeg open an uploaded source: run in the source's own folder (the job's scratch folder, where
// nothing else is readable) and named relative to it, through the `file` protocol only, with demuxers from the
// allow-list (source-formats.ts). Whatever the file says, the tool reads these bytes and nothing else.
import path from 'node:path';
import { ACCEPTED_FORMATS } from './source-formats.js';

export interface SourceInput {
  /** The tool's working directory. */
  cwd: string;
  /** Input options, `-i` and the input last. */
  args: string[];
}

/** Before the container is known (ffprobe): any accepted demuxer (`formats`); anything else fails as "not on whitelist". */
export function sourceProbeInput(sourcePath: string, formats: string = ACCEPTED_FORMATS): SourceInput {
  return input(sourcePath, ['-format_whitelist', formats]);
}

/**
 * Once ffprobe has named the container: that demuxer, forced, and no other. The mov demuxer can follow a track's
 * data reference to another file (an "alias"); both switches that allow it stay off.
 */
export function sourceDemuxerInput(sourcePath: string, demuxer: string): SourceInput {
  const mov = demuxer === 'mov' ? ['-enable_drefs', '0', '-use_absolute_path', '0'] : [];
  return input(sourcePath, ['-format_whitelist', demuxer, '-f', demuxer, ...mov]);
}

function input(sourcePath: string, demuxerArgs: string[]): SourceInput {
  // `file:` keeps a name such as `http:x` or `a|b` from being read as a protocol.
  return { cwd: path.dirname(sourcePath), args: ['-protocol_whitelist', 'file', ...demuxerArgs, '-i', `file:${path.basename(sourcePath)}`] };
}
