import { describe, expect, it } from 'vitest';
import { parseCaptionFile } from '../../src/media/caption-file.js';
import { renderSubtitleRendition } from '../../src/media/subtitle-playlist.js';

describe('renderSubtitleRendition', () => {
  const cues = [
    { startSeconds: 1, endSeconds: 2, text: 'first' },
    { startSeconds: 5, endSeconds: 13, text: 'across three segments' },
    { startSeconds: 12, endSeconds: 12.5, text: 'third segment, at its start' },
    { startSeconds: 30, endSeconds: 31, text: 'after the end' },
  ];
  const rendition = renderSubtitleRendition(cues, 14.2);

  it('is a VOD playlist of segments aligned with the video’s six-second segments', () => {
    expect(rendition.playlist).toBe(
      [
        '#EXTM3U',
        '#EXT-X-VERSION:3',
        '#EXT-X-TARGETDURATION:6',
        '#EXT-X-MEDIA-SEQUENCE:0',
        '#EXT-X-PLAYLIST-TYPE:VOD',
        '#EXTINF:6.000,',
        '0.vtt',
        '#EXTINF:6.000,',
        '1.vtt',
        '#EXTINF:2.200,',
        '2.vtt',
        '#EXT-X-ENDLIST',
        '',
      ].join('\n'),
    );
  });

  it('puts each cue whole into every segment it overlaps, with the timestamp map for fMP4', () => {
    const texts = rendition.segments.map((segment) => parseCaptionFile(segment.text.includes('-->') ? segment.text : `${segment.text}`, 'vtt').map((cue) => cue.text));
    expect(texts).toEqual([['first', 'across three segments'], ['across three segments'], ['across three segments', 'third segment, at its start']]);
    for (const segment of rendition.segments) expect(segment.text.startsWith('WEBVTT\nX-TIMESTAMP-MAP=MPEGTS:0,LOCAL:00:00:00.000\n\n')).toBe(true);
    expect(rendition.segments[1]?.text).toContain('00:00:05.000 --> 00:00:13.000\nacross three segments');
  });

  it('writes empty segments where nothing is said', () => {
    const quiet = renderSubtitleRendition([{ startSeconds: 13, endSeconds: 14, text: 'late' }], 18);
    expect(quiet.segments.map((segment) => segment.text.includes('-->'))).toEqual([false, false, true]);
  });
});
