import { describe, expect, it } from 'vitest';
import { cacheControlFor } from '../../src/edge/content-types.js';

// The same rule for the local edge (a path within the video's folder) and for S3 objects behind CloudFront (the key).
describe('how long caches keep an object of a video', () => {
  it('keeps an image on demand an hour, at either spelling of its path: a replaced source remakes it at the same address', () => {
    expect(cacheControlFor('image/12.5/640.jpg')).toBe('max-age=3600');
    expect(cacheControlFor('t/0b7c/v/5e6f/image/12.5/640.jpg')).toBe('max-age=3600');
  });

  it('keeps media and stills of a package for a year, and playlists a minute', () => {
    expect(cacheControlFor('t/0b7c/v/5e6f/r2/poster.jpg')).toBe('max-age=31536000, immutable');
    expect(cacheControlFor('360p/seg_00001.m4s')).toBe('max-age=31536000, immutable');
    expect(cacheControlFor('360p/index.m3u8')).toBe('max-age=60');
  });
});
