// Turns a finished job's staging folder (already downloaded) into the package layout the rest of the
// platform expects, identical to the ffmpeg transcoder's: `{rung}/index.m3u8` + `init.mp4` + segments,
// `audio/…`, our master playlist, poster, thumbnails and the storyboard built from the smallest rung.
import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { SourceInfo, TranscodeOutput } from '../../../ports.js';
import { INIT_SEGMENT, MEDIA_PLAYLIST, parseMediaPlaylist } from '../../local/ffmpeg/media-playlist.js';
import { measureRendition } from '../../local/ffmpeg/measure-rendition.js';
import type { LadderPlan } from '../../local/ffmpeg/plan-ladder.js';
import { buildStoryboard } from '../../local/ffmpeg/storyboard.js';
import { AUDIO_PLAYLIST, renderCmafMasterPlaylist } from './cmaf-master-playlist.js';
import { AUDIO_BITRATE, HLS_BASENAME, THUMBNAIL_COUNT, nameModifier } from './create-job-request.js';

export interface CollectInput {
  /** The downloaded `staging/{token}/` folder. */
  stagingDir: string;
  outputDir: string;
  plan: LadderPlan;
  source: SourceInfo;
  hasAudio: boolean;
  ffmpegPath: string;
}

/** Copies one MediaConvert variant playlist and what it references into `{outputDir}/{name}/`, renaming the init segment. */
async function adoptPlaylist(hlsDir: string, playlistName: string, targetDir: string): Promise<void> {
  const text = await readFile(path.join(hlsDir, playlistName), 'utf8');
  const playlist = parseMediaPlaylist(text);
  if (!playlist.initUri) throw new Error(`${playlistName} has no EXT-X-MAP: MediaConvert did not write fMP4`);
  await mkdir(targetDir, { recursive: true });
  await copyFile(path.join(hlsDir, playlist.initUri), path.join(targetDir, INIT_SEGMENT));
  let rewritten = text.replace(`URI="${playlist.initUri}"`, `URI="${INIT_SEGMENT}"`);
  for (const segment of playlist.segments) {
    const name = path.posix.basename(segment.uri);
    await copyFile(path.join(hlsDir, segment.uri), path.join(targetDir, name));
    rewritten = rewritten.replace(`\n${segment.uri}\n`, `\n${name}\n`);
  }
  await writeFile(path.join(targetDir, MEDIA_PLAYLIST), rewritten);
}

export async function collectOutputs(input: CollectInput): Promise<TranscodeOutput> {
  const hlsDir = path.join(input.stagingDir, 'hls');
  for (const rendition of input.plan.renditions) {
    await adoptPlaylist(hlsDir, `${HLS_BASENAME}${nameModifier(rendition.name)}.m3u8`, path.join(input.outputDir, rendition.name));
  }
  if (input.hasAudio) await adoptPlaylist(hlsDir, `${HLS_BASENAME}_audio.m3u8`, path.join(input.outputDir, path.dirname(AUDIO_PLAYLIST)));

  // Codec strings come from the encoded init segments; audio is a separate rendition but the variants name it.
  const renditions = await Promise.all(input.plan.renditions.map((rendition) => measureRendition({ outputDir: input.outputDir, rendition, frameRate: input.plan.frameRate, hasAudio: input.hasAudio })));
  await writeFile(path.join(input.outputDir, 'master.m3u8'), renderCmafMasterPlaylist(renditions, input.hasAudio ? { bandwidth: AUDIO_BITRATE } : undefined));

  const stills = path.join(input.stagingDir, 'stills');
  // Frame captures are numbered from 0: the poster output's second capture is at 10 %; thumbnails skip capture 0.
  await copyFile(path.join(stills, 'frame_poster.0000001.jpg'), path.join(input.outputDir, 'poster.jpg'));
  await mkdir(path.join(input.outputDir, 'thumbnails'), { recursive: true });
  const duration = renditions[0]?.durationSeconds ?? input.source.durationSeconds;
  const thumbnails = [];
  for (let i = 1; i <= THUMBNAIL_COUNT; i += 1) {
    const target = `thumbnails/thumb_${String(i).padStart(2, '0')}.jpg`;
    await copyFile(path.join(stills, `frame_thumb.${String(i).padStart(7, '0')}.jpg`), path.join(input.outputDir, target));
    thumbnails.push({ path: target, timeSeconds: Math.round((duration * i * 1000) / (THUMBNAIL_COUNT + 1)) / 1000 });
  }
  const smallest = input.plan.renditions.at(-1);
  if (!smallest) throw new Error('The ladder produced no renditions');
  const storyboard = await buildStoryboard({ ffmpegPath: input.ffmpegPath, outputDir: input.outputDir, rendition: smallest, durationSeconds: duration });
  return { source: input.source, durationSeconds: duration, masterPlaylistPath: 'master.m3u8', renditions, posterPath: 'poster.jpg', thumbnails, storyboard };
}
