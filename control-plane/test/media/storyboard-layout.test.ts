import { describe, expect, it } from 'vitest';
import { storyboardLayout, storyboardVtt } from '../../src/media/storyboard.js';

describe('storyboard layout', () => {
  it('uses one tile per 2 s keyframe for short videos', () => {
    expect(storyboardLayout(5, { width: 640, height: 360 })).toEqual({
      intervalSeconds: 2,
      tileWidth: 160,
      tileHeight: 90,
      tiles: 3,
      columns: 3,
      rows: 1,
    });
  });

  it('keeps a two-hour film to at most 100 tiles, at a whole number of keyframes apart', () => {
    const layout = storyboardLayout(7200, { width: 640, height: 360 });
    expect(layout.tiles).toBeLessThanOrEqual(100);
    expect(layout.intervalSeconds % 2).toBe(0);
    expect(layout.tiles * layout.intervalSeconds).toBeGreaterThanOrEqual(7200);
    expect([layout.columns, layout.rows]).toEqual([10, 10]);
  });

  it('writes cues that tile the sprite row by row and end with the video', () => {
    const layout = storyboardLayout(3725.5, { width: 360, height: 640 });
    const vtt = storyboardVtt(layout, 3725.5);
    const cues = vtt.trim().split('\n\n').slice(1);
    expect(cues).toHaveLength(layout.tiles);
    expect(cues[0]).toBe(`00:00:00.000 --> 00:00:${String(layout.intervalSeconds).padStart(2, '0')}.000\nstoryboard.jpg#xywh=0,0,160,284`);
    expect(cues[10]).toMatch(/#xywh=0,284,160,284$/);
    expect(cues.at(-1)).toMatch(/ --> 01:02:05\.500\n/);
  });
});
