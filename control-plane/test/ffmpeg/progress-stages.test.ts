import { describe, expect, it } from 'vitest';
import { progressStages } from '../../src/adapters/local/ffmpeg/progress-stages.js';

describe('progressStages', () => {
  it('weights stages into one fraction that never goes back and ends at 1', () => {
    const seen: number[] = [];
    const progress = progressStages((f) => seen.push(f), { encode: 90, stills: 10 });
    progress.start();
    const encode = progress.stage('encode');
    encode(0.5);
    encode(0.4);
    encode(1.7);
    progress.stage('stills')(1);
    progress.finish();
    expect(seen).toEqual([0, 0.45, 0.9, 1]);
  });
});
