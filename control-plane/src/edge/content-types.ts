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

export function cacheControlFor(fileName: string): string {
  return revalidatedSoon.has(path.extname(fileName).toLowerCase()) ? 'max-age=60' : 'max-age=31536000, immutable';
}

/**
 * A media playlist published while its video still encodes grows every few seconds until it gets EXT-X-ENDLIST:
 * players reload it each target duration (6 s), so caches may keep it for a fraction of that only.
 */
export function cacheControlForPlaylist(text: string): string {
  const growing = text.includes('#EXTINF') && !text.includes('#EXT-X-ENDLIST');
  return growing ? 'max-age=2' : cacheControlFor('playlist.m3u8');
}
