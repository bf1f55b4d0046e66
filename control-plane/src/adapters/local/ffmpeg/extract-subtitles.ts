// The source's text subtitle tracks (SRT, ASS/SSA, WebVTT, MP4 timed text) converted to WebVTT in one ffmpeg process
// that reads the upload the way the ladder does (its own folder, the file protocol, the forced demuxer) and copies
// nothing but the subtitle packets. Helper code elsewhere stores and segments them; this only produces them.
import { mkdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { MediaNote } from '@ott/contracts';
import { runFfmpeg, ToolFailedError } from '../../../media/ffmpeg-process.js';
import { sourceDemuxerInput } from '../../../media/source-input.js';
import type { SourceSubtitleTrack } from '../../../media/source-tracks.js';
import type { ExtractedTextTrack } from '../../../ports.js';

export interface ExtractSubtitlesInput {
  ffmpegPath: string;
  sourcePath: string;
  demuxer: string;
  /** Scratch files go to a folder of their own inside it, removed before returning. */
  outputDir: string;
  tracks: readonly SourceSubtitleTrack[];
  signal?: AbortSignal;
}

const SCRATCH_FOLDER = '.subtitles';

/** A track ffmpeg cannot convert (a damaged file) becomes a note: the video is still made without it. */
export async function extractSubtitles(input: ExtractSubtitlesInput): Promise<{ textTracks: ExtractedTextTrack[]; notes: MediaNote[] }> {
  const { tracks } = input;
  if (tracks.length === 0) return { textTracks: [], notes: [] };
  const scratch = join(input.outputDir, SCRATCH_FOLDER);
  await mkdir(scratch, { recursive: true });
  try {
    const source = sourceDemuxerInput(input.sourcePath, input.demuxer);
    const outputs = tracks.flatMap((track, n) => ['-map', `0:${track.streamIndex}`, '-c:s', 'webvtt', '-f', 'webvtt', join(scratch, `${n}.vtt`)]);
    try {
      await runFfmpeg(input.ffmpegPath, ['-y', ...source.args, ...outputs], { cwd: source.cwd, ...(input.signal ? { signal: input.signal } : {}) });
    } catch (error) {
      if (!(error instanceof ToolFailedError) || error.exitCode === null) throw error;
      return {
        textTracks: [],
        notes: tracks.map((track) => ({
          code: 'subtitles-not-converted',
          message: `The ${track.label} subtitle track (stream ${track.streamIndex}, ${track.codec}) could not be read, so it was not converted. Upload it as a WebVTT or SRT file to add it.`,
        })),
      };
    }
    const textTracks = await Promise.all(
      tracks.map(async (track, n) => ({
        language: track.language,
        label: track.label,
        kind: track.kind,
        isDefault: track.isDefault,
        forced: track.forced,
        webvtt: await readFile(join(scratch, `${n}.vtt`), 'utf8'),
      })),
    );
    return { textTracks, notes: [] };
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}
