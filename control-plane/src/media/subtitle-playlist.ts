// A caption track as an HLS subtitle rendition: a VOD media playlist of WebVTT segments aligned with the video's
// SEGMENT_SECONDS segments, so a player loads the cues of the part it plays (RFC 8216bis 3.1.4). A cue that spans a
// boundary goes whole into every segment it overlaps; players drop the repeats (same times, same text).
// Every segment carries X-TIMESTAMP-MAP=MPEGTS:0,LOCAL:00:00:00.000: our fMP4 packages start their media timeline at
// decode time 0 (ffmpeg's and MediaConvert's CMAF), so cue time t is media time t. Without the header, hls.js would
// shift cues by the first fragment's time and Safari would guess.
import type { CaptionCue } from '@ott/contracts';
import { cueBlock } from './caption-file.js';
import { SEGMENT_SECONDS } from './plan-ladder.js';

export const SUBTITLE_PLAYLIST = 'index.m3u8';
export const TIMESTAMP_MAP = 'X-TIMESTAMP-MAP=MPEGTS:0,LOCAL:00:00:00.000';

export interface SubtitleRendition {
  /** The media playlist, naming the segments by their `name` (same folder). */
  playlist: string;
  segments: { name: string; text: string }[];
}

/** `cues` in time order; cues starting after the video ends are left out (nothing would show them). */
export function renderSubtitleRendition(cues: readonly CaptionCue[], videoDurationSeconds: number): SubtitleRendition {
  const duration = Math.max(videoDurationSeconds, 0.001);
  const count = Math.ceil(duration / SEGMENT_SECONDS);
  const perSegment: CaptionCue[][] = Array.from({ length: count }, () => []);
  for (const cue of cues) {
    const first = Math.floor(cue.startSeconds / SEGMENT_SECONDS);
    const last = Math.min(count - 1, Math.ceil(cue.endSeconds / SEGMENT_SECONDS) - 1);
    for (let index = first; index <= last; index += 1) perSegment[index]?.push(cue);
  }
  const segments = perSegment.map((segmentCues, index) => ({ name: `${index}.vtt`, text: renderSegment(segmentCues) }));
  const lines = ['#EXTM3U', '#EXT-X-VERSION:3', `#EXT-X-TARGETDURATION:${SEGMENT_SECONDS}`, '#EXT-X-MEDIA-SEQUENCE:0', '#EXT-X-PLAYLIST-TYPE:VOD'];
  segments.forEach((segment, index) => {
    const length = Math.min(SEGMENT_SECONDS, duration - index * SEGMENT_SECONDS);
    lines.push(`#EXTINF:${length.toFixed(3)},`, segment.name);
  });
  lines.push('#EXT-X-ENDLIST');
  return { playlist: `${lines.join('\n')}\n`, segments };
}

function renderSegment(cues: readonly CaptionCue[]): string {
  const blocks = cues.map(cueBlock);
  return ['WEBVTT', TIMESTAMP_MAP].join('\n') + '\n\n' + blocks.join('\n\n') + (blocks.length > 0 ? '\n' : '');
}
