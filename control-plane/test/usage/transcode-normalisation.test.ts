import { describe, expect, it } from 'vitest';
import { MEDIACONVERT_MULTIPLIERS, mediaConvertTier, normaliseOutput } from '../../src/domain/usage/transcode-normalisation.js';
import { transcodeUsageEvents } from '../../src/domain/usage/transcode-usage.js';

const output = (overrides: Partial<Parameters<typeof normaliseOutput>[0]> = {}) => ({ width: 1920, height: 1080, frameRate: 30, videoCodec: 'h264', durationSeconds: 60, ...overrides });

describe('normalised transcode minutes (MediaConvert rules)', () => {
  it('keeps its multipliers in one table that names its source', () => {
    expect(MEDIACONVERT_MULTIPLIERS.source).toMatch(/^https:\/\/aws\.amazon\.com\/mediaconvert\/pricing/);
    expect(MEDIACONVERT_MULTIPLIERS.readOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it.each([
    [640, 360, 'SD'],
    [1280, 719, 'SD'],
    [1280, 720, 'HD'],
    [1920, 1080, 'HD'],
    [2560, 1440, 'UHD'],
    [3840, 2160, 'UHD'],
    // Portrait: classified on the shorter side, like its landscape twin.
    [1080, 1920, 'HD'],
    [720, 1280, 'HD'],
  ])('%i×%i is %s', (width, height, resolutionClass) => {
    expect(normaliseOutput(output({ width, height })).resolutionClass).toBe(resolutionClass);
  });

  it.each([
    [23.976, 'up-to-30', 1],
    [29.97, 'up-to-30', 1],
    [30, 'up-to-30', 1],
    [30.01, '30-to-60', 2],
    [59.94, '30-to-60', 2],
    [60, '30-to-60', 2],
    [120, 'above-60', 4],
  ])('%d fps is %s', (frameRate, frameRateClass, multiplier) => {
    const result = normaliseOutput(output({ width: 640, height: 360, frameRate }));
    expect(result).toMatchObject({ frameRateClass, multiplier });
  });

  it('multiplies resolution, frame rate, codec and passes: a 4K 60 fps HEVC multi-pass minute is 24 SD minutes', () => {
    const result = normaliseOutput(output({ width: 3840, height: 2160, frameRate: 60, videoCodec: 'hevc', encodingPasses: 2, durationSeconds: 60 }));
    expect(result).toMatchObject({ resolutionClass: 'UHD', frameRateClass: '30-to-60', codecClass: 'HEVC', passesClass: 'multi-pass', multiplier: 4 * 2 * 2 * 1.5, normalisedSeconds: 60 * 24 });
    expect(mediaConvertTier(result)).toBe('professional');
  });

  it('bills whole seconds, rounded up, and at least 10 seconds per output', () => {
    expect(normaliseOutput(output({ width: 640, height: 360, durationSeconds: 2.2 }))).toMatchObject({ billedSeconds: 10, normalisedSeconds: 10 });
    expect(normaliseOutput(output({ width: 640, height: 360, durationSeconds: 61.2 }))).toMatchObject({ billedSeconds: 62, normalisedSeconds: 62 });
    expect(normaliseOutput(output({ durationSeconds: 61.2 }))).toMatchObject({ billedSeconds: 62, normalisedSeconds: 124 });
  });

  it('bills an unknown codec as the dearest known one, never as the cheapest', () => {
    expect(normaliseOutput(output({ width: 640, height: 360, videoCodec: 'prores' }))).toMatchObject({ codecClass: 'HEVC', multiplier: 2 });
    expect(mediaConvertTier(normaliseOutput(output()))).toBe('basic');
  });

  it('makes one event per rendition, keyed by video and rendition, with the classes it was billed at', () => {
    const rendition = (name: string, width: number, height: number) => ({
      name,
      width,
      height,
      frameRate: 30,
      videoCodec: 'h264',
      codecs: 'avc1',
      bandwidth: 1,
      averageBandwidth: 1,
      playlistPath: `${name}/index.m3u8`,
      durationSeconds: 95,
      bytes: 1,
    });
    const events = transcodeUsageEvents('tenant-1', 'video-1', [rendition('1080p', 1920, 1080), rendition('360p', 640, 360)], new Date('2026-11-21T10:00:00Z'));
    expect(events.map((event) => [event.key, event.quantity])).toEqual([
      ['transcode:video-1:1080p', 190],
      ['transcode:video-1:360p', 95],
    ]);
    expect(events[0]?.details).toMatchObject({ resolutionClass: 'HD', frameRateClass: 'up-to-30', codecClass: 'AVC', multiplier: 2, billedSeconds: 95, tier: 'basic' });
  });
});
