// Where a video's static MP4 downloads live, and the name each is saved under: `{title} ({name}).mp4`, as a Content-Disposition header value. Titles are
// the tenant's free text: the plain `filename` gets an ASCII stand-in (quotes, backslashes, control characters and
// anything non-ASCII replaced), and `filename*` (RFC 6266, RFC 5987) carries the exact title for browsers that read it.

/** Their folder, from the video's prefix: `downloads/{name}.mp4`. */
export const DOWNLOADS_FOLDER = 'downloads/';

/** Longest title part kept: file systems cap names near 255 bytes, and a UTF-8 character can be four. */
const MAX_TITLE_CHARACTERS = 60;

export function downloadFilename(title: string, name: string): string {
  const base = [...title.trim()].slice(0, MAX_TITLE_CHARACTERS).join('') || 'video';
  // Characters no file system accepts in a name, and controls, become a space.
  const cleaned =
    base
      .replace(/[\p{Cc}/\\:*?"<>|]/gu, ' ')
      .replace(/\s+/g, ' ')
      .trim() || 'video';
  return `${cleaned} (${name}).mp4`;
}

export function contentDispositionFor(title: string, name: string): string {
  const filename = downloadFilename(title, name);
  const ascii = filename
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[^\x20-\x7e]/g, '_')
    .replace(/["\\%]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeRfc5987(filename)}`;
}

function encodeRfc5987(value: string): string {
  return encodeURIComponent(value).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}
