// Turns a finished job's staging folder (already downloaded) into the package layout the rest of the
// platform expects, identical to the ffmpeg transcoder's: `{rung}/index.m3u8` + `init.mp4` + segments,
// `audio/…`, our master playlist, poster, thumbnails and the storyboard built from the smallest rung.
import { copyFile, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { SourceInfo, TranscodeOutput } from '../../../ports.js';
import { measureRendition } from '../../../media/measure-rendition.js';
import { INIT_SEGMENT, MEDIA_PLAYLIST, parseMediaPlaylist } from '../../../media/media-playlist.js';
import { AUDIO_BITRATE, type LadderPlan } from '../../../media/plan-ladder.js';
import { buildStoryboard } from '../../../media/storyboard.js';
import { AUDIO_PLAYLIST, renderCmafMasterPlaylist } from './cmaf-master-playlist.js';
import { parseCmafHlsManifest } from './cmaf-hls-manifest.js';
import { AUDIO_GROUP_ID, HLS_BASENAME, STAGING_FOLDERS, STILL_MODIFIERS, STILLS_BASENAME, THUMBNAIL_COUNT } from './create-job-request.js';

export interface CollectInput {
  /** The downloaded `staging/{token}/` folder. */
  stagingDir: string;
  outputDir: string;
  plan: LadderPlan;
  source: SourceInfo;
  hasAudio: boolean;
  ffmpegPath: string;
}

/**
 * CMAF segments are fMP4 media segments whatever MediaConvert calls them (its video segments are `.cmfv`, UG "Choosing
 * your ABR streaming output groups"): they become `.m4s` like the local shape's, so the edge, CloudFront and the
 * storyboard (which reads `m4s`/`mp4` segments only) treat both shapes' packages alike.
 */
function segmentName(uri: string): string {
  const base = path.posix.basename(uri);
  return `${base.slice(0, base.length - path.posix.extname(base).length)}.m4s`;
}

/** Copies one MediaConvert variant playlist and what it references into `{outputDir}/{name}/`, renaming init and segments. */
async function adoptPlaylist(cmafDir: string, playlistName: string, targetDir: string): Promise<void> {
  const text = await readFile(path.join(cmafDir, playlistName), 'utf8');
  const playlist = parseMediaPlaylist(text);
  if (!playlist.initUri) throw new Error(`${playlistName} has no EXT-X-MAP: MediaConvert did not write fMP4`);
  await mkdir(targetDir, { recursive: true });
  await copyFile(path.join(cmafDir, playlist.initUri), path.join(targetDir, INIT_SEGMENT));
  const segmentNames = new Map(playlist.segments.map((segment) => [segment.uri, segmentName(segment.uri)]));
  for (const [uri, name] of segmentNames) await copyFile(path.join(cmafDir, uri), path.join(targetDir, name));
  // Line by line: a URI line becomes its file name, the EXT-X-MAP names our init segment; tags stay as written.
  const rewritten = text
    .split('\n')
    .map((line) => segmentNames.get(line.trim()) ?? line.replace(`URI="${playlist.initUri}"`, `URI="${INIT_SEGMENT}"`))
    .join('\n');
  await writeFile(path.join(targetDir, MEDIA_PLAYLIST), rewritten);
}

/**
 * One frame-capture output's images, in capture order. MediaConvert names them `{base}{modifier}.NNNNNNN.jpg`;
 * its API reference numbers captures from 0 while its user guide's example counts from 1, so only the order
 * is relied on, never the first number.
 */
async function capturesOf(stillsDir: string, modifier: string): Promise<string[]> {
  const prefix = `${STILLS_BASENAME}${modifier}.`;
  const numbered = (await readdir(stillsDir)).flatMap((name) => {
    const match = name.startsWith(prefix) ? /^(\d+)\.jpg$/.exec(name.slice(prefix.length)) : null;
    return match?.[1] ? [{ name, index: Number(match[1]) }] : [];
  });
  return numbered.sort((a, b) => a.index - b.index).map(({ name }) => path.join(stillsDir, name));
}

export async function collectOutputs(input: CollectInput): Promise<TranscodeOutput> {
  const cmafDir = path.join(input.stagingDir, STAGING_FOLDERS.cmaf);
  const manifestPath = path.join(cmafDir, `${HLS_BASENAME}.m3u8`);
  const manifest = parseCmafHlsManifest(await readFile(manifestPath, 'utf8'));
  for (const rendition of input.plan.renditions) {
    const variant = manifest.variants.find((candidate) => candidate.width === rendition.width && candidate.height === rendition.height);
    if (!variant) throw new Error(`${manifestPath} lists no ${rendition.width}x${rendition.height} variant for the ${rendition.name} rendition`);
    await adoptPlaylist(cmafDir, variant.uri, path.join(input.outputDir, rendition.name));
  }
  if (input.hasAudio) {
    const audio = manifest.audio.find((candidate) => candidate.groupId === AUDIO_GROUP_ID);
    if (!audio) throw new Error(`${manifestPath} lists no audio rendition in group ${AUDIO_GROUP_ID}`);
    await adoptPlaylist(cmafDir, audio.uri, path.join(input.outputDir, path.dirname(AUDIO_PLAYLIST)));
  }

  // Codec strings come from the encoded init segments; audio is a separate rendition but the variants name it.
  const renditions = await Promise.all(
    input.plan.renditions.map((rendition) => measureRendition({ outputDir: input.outputDir, rendition, frameRate: input.plan.frameRate, hasAudio: input.hasAudio })),
  );
  await writeFile(path.join(input.outputDir, 'master.m3u8'), renderCmafMasterPlaylist(renditions, input.hasAudio ? { bandwidth: AUDIO_BITRATE } : undefined));

  const stills = path.join(input.stagingDir, STAGING_FOLDERS.stills);
  // The poster output's second capture is at 10 % (the first is frame 0); a film too short for two has only the first.
  const poster = (await capturesOf(stills, STILL_MODIFIERS.poster)).slice(0, 2).at(-1);
  if (!poster) throw new Error(`MediaConvert wrote no poster capture (${STILLS_BASENAME}${STILL_MODIFIERS.poster}.NNNNNNN.jpg) under ${stills}`);
  await copyFile(poster, path.join(input.outputDir, 'poster.jpg'));
  await mkdir(path.join(input.outputDir, 'thumbnails'), { recursive: true });
  const duration = renditions[0]?.durationSeconds ?? input.source.durationSeconds;
  // Captures are at k·D/(N+1); the first (k = 0, often a black leader) is skipped.
  const captures = (await capturesOf(stills, STILL_MODIFIERS.thumbnail)).slice(1, THUMBNAIL_COUNT + 1);
  const thumbnails = [];
  for (const [index, capture] of captures.entries()) {
    const k = index + 1;
    const target = `thumbnails/thumb_${String(k).padStart(2, '0')}.jpg`;
    await copyFile(capture, path.join(input.outputDir, target));
    thumbnails.push({ path: target, timeSeconds: Math.round((duration * k * 1000) / (THUMBNAIL_COUNT + 1)) / 1000 });
  }
  const smallest = input.plan.renditions.at(-1);
  if (!smallest) throw new Error('The ladder produced no renditions');
  const storyboard = await buildStoryboard({ ffmpegPath: input.ffmpegPath, outputDir: input.outputDir, rendition: smallest, durationSeconds: duration });
  return { source: input.source, durationSeconds: duration, masterPlaylistPath: 'master.m3u8', renditions, posterPath: 'poster.jpg', thumbnails, storyboard };
}
