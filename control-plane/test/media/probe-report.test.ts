import { describe, expect, it } from 'vitest';
import type { ProbeReport } from '../../src/media/ffprobe-report.js';
import { describeDuration, inspectProbeReport } from '../../src/media/probe-media.js';
import { UnplayableMediaError } from '../../src/domain/videos/unplayable-media-error.js';

const limits = { maxDurationSeconds: 3600 };
const video = { index: 0, codec_type: 'video', codec_name: 'h264', width: 1920, height: 1080, avg_frame_rate: '30000/1001' };

function report(overrides: Partial<typeof video> & Record<string, unknown> = {}, format: ProbeReport['format'] = { format_name: 'mov,mp4,m4a,3gp,3g2,mj2', duration: '12.5' }): ProbeReport {
  return { streams: [{ ...video, ...overrides }], format };
}

function refusal(input: ProbeReport, maxDurationSeconds = 3600): UnplayableMediaError {
  try {
    inspectProbeReport(input, { maxDurationSeconds });
  } catch (error) {
    if (error instanceof UnplayableMediaError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('inspectProbeReport', () => {
  it('describes a playable source as displayed', () => {
    const probed = inspectProbeReport(report({ side_data_list: [{ side_data_type: 'Display Matrix', rotation: -90 }] }), limits);
    expect(probed.source).toEqual({
      durationSeconds: 12.5,
      width: 1080,
      height: 1920,
      frameRate: 30000 / 1001,
      videoCodec: 'h264',
      audioCodec: null,
      rotation: 270,
    });
    expect(probed.audioStreamIndex).toBeNull();
  });

  it('widens anamorphic pictures by their sample aspect ratio', () => {
    expect(inspectProbeReport(report({ width: 720, height: 480, sample_aspect_ratio: '32:27' }), limits).source).toMatchObject({ width: 853, height: 480 });
  });

  it('refuses zero duration', () => {
    expect(refusal(report({}, { format_name: 'matroska,webm', duration: '0.000000' })).kind).toBe('zero-duration');
    expect(refusal(report({}, { format_name: 'matroska,webm' })).reason).toMatch(/no duration/);
  });

  it('refuses still images and text rendered as video', () => {
    expect(refusal(report({ codec_name: 'png' }, { format_name: 'png_pipe' })).kind).toBe('still-image');
    expect(refusal(report({ codec_name: 'ansi' }, { format_name: 'tty', duration: '0.16' })).reason).toMatch(/text document/);
  });

  it('names the limit and the actual duration in hours and minutes', () => {
    const error = refusal(report({}, { format_name: 'mp4', duration: '7503' }), 7200);
    expect(error.reason).toBe('The video is 2 h 5 min 3 s long; the limit is 2 h. Trim it or upload a shorter video.');
  });

  it('formats durations for people', () => {
    expect(describeDuration(12.44)).toBe('12.4 seconds');
    expect(describeDuration(125)).toBe('2 min 5 s');
  });
});
