// The HLS multivariant playlist a CMAF output group writes at `{destination}.m3u8`: which variant playlist holds which
// video rendition (by its RESOLUTION, which we set per output, with StreamInfResolution INCLUDE), which holds each
// audio track (EXT-X-MEDIA TYPE=AUDIO, NAME from the output's StreamName) and which the captions (TYPE=SUBTITLES). Reading the names from the manifest means the collector relies only on the
// documented top-level name, not on how MediaConvert names per-output playlists and segments.

export interface CmafHlsManifest {
  variants: { uri: string; width: number; height: number }[];
  audio: { uri: string; groupId: string; name: string }[];
  subtitles: { uri: string; name: string }[];
}

/** `KEY=value,KEY="quoted, value"` (RFC 8216 §4.2 attribute lists). */
function attributes(list: string): Map<string, string> {
  const found = new Map<string, string>();
  for (const match of list.matchAll(/([A-Z0-9-]+)=("[^"]*"|[^,]*)/g)) {
    const [, key, raw] = match;
    if (key && raw !== undefined) found.set(key, raw.startsWith('"') ? raw.slice(1, -1) : raw);
  }
  return found;
}

export function parseCmafHlsManifest(text: string): CmafHlsManifest {
  const manifest: CmafHlsManifest = { variants: [], audio: [], subtitles: [] };
  const lines = text.split(/\r?\n/).map((line) => line.trim());
  for (const [index, line] of lines.entries()) {
    if (line.startsWith('#EXT-X-STREAM-INF:')) {
      const resolution = /^(\d+)x(\d+)$/.exec(attributes(line.slice('#EXT-X-STREAM-INF:'.length)).get('RESOLUTION') ?? '');
      const uri = lines.slice(index + 1).find((next) => next !== '' && !next.startsWith('#'));
      if (resolution && uri) manifest.variants.push({ uri, width: Number(resolution[1]), height: Number(resolution[2]) });
    } else if (line.startsWith('#EXT-X-MEDIA:')) {
      const media = attributes(line.slice('#EXT-X-MEDIA:'.length));
      const uri = media.get('URI');
      const name = media.get('NAME') ?? '';
      if (media.get('TYPE') === 'AUDIO' && uri) manifest.audio.push({ uri, groupId: media.get('GROUP-ID') ?? '', name });
      if (media.get('TYPE') === 'SUBTITLES' && uri) manifest.subtitles.push({ uri, name });
    }
  }
  return manifest;
}
