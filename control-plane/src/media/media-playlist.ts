// Reads HLS media playlists (one rendition each): ffmpeg's parts, the package's, MediaConvert's.
import { readFile } from 'node:fs/promises';
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
