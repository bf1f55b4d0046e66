import { describe, expect, it } from 'vitest';
import { cascadeFilter } from '../../src/adapters/local/ffmpeg/encode-ladder.js';
import { planLadder } from '../../src/media/plan-ladder.js';

describe('encodeLadder', () => {
  it('scales each rung from the next larger one, converting to 8-bit once', () => {
    const plan = planLadder({ width: 1280, height: 720, frameRate: 120 });
    expect(cascadeFilter(plan, 1, 120)).toBe('[0:1]fps=60,scale=1280:720,format=yuv420p,setsar=1,split=2[v0][c0];' + '[c0]scale=854:480,setsar=1,split=2[v1][c1];' + '[c1]scale=640:360,setsar=1[v2]');
  });
});
