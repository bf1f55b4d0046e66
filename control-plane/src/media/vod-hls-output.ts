// The output options of a finished (VOD) fMP4 HLS rendition written in one go: a dub's audio rendition
// (encode-audio-rendition.ts) and a pass-through remux (adapters/local/ffmpeg/pass-through-start.ts). The ladder writes
// growing parts instead (adapters/local/ffmpeg/encode-ladder.ts).
import { join } from 'node:path';
import { INIT_SEGMENT, MEDIA_PLAYLIST } from './media-playlist.js';

/** `dir/index.m3u8` with `init.mp4` and segments named by `segmentTemplate` (`seg_%05d.m4s`), each at least `segmentSeconds` long. */
export function vodHlsOutputArgs(dir: string, segmentSeconds: number, segmentTemplate: string): string[] {
  return [
    '-f',
    'hls',
    '-hls_time',
    String(segmentSeconds),
    '-hls_playlist_type',
    'vod',
    '-hls_segment_type',
    'fmp4',
    '-hls_flags',
    'independent_segments',
    '-hls_fmp4_init_filename',
    INIT_SEGMENT,
    '-hls_segment_filename',
    join(dir, segmentTemplate),
    join(dir, MEDIA_PLAYLIST),
  ];
}
