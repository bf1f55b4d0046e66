import { describe, expect, it } from 'vitest';
import { planLadder } from '../../src/media/plan-ladder.js';

const sizes = (source: { width: number; height: number; frameRate: number }) => planLadder(source).renditions.map((r) => `${r.name} ${r.width}x${r.height}`);

describe('planLadder', () => {
  it('adds 2160p only when the source has it', () => {
    expect(sizes({ width: 3840, height: 2160, frameRate: 30 })).toEqual(['2160p 3840x2160', '1080p 1920x1080', '720p 1280x720', '480p 854x480', '360p 640x360']);
    expect(sizes({ width: 1920, height: 1080, frameRate: 30 })[0]).toBe('1080p 1920x1080');
  });

  it('classifies by the short side, so portrait and cinemascope keep their shape', () => {
    expect(sizes({ width: 1080, height: 1920, frameRate: 30 })[0]).toBe('1080p 1080x1920');
    expect(sizes({ width: 1920, height: 800, frameRate: 24 })[0]).toBe('720p 1728x720');
  });

  it('keeps a rung for a source just short of it, at the source size and never upscaled', () => {
    expect(sizes({ width: 1918, height: 1078, frameRate: 30 })).toEqual(['1080p 1918x1078', '720p 1282x720', '480p 854x480', '360p 640x360']);
    expect(sizes({ width: 1280, height: 718, frameRate: 30 })).toEqual(['720p 1280x718', '480p 856x480', '360p 642x360']);
    expect(sizes({ width: 1078, height: 1918, frameRate: 30 })[0]).toBe('1080p 1078x1918');
    // Beyond the tolerance the rung is not claimed: 1040 is a 720p-class source.
    expect(sizes({ width: 1848, height: 1040, frameRate: 30 })[0]).toBe('720p 1280x720');
  });

  it('gives a tiny source one rung at its own size, and one just under 360 the 360p rung', () => {
    expect(sizes({ width: 160, height: 90, frameRate: 30 })).toEqual(['90p 160x90']);
    expect(sizes({ width: 640, height: 352, frameRate: 30 })).toEqual(['360p 640x352']);
  });

  it('gives a source smaller than every rung one rung at its own (even) size', () => {
    expect(sizes({ width: 321, height: 241, frameRate: 25 })).toEqual(['240p 320x240']);
  });

  it('spends fewer bits on smaller pictures and more on 60 fps', () => {
    const at30 = planLadder({ width: 1280, height: 720, frameRate: 30 }).renditions;
    const at60 = planLadder({ width: 1280, height: 720, frameRate: 60 }).renditions;
    const tiny = planLadder({ width: 426, height: 240, frameRate: 30 }).renditions;
    expect(at30.map((r) => r.videoBitrate)).toEqual([3_000_000, 1_400_000, 800_000]);
    expect(at60[0]?.videoBitrate).toBe(4_500_000);
    expect(tiny[0]?.videoBitrate).toBeLessThan(800_000);
    for (const r of at30) {
      expect(r.maxRate).toBeGreaterThan(r.videoBitrate);
      expect(r.bufferSize).toBeGreaterThan(r.maxRate);
    }
  });

  it('keeps the frame rate up to 60 and divides higher rates down', () => {
    expect(planLadder({ width: 640, height: 360, frameRate: 59.94 }).frameRate).toBe(59.94);
    expect(planLadder({ width: 640, height: 360, frameRate: 120 }).frameRate).toBe(60);
    expect(planLadder({ width: 640, height: 360, frameRate: 100 }).frameRate).toBe(50);
  });
});
