// How ffmpeg reads back renditions we encoded (poster, thumbnails, storyboard): with the same walls as an upload.
// It runs in the output folder and names the playlist relative to it, through the `file` protocol only, with the
// HLS demuxer and the fMP4 (mov) demuxer its segments need; and the playlist may list only files of its own folder.
import { join } from 'node:path';
import { MEDIA_PLAYLIST, readMediaPlaylist } from './media-playlist.js';

/** A bare file name: no folder, no `..`, no protocol. */
const OWN_FOLDER_FILE = /^(?!\.\.?$)[\w.-]+$/;

/** Input options for `{outputDir}/{renditionName}/index.m3u8`, `-i` last; ffmpeg must run with `cwd: outputDir`. */
export async function renditionInput(outputDir: string, renditionName: string): Promise<string[]> {
  const playlist = await readMediaPlaylist(join(outputDir, renditionName));
  const uris = [playlist.initUri ?? '', ...playlist.segments.map((segment) => segment.uri)];
  const stray = uris.find((uri) => !OWN_FOLDER_FILE.test(uri));
  if (stray !== undefined) throw new Error(`${renditionName}/${MEDIA_PLAYLIST} lists ${JSON.stringify(stray)}, which is not a file of its own folder`);
  return ['-protocol_whitelist', 'file', '-format_whitelist', 'hls,mov', '-f', 'hls', '-allowed_extensions', 'm4s,mp4', '-i', `${renditionName}/${MEDIA_PLAYLIST}`];
}
