// Reads the media playlists ffmpeg writes (one rendition each) and tidies them once encoding ends.
import { readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export const MEDIA_PLAYLIST = 'index.m3u8';
export const INIT_SEGMENT = 'init.mp4';

export interface MediaPlaylist {
  initUri: string | undefined;
  segments: { uri: string; durationSeconds: number }[];
}

export function parseMediaPlaylist(text: string): MediaPlaylist {
  let initUri: string | undefined;
  let pendingDuration: number | undefined;
  const segments: MediaPlaylist['segments'] = [];
  for (const rawLine of text.split(/\r?\n/)) {
    const line = rawLine.trim();
    const map = /^#EXT-X-MAP:.*URI="([^"]+)"/.exec(line);
    const extinf = /^#EXTINF:([\d.]+)/.exec(line);
    if (map?.[1]) initUri = map[1];
    else if (extinf?.[1]) pendingDuration = Number(extinf[1]);
    else if (line !== '' && !line.startsWith('#') && pendingDuration !== undefined) {
      segments.push({ uri: line, durationSeconds: pendingDuration });
      pendingDuration = undefined;
    }
  }
  return { initUri, segments };
}

export async function readMediaPlaylist(renditionDir: string): Promise<MediaPlaylist> {
  return parseMediaPlaylist(await readFile(join(renditionDir, MEDIA_PLAYLIST), 'utf8'));
}

export function totalDuration(playlist: MediaPlaylist): number {
  return playlist.segments.reduce((sum, segment) => sum + segment.durationSeconds, 0);
}

/** The playlist with its EXT-X-MAP pointing at our `init.mp4` (see finaliseMediaPlaylist). */
export function withStandardInitSegment(text: string, initUri: string): string {
  return text.replace(`URI="${initUri}"`, `URI="${INIT_SEGMENT}"`);
}

/**
 * ffmpeg writes EVENT playlists (they grow while encoding, for early publishing); the finished one is VOD.
 * With several variants ffmpeg 5.1 also suffixes the init segment with the variant's index (`init_2.mp4`);
 * every rendition folder gets the same `init.mp4` instead.
 */
export async function finaliseMediaPlaylist(renditionDir: string): Promise<void> {
  const playlistPath = join(renditionDir, MEDIA_PLAYLIST);
  const text = await readFile(playlistPath, 'utf8');
  const { initUri } = parseMediaPlaylist(text);
  if (initUri === undefined) throw new Error(`${playlistPath} has no EXT-X-MAP: not an fMP4 playlist`);
  if (!text.includes('#EXT-X-ENDLIST')) throw new Error(`${playlistPath} has no EXT-X-ENDLIST: the encoder stopped before the end`);
  if (initUri !== INIT_SEGMENT) await rename(join(renditionDir, initUri), join(renditionDir, INIT_SEGMENT));
  await writeFile(playlistPath, withStandardInitSegment(text, initUri).replace('#EXT-X-PLAYLIST-TYPE:EVENT', '#EXT-X-PLAYLIST-TYPE:VOD'));
}
