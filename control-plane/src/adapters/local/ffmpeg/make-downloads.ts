// Static MP4 downloads remuxed from an HLS package (no re-encode): the highest variant at or below 1080p and the
// smallest, each with the package's default audio. A package made before audio became renditions of its own carries
// the audio in every variant; a newer one has it in `audio_{n}/`, named by the master's default EXT-X-MEDIA.
// Each rendition's init segment and fMP4 segments are joined into one fragmented MP4 (which is what they are, cut
// up), so ffmpeg reads plain local MP4 files through the `file` protocol: no playlist is followed, nothing else opened.
import { isUhdPicture } from '../../../media/uhd-folder.js';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, posix } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { MASTER_PLAYLIST } from '../../../media/master-playlist.js';
import { runFfmpeg } from '../../../media/ffmpeg-process.js';
import { parseMediaPlaylist } from '../../../media/media-playlist.js';
import { DOWNLOADS_FOLDER } from '../../../domain/videos/download-files.js';
import type { DownloadOutput } from '../../../ports.js';

export interface MakeDownloadsFromPackageInput {
  ffmpegPath: string;
  /** A local copy of the package file at `relativePath` from the master playlist's folder (already checked to stay inside the package). */
  packageFile: (relativePath: string) => Promise<string>;
  /** The files land in `outputDir/downloads/{name}.mp4`. */
  outputDir: string;
  /**
   * The default audio rendition's playlist (from the package's folder) when the caller knows it better than the master
   * does (a transcode that renders its master from the database afterwards); read from the master otherwise.
   */
  audioPlaylistPath?: string;
  signal?: AbortSignal;
}

interface Variant {
  name: string;
  width: number;
  height: number;
  playlistPath: string;
}

export async function makeDownloadsFromPackage(input: MakeDownloadsFromPackageInput): Promise<DownloadOutput[]> {
  const master = parseMasterForDownloads(await readFile(await input.packageFile(MASTER_PLAYLIST), 'utf8'));
  const chosen = chooseDownloadVariants(master.variants);
  const work = await mkdtemp(join(tmpdir(), 'ott-downloads-'));
  try {
    await mkdir(join(input.outputDir, DOWNLOADS_FOLDER), { recursive: true });
    const audioPath = input.audioPlaylistPath ?? master.defaultAudioPath;
    const audio = audioPath === undefined ? undefined : await joinRendition(input, audioPath, join(work, 'audio.mp4'));
    const outputs: DownloadOutput[] = [];
    for (const variant of chosen) {
      const video = await joinRendition(input, variant.playlistPath, join(work, `${variant.name}.mp4`));
      const path = `${DOWNLOADS_FOLDER}${variant.name}.mp4`;
      await runFfmpeg(input.ffmpegPath, remuxArgs(video, audio, join(input.outputDir, path)), input.signal ? { signal: input.signal } : {});
      const { size } = await stat(join(input.outputDir, path));
      outputs.push({ name: variant.name, width: variant.width, height: variant.height, bytes: size, path });
    }
    return outputs;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/**
 * The highest variant whose short side is at most 1080, and the smallest when it is another one. Never a rung above HD:
 * a download is kept for good, and the downloads folder is inside the video's folder, which HD grants reach.
 */
export function chooseDownloadVariants(variants: readonly Variant[]): Variant[] {
  const bySize = [...variants].sort((a, b) => b.width * b.height - a.width * a.height);
  const smallest = bySize.at(-1);
  if (!smallest) throw new Error('The package has no video variants to make downloads from');
  const top = bySize.find((variant) => !isUhdPicture(variant)) ?? smallest;
  return top === smallest ? [top] : [top, smallest];
}

/** The variants (name from their folder) and the default audio rendition's playlist, when audio is a rendition of its own. */
export function parseMasterForDownloads(text: string): { variants: Variant[]; defaultAudioPath: string | undefined } {
  const lines = text.split(/\r?\n/).map((line) => line.trim());
  const variants: Variant[] = [];
  const audio: { uri: string; isDefault: boolean }[] = [];
  lines.forEach((line, i) => {
    if (line.startsWith('#EXT-X-MEDIA:') && /TYPE=AUDIO/.test(line)) {
      const uri = /URI="([^"]+)"/.exec(line)?.[1];
      if (uri) audio.push({ uri, isDefault: /DEFAULT=YES/.test(line) });
    }
    const resolution = line.startsWith('#EXT-X-STREAM-INF:') ? /RESOLUTION=(\d+)x(\d+)/.exec(line) : null;
    const uri = lines[i + 1];
    if (resolution && uri && !uri.startsWith('#')) {
      const folder = posix.dirname(uri);
      variants.push({ name: posix.basename(folder), width: Number(resolution[1]), height: Number(resolution[2]), playlistPath: uri });
    }
  });
  return { variants, defaultAudioPath: (audio.find((track) => track.isDefault) ?? audio[0])?.uri };
}

/** Init segment then every media segment of the rendition at `playlistPath`, written as one fragmented MP4 at `target`. */
async function joinRendition(input: MakeDownloadsFromPackageInput, playlistPath: string, target: string): Promise<string> {
  const playlist = parseMediaPlaylist(await readFile(await input.packageFile(playlistPath), 'utf8'));
  if (!playlist.initUri) throw new Error(`${playlistPath} is not an fMP4 rendition (no EXT-X-MAP)`);
  const folder = posix.dirname(playlistPath);
  const parts = [playlist.initUri, ...playlist.segments.map((segment) => segment.uri)].map((uri) => posix.join(folder, uri));
  const out = createWriteStream(target);
  try {
    for (const part of parts) {
      input.signal?.throwIfAborted();
      await pipeline(createReadStream(await input.packageFile(part)), out, { end: false });
    }
  } finally {
    await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
  }
  return target;
}

function remuxArgs(videoPath: string, audioPath: string | undefined, target: string): string[] {
  const mp4 = (path: string) => ['-protocol_whitelist', 'file', '-format_whitelist', 'mov', '-f', 'mov', '-enable_drefs', '0', '-use_absolute_path', '0', '-i', `file:${path}`];
  return [
    '-y',
    ...mp4(videoPath),
    ...(audioPath === undefined ? [] : mp4(audioPath)),
    '-map',
    '0:v:0',
    // The muxed form's audio is optional: a silent video has none.
    '-map',
    audioPath === undefined ? '0:a:0?' : '1:a:0',
    '-c',
    'copy',
    '-map_metadata',
    '-1',
    '-map_chapters',
    '-1',
    // The index first: a browser starts playing (and a download manager seeks) before the whole file is there.
    '-movflags',
    '+faststart',
    '-f',
    'mp4',
    `file:${target}`,
  ];
}

/**
 * `relativePath` from the package's folder `packageFolder`, as a path inside `root` (the video's own folder or
 * prefix): the package's own playlists name these paths, but nothing outside the video is ever read for them.
 */
export function packagePath(root: string, packageFolder: string, relativePath: string): string {
  const resolved = posix.normalize(posix.join(packageFolder, relativePath));
  const base = root.endsWith('/') ? root : `${root}/`;
  if (relativePath.includes('\\') || posix.isAbsolute(relativePath) || /^[a-z]+:/i.test(relativePath) || !resolved.startsWith(base)) {
    throw new Error(`The package names a file outside the video: ${relativePath}`);
  }
  return resolved;
}
