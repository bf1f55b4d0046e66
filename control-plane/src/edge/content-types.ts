import path from 'node:path';

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

export function cacheControlFor(fileName: string): string {
  return revalidatedSoon.has(path.extname(fileName).toLowerCase()) ? REVALIDATE_SOON : IMMUTABLE;
}

/** A media playlist published while its video still encodes grows every few seconds until it gets EXT-X-ENDLIST. */
export function cacheControlForPlaylist(text: string): string {
  return text.includes('#EXTINF') && !text.includes('#EXT-X-ENDLIST') ? GROWING : REVALIDATE_SOON;
}
