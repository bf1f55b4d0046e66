import { describe, expect, it } from 'vitest';
import { packageSegments, renderMediaPlaylist, type Part } from '../../src/adapters/local/ffmpeg/fast-start-segments.js';

/** ffmpeg's parts: one per keyframe (1 s, 1 s, then 2 s), as the ladder encodes them. */
function parts(durations: readonly number[]): Part[] {
  return durations.map((durationSeconds, index) => ({ uri: `part_${String(index).padStart(5, '0')}.m4s`, durationSeconds }));
}

const seconds = (segments: ReturnType<typeof packageSegments>) => segments.map((segment) => Math.round(segment.durationSeconds * 1000) / 1000);

describe('package segments built from fast-start parts', () => {
  const film = parts([1, 1, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 1.5]);

  it('keeps the first 6 s as encoded (a viewer waits one second), then groups 6 s segments, the last one shorter', () => {
    const segments = packageSegments(film, true);
    expect(seconds(segments)).toEqual([1, 1, 2, 2, 6, 6, 5.5]);
    expect(segments.map((segment) => segment.uri)).toEqual(['seg_00000.m4s', 'seg_00001.m4s', 'seg_00002.m4s', 'seg_00003.m4s', 'seg_00004.m4s', 'seg_00005.m4s', 'seg_00006.m4s']);
    expect(segments[4]?.parts).toEqual(['part_00004.m4s', 'part_00005.m4s', 'part_00006.m4s']);
  });

  it('while encoding, returns only finished segments, and each answer is the start of the final one', () => {
    const final = packageSegments(film, true);
    for (let finished = 0; finished <= film.length; finished += 1) {
      const early = packageSegments(film.slice(0, finished), false);
      expect(final.slice(0, early.length)).toEqual(early);
    }
    // Two of the three parts of the 6–12 s segment: it is not published half-made.
    expect(seconds(packageSegments(film.slice(0, 6), false))).toEqual([1, 1, 2, 2]);
  });

  it('groups by time, so odd frame rates (keyframes a frame after each 2 s) and 1 s audio parts land on the same boundaries', () => {
    const ntsc = parts([1.001, 1.001, 2.002, 1.998, 2.002, 2.002, 2.002, 1.998, 2.002, 2.002]);
    expect(seconds(packageSegments(ntsc, true)).map(Math.round)).toEqual([1, 1, 2, 2, 6, 6]);
    expect(seconds(packageSegments(parts(Array.from({ length: 14 }, () => 1)), true))).toEqual([1, 1, 1, 1, 1, 1, 6, 2]);
  });

  it('writes a growing EVENT playlist whose target duration is the final one from the start, and a VOD one at the end', () => {
    const early = renderMediaPlaylist(packageSegments(film.slice(0, 2), false), false);
    expect(early).toContain('#EXT-X-TARGETDURATION:6');
    expect(early).toContain('#EXT-X-PLAYLIST-TYPE:EVENT');
    expect(early).not.toContain('#EXT-X-ENDLIST');
    const done = renderMediaPlaylist(packageSegments(film, true), true);
    expect(done).toContain('#EXT-X-TARGETDURATION:6');
    expect(done).toContain('#EXT-X-PLAYLIST-TYPE:VOD');
    expect(done.trim().endsWith('#EXT-X-ENDLIST')).toBe(true);
    const listed = (text: string) => text.slice(text.indexOf('#EXTINF')).replace('#EXT-X-ENDLIST', '');
    expect(listed(done).startsWith(listed(early))).toBe(true);
  });
});
