import path from 'node:path';
import { IMAGE_FOLDER } from '../media/image-request.js';

const contentTypes: Record<string, string> = {
  '.m3u8': 'application/vnd.apple.mpegurl',
  '.m4s': 'video/iso.segment',
  '.mp4': 'video/mp4',
  '.m4a': 'audio/mp4',
  '.ts': 'video/mp2t',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.png': 'image/png',
  '.webp': 'image/webp',
  '.vtt': 'text/vtt; charset=utf-8',
  '.json': 'application/json',
};

// Media and images never change once written under a video's prefix. Playlists, captions and
// metadata can be rewritten in place, so caches must come back for them soon.
const revalidatedSoon = new Set(['.m3u8', '.vtt', '.json']);

export function contentTypeFor(fileName: string): string {
  return contentTypes[path.extname(fileName).toLowerCase()] ?? 'application/octet-stream';
}

const REVALIDATE_SOON = 'max-age=60';
const IMMUTABLE = 'max-age=31536000, immutable';
/** Half a segment or less: players reload a growing playlist every target duration (6 s). */
const GROWING = 'max-age=2';

/**
 * Images on demand live at one address whatever the package (`image/{time}/{width}.jpg`): replacing the source deletes
 * and remakes them, so caches keep one for an hour rather than a year.
 */
const REMADE_WITH_THE_PACKAGE = 'max-age=3600';

/** `objectPath`: the object's path within the video's folder, or its whole key (the folder names are what count). */
export function cacheControlFor(objectPath: string): string {
  if (revalidatedSoon.has(path.extname(objectPath).toLowerCase())) return REVALIDATE_SOON;
  return objectPath.split('/').includes(IMAGE_FOLDER) ? REMADE_WITH_THE_PACKAGE : IMMUTABLE;
}

/** A media playlist published while its video still encodes grows every few seconds until it gets EXT-X-ENDLIST. */
export function cacheControlForPlaylist(text: string): string {
  return text.includes('#EXTINF') && !text.includes('#EXT-X-ENDLIST') ? GROWING : REVALIDATE_SOON;
}
