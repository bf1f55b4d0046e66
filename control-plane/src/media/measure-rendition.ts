// Turns an encoded rendition folder into what the master playlist and metering need: measured
// bitrates (not the targets we asked for), its real codec string, duration and bytes.
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { AudioRenditionOutput, RenditionOutput } from '../ports.js';
import { AAC_LC_CODEC, avcCodecString } from './codec-string.js';
import { INIT_SEGMENT, MEDIA_PLAYLIST, readMediaPlaylist, totalDuration } from './media-playlist.js';
import type { PlannedRendition } from './plan-ladder.js';

export interface MeasureRenditionInput {
  outputDir: string;
  rendition: PlannedRendition;
  frameRate: number;
  hasAudio: boolean;
  /** A segment's size by its playlist URI; the file in the rendition folder when not given (MediaConvert's segments stay in S3). */
  segmentSize?: (uri: string) => Promise<number>;
}

export async function measureRendition(input: MeasureRenditionInput): Promise<RenditionOutput> {
  return { ...(await measureSegments(input)), bytes: await folderBytes(join(input.outputDir, input.rendition.name)) };
}

/** Everything but the folder's bytes, from the segments the playlist lists: safe while ffmpeg still writes the folder. */
export async function measureSegments({ outputDir, rendition, frameRate, hasAudio, segmentSize }: MeasureRenditionInput): Promise<Omit<RenditionOutput, 'bytes'>> {
  const dir = join(outputDir, rendition.name);
  const measured = await measurePlaylist(dir, segmentSize);
  // While encoding (early publishing) the init segment still has ffmpeg's name.
  const videoCodec = await avcCodecString(join(dir, measured.initUri ?? INIT_SEGMENT));

  return {
    name: rendition.name,
    width: rendition.width,
    height: rendition.height,
    frameRate: Math.round(frameRate * 1000) / 1000,
    videoCodec: 'h264',
    codecs: hasAudio ? `${videoCodec},${AAC_LC_CODEC}` : videoCodec,
    bandwidth: measured.bandwidth,
    averageBandwidth: measured.averageBandwidth,
    playlistPath: `${rendition.name}/${MEDIA_PLAYLIST}`,
    durationSeconds: measured.durationSeconds,
  };
}

/** An audio-only rendition in `outputDir/{folder}` (AAC-LC stereo, as encode-ladder.ts makes them) with what the track is. */
export async function measureAudioRendition(outputDir: string, folder: string, track: Pick<AudioRenditionOutput, 'language' | 'name' | 'isDefault'>): Promise<AudioRenditionOutput> {
  const dir = join(outputDir, folder);
  const measured = await measurePlaylist(dir);
  const { language, name, isDefault } = track;
  return { language, name, isDefault, channels: 2, codecs: AAC_LC_CODEC, bandwidth: measured.bandwidth, playlistPath: `${folder}/${MEDIA_PLAYLIST}`, bytes: await folderBytes(dir) };
}

/** Peak and average bits per second over the segments the playlist in `dir` lists. */
export async function measurePlaylist(dir: string, segmentSize?: (uri: string) => Promise<number>) {
  const playlist = await readMediaPlaylist(dir);
  if (playlist.segments.length === 0) throw new Error(`${join(dir, MEDIA_PLAYLIST)} lists no segments`);
  let peakBitsPerSecond = 0;
  let segmentBytes = 0;
  for (const segment of playlist.segments) {
    const size = segmentSize ? await segmentSize(segment.uri) : (await stat(join(dir, segment.uri))).size;
    segmentBytes += size;
    if (segment.durationSeconds > 0) peakBitsPerSecond = Math.max(peakBitsPerSecond, (size * 8) / segment.durationSeconds);
  }
  const durationSeconds = totalDuration(playlist);
  return {
    initUri: playlist.initUri,
    bandwidth: Math.ceil(peakBitsPerSecond),
    averageBandwidth: durationSeconds > 0 ? Math.ceil((segmentBytes * 8) / durationSeconds) : 0,
    durationSeconds,
  };
}

async function folderBytes(dir: string): Promise<number> {
  const entries = await readdir(dir, { withFileTypes: true });
  const sizes = await Promise.all(entries.filter((e) => e.isFile()).map(async (e) => (await stat(join(dir, e.name))).size));
  return sizes.reduce((sum, size) => sum + size, 0);
}
