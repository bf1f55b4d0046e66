// Turns a finished job's staged outputs into the package layout the rest of the platform expects, identical to the
// ffmpeg transcoder's: `{rung}/index.m3u8` + `init.mp4` + `.m4s` segments, `audio_{n}/…` per audio track, our
// master playlist, poster, thumbnails and the storyboard; the source's captions as one WebVTT document each (the
// control plane publishes caption tracks itself), and the MP4 downloads. Media segments never pass through the worker: they are copied inside S3 into the
// video's package; only the small files (playlists, init segments, frame captures) are fetched, rewritten or tiled in
// `outputDir`, which the transcode job then publishes beside them.
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { AudioRenditionOutput, DownloadOutput, ExtractedTextTrack, SourceInfo, TranscodeOutput } from '../../../ports.js';
import { AAC_LC_CODEC } from '../../../media/codec-string.js';
import { writeMasterPlaylist } from '../../../media/master-playlist.js';
import { measureSegments } from '../../../media/measure-rendition.js';
import { INIT_SEGMENT, MEDIA_PLAYLIST, parseMediaPlaylist } from '../../../media/media-playlist.js';
import { AUDIO_BITRATE, type LadderPlan } from '../../../media/plan-ladder.js';
import { parseCmafHlsManifest, type CmafHlsManifest } from './cmaf-hls-manifest.js';
import { AUDIO_GROUP_ID, HLS_BASENAME, STAGING_FOLDERS, STILL_MODIFIERS, STILLS_BASENAME, THUMBNAIL_COUNT } from './create-job-request.js';
import { downloadRenditions, stagedDownloadPath } from './download-outputs.js';
import type { SourceTracks } from './source-tracks.js';
import { tileStoryboard } from './storyboard-from-captures.js';
import { joinWebvttSegments } from './webvtt-segments.js';

/** A finished job's outputs, by their path below its staging prefix (`cmaf/master.m3u8`, `stills/frame_poster.0000001.jpg`). */
export interface StagedOutputs {
  /** Every staged file and its size in bytes. */
  list(): Promise<Map<string, number>>;
  /** Fetches one small file (playlist, init segment, frame capture) to `target`. */
  fetch(relativePath: string, target: string): Promise<void>;
  /** Copies a media segment, server-side, to `packagePath` of the video's package. */
  publish(relativePath: string, packagePath: string): Promise<void>;
  /** Deletes the staged outputs once collected. */
  remove(): Promise<void>;
}

export interface CollectInput {
  staged: StagedOutputs;
  /** Private scratch folder for fetched files that are not part of the package (manifest, captures). */
  workDir: string;
  /** The package's small files go here; segments are already in the store when this returns. */
  outputDir: string;
  plan: LadderPlan;
  source: SourceInfo;
  /** What the job selected from the source (source-tracks.ts). */
  tracks: SourceTracks;
  /** The job wrote the MP4 downloads. */
  downloads: boolean;
  ffmpegPath: string;
}

/** Each audio track's folder in the package, as the local shape names it: `audio_1/` for the first (0-based position). */
function audioFolder(position: number): string {
  return `audio_${position + 1}`;
}

/** Segments copied at once: S3 serves thousands of requests a second per prefix; a few in flight keep a long film quick. */
const COPIES_IN_FLIGHT = 16;

/**
 * CMAF segments are fMP4 media segments whatever MediaConvert calls them (its video segments are `.cmfv`, UG "Choosing
 * your ABR streaming output groups"): they become `.m4s` like the local shape's, so the edge, CloudFront and the
 * player treat both shapes' packages alike.
 */
function segmentName(uri: string): string {
  const base = path.posix.basename(uri);
  return `${base.slice(0, base.length - path.posix.extname(base).length)}.m4s`;
}

/** A URI MediaConvert wrote beside its playlist; anything with a folder, a scheme or a query is not one of its files. */
function stagedName(uri: string, playlist: string): string {
  if (!/^[\w.-]+$/.test(uri) || uri.startsWith('.')) throw new Error(`${playlist} names ${JSON.stringify(uri)}, which is not a file MediaConvert writes beside it`);
  return `${STAGING_FOLDERS.cmaf}/${uri}`;
}

async function inParallel<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  const queue = [...items];
  const worker = async () => {
    for (let item = queue.shift(); item !== undefined; item = queue.shift()) await work(item);
  };
  await Promise.all(Array.from({ length: Math.min(limit, queue.length) }, worker));
}

/**
 * One variant playlist into `{outputDir}/{name}/`: its init segment fetched as `init.mp4`, its segments copied in S3 as
 * `{name}/{segment}.m4s`, the playlist rewritten to those names. Returns each new segment name's size.
 */
async function adoptPlaylist(input: CollectInput, sizes: Map<string, number>, playlistName: string, name: string): Promise<Map<string, number>> {
  const playlistPath = `${STAGING_FOLDERS.cmaf}/${playlistName}`;
  const local = path.join(input.workDir, STAGING_FOLDERS.cmaf, playlistName);
  await input.staged.fetch(stagedName(playlistName, playlistPath), local);
  const text = await readFile(local, 'utf8');
  const playlist = parseMediaPlaylist(text);
  if (!playlist.initUri) throw new Error(`${playlistPath} has no EXT-X-MAP: MediaConvert did not write fMP4`);
  const targetDir = path.join(input.outputDir, name);
  await mkdir(targetDir, { recursive: true });
  await input.staged.fetch(stagedName(playlist.initUri, playlistPath), path.join(targetDir, INIT_SEGMENT));
  const renamed = new Map(playlist.segments.map((segment) => [segment.uri, segmentName(segment.uri)]));
  const copied = new Map<string, number>();
  await inParallel([...renamed], COPIES_IN_FLIGHT, async ([uri, target]) => {
    const staged = stagedName(uri, playlistPath);
    const size = sizes.get(staged);
    if (size === undefined) throw new Error(`${playlistPath} lists ${uri}, which the job did not write`);
    await input.staged.publish(staged, `${name}/${target}`);
    copied.set(target, size);
  });
  // Line by line: a URI line becomes its file name, the EXT-X-MAP names our init segment; tags stay as written.
  const rewritten = text
    .split('\n')
    .map((line) => renamed.get(line.trim()) ?? line.replace(`URI="${playlist.initUri}"`, `URI="${INIT_SEGMENT}"`))
    .join('\n');
  await writeFile(path.join(targetDir, MEDIA_PLAYLIST), rewritten);
  return copied;
}

/**
 * One frame-capture output's images, in capture order. MediaConvert names them `{base}{modifier}.NNNNNNN.jpg`;
 * its API reference numbers captures from 0 while its user guide's example counts from 1, so only the order
 * is relied on, never the first number.
 */
function capturesOf(sizes: Map<string, number>, modifier: string): string[] {
  const prefix = `${STAGING_FOLDERS.stills}/${STILLS_BASENAME}${modifier}.`;
  const numbered = [...sizes.keys()].flatMap((name) => {
    const match = name.startsWith(prefix) ? /^(\d+)\.jpg$/.exec(name.slice(prefix.length)) : null;
    return match?.[1] ? [{ name, index: Number(match[1]) }] : [];
  });
  return numbered.sort((a, b) => a.index - b.index).map(({ name }) => name);
}

export async function collectOutputs(input: CollectInput): Promise<TranscodeOutput> {
  const sizes = await input.staged.list();
  const manifestPath = `${STAGING_FOLDERS.cmaf}/${HLS_BASENAME}.m3u8`;
  const manifestFile = path.join(input.workDir, manifestPath);
  await input.staged.fetch(manifestPath, manifestFile);
  const manifest = parseCmafHlsManifest(await readFile(manifestFile, 'utf8'));
  const segmentSizes = new Map<string, Map<string, number>>();
  for (const rendition of input.plan.renditions) {
    const variant = manifest.variants.find((candidate) => candidate.width === rendition.width && candidate.height === rendition.height);
    if (!variant) throw new Error(`${manifestPath} lists no ${rendition.width}x${rendition.height} variant for the ${rendition.name} rendition`);
    segmentSizes.set(rendition.name, await adoptPlaylist(input, sizes, variant.uri, rendition.name));
  }
  const audioTracks = await adoptAudioTracks(input, sizes, manifest, manifestPath);
  const textTracks = await readCaptions(input, manifest, manifestPath);

  // Codec strings come from the fetched init segments, bitrates from the segments' sizes in S3. Audio is not muxed into
  // the variants: their CODECS name the video alone and the master adds each audio rendition's.
  const renditions = await Promise.all(
    input.plan.renditions.map(async (rendition) => {
      const copied = segmentSizes.get(rendition.name) ?? new Map<string, number>();
      const measured = await measureSegments({
        outputDir: input.outputDir,
        rendition,
        frameRate: input.plan.frameRate,
        hasAudio: false,
        segmentSize: async (uri) => copied.get(uri) ?? 0,
      });
      const bytes = copiedBytes(copied) + (await smallFilesBytes(path.join(input.outputDir, rendition.name)));
      return { ...measured, bytes };
    }),
  );
  // HDR sources are tone-mapped to SDR (video-description.ts): the package's picture is SDR whatever the source was.
  const videoRange = 'SDR';
  const masterPlaylistPath = await writeMasterPlaylist(input.outputDir, renditions, {
    audio: audioTracks.map((track) => ({ ...track, uri: track.playlistPath })),
    videoRange,
  });

  const still = async (staged: string, target: string) => {
    await input.staged.fetch(staged, path.join(input.outputDir, target));
  };
  // The poster output's second capture is at 10 % (the first is frame 0); a film too short for two has only the first.
  const poster = capturesOf(sizes, STILL_MODIFIERS.poster).slice(0, 2).at(-1);
  if (!poster) throw new Error(`MediaConvert wrote no poster capture (${STILLS_BASENAME}${STILL_MODIFIERS.poster}.NNNNNNN.jpg) under ${STAGING_FOLDERS.stills}/`);
  await still(poster, 'poster.jpg');
  await mkdir(path.join(input.outputDir, 'thumbnails'), { recursive: true });
  const duration = renditions[0]?.durationSeconds ?? input.source.durationSeconds;
  // Captures are at k·D/(N+1); the first (k = 0, often a black leader) is skipped.
  const captures = capturesOf(sizes, STILL_MODIFIERS.thumbnail).slice(1, THUMBNAIL_COUNT + 1);
  const thumbnails = [];
  for (const [index, capture] of captures.entries()) {
    const k = index + 1;
    const target = `thumbnails/thumb_${String(k).padStart(2, '0')}.jpg`;
    await still(capture, target);
    thumbnails.push({ path: target, timeSeconds: Math.round((duration * k * 1000) / (THUMBNAIL_COUNT + 1)) / 1000 });
  }
  const tiles = capturesOf(sizes, STILL_MODIFIERS.storyboard);
  const tileFiles = tiles.map((_, index) => path.join(input.workDir, 'storyboard', `tile-${String(index).padStart(5, '0')}.jpg`));
  await inParallel(
    tiles.map((tile, index) => [tile, tileFiles[index] ?? ''] as const),
    COPIES_IN_FLIGHT,
    ([tile, file]) => input.staged.fetch(tile, file),
  );
  const storyboard = await tileStoryboard({
    ffmpegPath: input.ffmpegPath,
    tileDir: path.join(input.workDir, 'storyboard'),
    tiles: tileFiles.length,
    outputDir: input.outputDir,
    plan: input.plan,
    durationSeconds: input.source.durationSeconds,
  });
  // The package's downloads can be gigabytes: copied inside S3 into the package (its prefix is the video's), never
  // through the worker; the paths returned are relative to the package, as the output folder's files are.
  const downloads = input.downloads ? await collectDownloads(sizes, input.plan, (stagedPath, target) => input.staged.publish(stagedPath, target)) : [];
  return {
    source: input.source,
    durationSeconds: duration,
    masterPlaylistPath,
    renditions,
    posterPath: 'poster.jpg',
    thumbnails,
    storyboard,
    audioTracks,
    textTracks,
    notes: input.tracks.notes,
    videoRange,
    downloads,
  };
}

/**
 * Each audio track's rendition, found in the manifest by the NAME its output's StreamName gave it (API
 * AudioDescription.StreamName: "MediaConvert passes this information into destination manifests"); should the
 * manifest name them otherwise, by their order in the group, which is the job's order of outputs.
 */
async function adoptAudioTracks(input: CollectInput, sizes: Map<string, number>, manifest: CmafHlsManifest, manifestPath: string): Promise<AudioRenditionOutput[]> {
  const group = manifest.audio.filter((candidate) => candidate.groupId === AUDIO_GROUP_ID);
  const byName = input.tracks.audio.every((track) => group.some((candidate) => candidate.name === track.name));
  const renditions: AudioRenditionOutput[] = [];
  for (const [position, track] of input.tracks.audio.entries()) {
    const entry = byName ? group.find((candidate) => candidate.name === track.name) : group.length === input.tracks.audio.length ? group[position] : undefined;
    if (!entry) throw new Error(`${manifestPath} lists no audio rendition named ${JSON.stringify(track.name)} in group ${AUDIO_GROUP_ID}`);
    const folder = audioFolder(position);
    const copied = await adoptPlaylist(input, sizes, entry.uri, folder);
    renditions.push({
      language: track.language,
      name: track.name,
      isDefault: track.isDefault,
      // Every track is encoded as stereo (audio-settings.ts remixes mono and surround).
      channels: 2,
      // AAC-LC is what the job asks for (CodecProfile LC).
      codecs: AAC_LC_CODEC,
      bandwidth: AUDIO_BITRATE,
      playlistPath: `${folder}/${MEDIA_PLAYLIST}`,
      bytes: copiedBytes(copied) + (await smallFilesBytes(path.join(input.outputDir, folder))),
    });
  }
  return renditions;
}

/** The WebVTT output of the source's CEA-608 captions: its segments fetched (they are small) and joined into one document. */
async function readCaptions(input: CollectInput, manifest: CmafHlsManifest, manifestPath: string): Promise<ExtractedTextTrack[]> {
  const captions = input.tracks.embeddedCaptions;
  if (!captions) return [];
  const entry = manifest.subtitles.find((candidate) => candidate.name === captions.name) ?? manifest.subtitles[0];
  if (!entry) throw new Error(`${manifestPath} lists no captions rendition, though the job asked for the source's captions`);
  const playlistPath = `${STAGING_FOLDERS.cmaf}/${entry.uri}`;
  const local = path.join(input.workDir, 'captions', MEDIA_PLAYLIST);
  await input.staged.fetch(stagedName(entry.uri, playlistPath), local);
  const playlist = parseMediaPlaylist(await readFile(local, 'utf8'));
  const segments: string[] = [];
  for (const [index, segment] of playlist.segments.entries()) {
    const target = path.join(input.workDir, 'captions', `${index}.vtt`);
    await input.staged.fetch(stagedName(segment.uri, playlistPath), target);
    segments.push(await readFile(target, 'utf8'));
  }
  return [{ language: captions.language, label: captions.name, kind: 'captions', isDefault: false, forced: false, webvtt: joinWebvttSegments(segments) }];
}

/**
 * The MP4 downloads, each placed at `downloads/{rendition}.mp4` by `place` (a copy inside S3 into the package when the
 * transcode makes them, a fetch into the output folder when they are made afterwards: see the transcoder).
 */
export async function collectDownloads(sizes: Map<string, number>, plan: LadderPlan, place: (stagedPath: string, target: string) => Promise<void>): Promise<DownloadOutput[]> {
  const downloads: DownloadOutput[] = [];
  for (const rendition of downloadRenditions(plan)) {
    const stagedPath = stagedDownloadPath(rendition);
    const bytes = sizes.get(stagedPath);
    if (bytes === undefined) throw new Error(`MediaConvert wrote no ${stagedPath} for the ${rendition.name} download`);
    const target = `downloads/${rendition.name}.mp4`;
    await place(stagedPath, target);
    downloads.push({ name: rendition.name, width: rendition.width, height: rendition.height, bytes, path: target });
  }
  return downloads;
}

function copiedBytes(copied: Map<string, number>): number {
  return [...copied.values()].reduce((sum, size) => sum + size, 0);
}

/** The init segment and playlist the worker wrote into `folder`. */
async function smallFilesBytes(folder: string): Promise<number> {
  const files = await Promise.all([INIT_SEGMENT, MEDIA_PLAYLIST].map(async (name) => stat(path.join(folder, name))));
  return files.reduce((sum, file) => sum + file.size, 0);
}
