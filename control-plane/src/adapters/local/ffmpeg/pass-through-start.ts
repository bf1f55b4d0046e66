// Pass-through start (media/pass-through.ts decides which sources qualify): the source's own H.264 and AAC, copied
// into fMP4 HLS segments cut at its keyframes (a remux: a 60 s 1080p file takes a third of a second), published as a
// complete VOD rendition under `pass-through/` with a provisional master naming it alone. A viewer who starts now
// plays the whole video, seekable, from the first second; the final master (the ladder) replaces the provisional one
// when the video is ready, and the pass-through folder stays until viewers who began on it are done
// (domain/videos/retired-folders.ts).
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AAC_LC_CODEC, avcCodecString } from '../../../media/codec-string.js';
import { runFfmpeg, ToolFailedError } from '../../../media/ffmpeg-process.js';
import { MASTER_PLAYLIST, renderMasterPlaylist } from '../../../media/master-playlist.js';
import { measurePlaylist } from '../../../media/measure-rendition.js';
import { INIT_SEGMENT, MEDIA_PLAYLIST, parseMediaPlaylist } from '../../../media/media-playlist.js';
import { PASS_THROUGH_FOLDER, PASS_THROUGH_MAX_SEGMENT_SECONDS, type PassThroughPlan } from '../../../media/pass-through.js';
import { sourceDemuxerInput } from '../../../media/source-input.js';
import type { EarlyPublishing } from '../../../ports.js';
import { vodHlsOutputArgs } from '../../../media/vod-hls-output.js';

/** Inside the transcoder's output folder while it is made; removed before the final package is published. */
const STAGING_FOLDER = '.pass-through';
/** The remux's segment length: cut at the first keyframe after it, so a segment lasts at least this (or to the end). */
const PART_SECONDS = 2;

export interface PassThroughInput {
  ffmpegPath: string;
  sourcePath: string;
  demuxer: string;
  outputDir: string;
  plan: PassThroughPlan;
  publishing: EarlyPublishing;
  signal: AbortSignal;
}

/** Published, or why a qualifying source was not after all (the ladder's own fast start then takes over). */
export type PassThroughOutcome = { published: true } | { published: false; reason: string };

/**
 * Remuxes, checks and publishes; says whether it did. A source it cannot remux cleanly (cut short, keyframes too
 * far apart) is left to the ladder, which decides its fate: this never fails the transcode, and never publishes a
 * rendition that would stop partway.
 */
export async function publishPassThrough(input: PassThroughInput): Promise<PassThroughOutcome> {
  const staging = join(input.outputDir, STAGING_FOLDER);
  await mkdir(staging, { recursive: true });
  try {
    const remuxed = await remux(input, staging);
    if (!remuxed.published) return remuxed;
    const text = await readFile(join(staging, MEDIA_PLAYLIST), 'utf8');
    const playlist = parseMediaPlaylist(text);
    const longest = Math.max(0, ...playlist.segments.map((segment) => segment.durationSeconds));
    if (playlist.segments.length === 0 || !text.includes('#EXT-X-ENDLIST')) return { published: false, reason: 'the remux wrote no complete playlist' };
    if (longest > PASS_THROUGH_MAX_SEGMENT_SECONDS) return { published: false, reason: `its keyframes are ${longest.toFixed(1)} s apart` };
    // Segments first, then the playlist that names them, then the master that names it.
    for (const file of [INIT_SEGMENT, ...playlist.segments.map((segment) => segment.uri), MEDIA_PLAYLIST]) {
      await input.publishing.publish(`${PASS_THROUGH_FOLDER}/${file}`, join(staging, file));
    }
    const master = join(staging, MASTER_PLAYLIST);
    await writeFile(master, await provisionalMaster(input.plan, staging));
    await input.publishing.publish(MASTER_PLAYLIST, master);
    await input.publishing.playable(MASTER_PLAYLIST);
    return { published: true };
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

async function remux(input: PassThroughInput, staging: string): Promise<PassThroughOutcome> {
  const { plan } = input;
  const source = sourceDemuxerInput(input.sourcePath, input.demuxer);
  let cutShort = false;
  const args = [
    '-y',
    ...source.args,
    '-map',
    `0:${plan.videoStreamIndex}`,
    ...(plan.audioStreamIndex === null ? [] : ['-map', `0:${plan.audioStreamIndex}`]),
    '-c',
    'copy',
    '-map_metadata',
    '-1',
    '-map_chapters',
    '-1',
    ...vodHlsOutputArgs(staging, PART_SECONDS, 'seg_%05d.m4s'),
  ];
  try {
    await runFfmpeg(input.ffmpegPath, args, {
      cwd: source.cwd,
      signal: input.signal,
      onStderrLine: (line) => {
        // An index that promises more than the file holds: copying would publish a video that stops partway.
        if (/partial file/i.test(line)) cutShort = true;
      },
    });
  } catch (error) {
    if (error instanceof ToolFailedError && error.exitCode !== null) return { published: false, reason: `ffmpeg could not remux it (${error.stderrTail.at(-1) ?? 'no message'})` };
    throw error;
  }
  return cutShort ? { published: false, reason: 'the file is cut short' } : { published: true };
}

/** One variant, measured on the segments (peak and average), its codecs read from the init segment. */
async function provisionalMaster(plan: PassThroughPlan, staging: string): Promise<string> {
  const measured = await measurePlaylist(staging);
  const videoCodec = await avcCodecString(join(staging, INIT_SEGMENT));
  return renderMasterPlaylist(
    [
      {
        name: PASS_THROUGH_FOLDER,
        width: plan.width,
        height: plan.height,
        frameRate: Math.round(plan.frameRate * 1000) / 1000,
        videoCodec: 'h264',
        codecs: plan.audioStreamIndex === null ? videoCodec : `${videoCodec},${AAC_LC_CODEC}`,
        bandwidth: measured.bandwidth,
        averageBandwidth: measured.averageBandwidth,
        playlistPath: `${PASS_THROUGH_FOLDER}/${MEDIA_PLAYLIST}`,
        durationSeconds: measured.durationSeconds,
      },
    ],
    { videoRange: 'SDR' },
  );
}
