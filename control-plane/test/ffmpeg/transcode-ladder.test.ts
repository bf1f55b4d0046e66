import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FfmpegTranscoder } from '../../src/adapters/local/ffmpeg/ffmpeg-transcoder.js';
import { readMediaPlaylist } from '../../src/media/media-playlist.js';
import type { TranscodeOutput } from '../../src/ports.js';
import { keyframeTimes, listFiles, makeClip, parseMasterPlaylist, probeStreams, tempDir } from './fixtures.js';

const SECONDS = 7;

describe('FfmpegTranscoder on a 7 s 1280x720 30 fps clip with audio', () => {
  let work: Awaited<ReturnType<typeof tempDir>>;
  let outputDir: string;
  let output: TranscodeOutput;
  const progress: number[] = [];

  beforeAll(async () => {
    work = await tempDir('ffmpeg-ladder');
    const sourcePath = await makeClip(join(work.path, 'clip.mp4'), { width: 1280, height: 720, seconds: SECONDS });
    outputDir = join(work.path, 'out');
    output = await new FfmpegTranscoder().transcode({
      sourcePath,
      outputDir,
      limits: { maxDurationSeconds: 60 },
      onProgress: (fraction) => progress.push(fraction),
    });
  });
  afterAll(() => work.remove());

  it('describes the source', () => {
    expect(output.source).toMatchObject({ width: 1280, height: 720, frameRate: 30, videoCodec: 'h264', audioCodec: 'aac', rotation: 0 });
    expect(output.source.durationSeconds).toBeCloseTo(SECONDS, 1);
    expect(output.durationSeconds).toBeCloseTo(SECONDS, 1);
  });

  it('builds 720p, 480p and 360p, and never upscales to 1080p', () => {
    expect(output.renditions.map((r) => [r.name, r.width, r.height])).toEqual([
      ['720p', 1280, 720],
      ['480p', 854, 480],
      ['360p', 640, 360],
    ]);
  });

  it('writes a master playlist, highest first, with measured bandwidths and the real codecs', async () => {
    const text = await readFile(join(outputDir, output.masterPlaylistPath), 'utf8');
    expect(text.split('\n').slice(0, 3)).toEqual(['#EXTM3U', '#EXT-X-VERSION:7', '#EXT-X-INDEPENDENT-SEGMENTS']);
    const variants = parseMasterPlaylist(text);
    expect(variants.map((v) => [v.uri, v.attributes['RESOLUTION']])).toEqual([
      ['720p/index.m3u8', '1280x720'],
      ['480p/index.m3u8', '854x480'],
      ['360p/index.m3u8', '640x360'],
    ]);
    for (const variant of variants) {
      const rendition = output.renditions.find((r) => r.playlistPath === variant.uri);
      if (!rendition) throw new Error(`no rendition for ${variant.uri}`);
      const playlist = await readMediaPlaylist(join(outputDir, rendition.name));
      const segments = await Promise.all(playlist.segments.map(async (s) => ({ bits: (await stat(join(outputDir, rendition.name, s.uri))).size * 8, seconds: s.durationSeconds })));
      const peak = Math.max(...segments.map((s) => s.bits / s.seconds));
      const average = segments.reduce((sum, s) => sum + s.bits, 0) / segments.reduce((sum, s) => sum + s.seconds, 0);
      // Each variant plays with the audio rendition: its peak is added (RFC 8216bis 4.4.6.2).
      const audioPeak = output.audioTracks[0]?.bandwidth ?? 0;
      expect(Number(variant.attributes['BANDWIDTH'])).toBe(Math.ceil(peak) + audioPeak);
      expect(Number(variant.attributes['AVERAGE-BANDWIDTH'])).toBe(Math.ceil(average) + audioPeak);
      expect(Number(variant.attributes['BANDWIDTH'])).toBeGreaterThan(Number(variant.attributes['AVERAGE-BANDWIDTH']));
      // ultrafast would give Constrained Baseline (42); the default preset keeps High (64).
      expect(variant.attributes['CODECS']).toMatch(/^avc1\.64[0-9a-f]{4},mp4a\.40\.2$/);
      expect(variant.attributes['FRAME-RATE']).toBe('30.000');
    }
    const bandwidths = variants.map((v) => Number(v.attributes['BANDWIDTH']));
    expect([...bandwidths].sort((a, b) => b - a)).toEqual(bandwidths);
    // Rate control honoured: the 720p rung averages near its 3 Mbps target plus 128 kbps audio.
    const top = Number(variants[0]?.attributes['AVERAGE-BANDWIDTH']);
    expect(top).toBeGreaterThan(2_000_000);
    expect(top).toBeLessThan(4_500_000);
  });

  it('cuts each rendition into a 1 s first segment (fast start), then 6 s fMP4 segments, with aligned keyframes', async () => {
    const keyframesPerRung: string[][] = [];
    for (const rendition of output.renditions) {
      const dir = join(outputDir, rendition.name);
      const playlist = await readMediaPlaylist(dir);
      // Encoded as a growing EVENT playlist (for early publishing), finished as VOD.
      const text = await readFile(join(dir, 'index.m3u8'), 'utf8');
      expect(text).toContain('#EXT-X-PLAYLIST-TYPE:VOD');
      expect(text.trim().endsWith('#EXT-X-ENDLIST')).toBe(true);
      expect(playlist.initUri).toBe('init.mp4');
      // The first 6 s as they were encoded (a keyframe at 1 s, then every 2 s), then one segment per 6 s.
      expect(playlist.segments.map((s) => s.uri)).toEqual(['seg_00000.m4s', 'seg_00001.m4s', 'seg_00002.m4s', 'seg_00003.m4s', 'seg_00004.m4s']);
      expect(playlist.segments.map((s) => Math.round(s.durationSeconds * 10) / 10)).toEqual([1, 1, 2, 2, 1]);
      // Only the package is left: none of ffmpeg's parts.
      expect((await listFiles(dir)).filter((file) => file.startsWith('part') || file.endsWith('.tmp'))).toEqual([]);
      expect(rendition.durationSeconds).toBeCloseTo(SECONDS, 1);
      expect(rendition.bytes).toBe((await Promise.all((await listFiles(dir)).map(async (f) => (await stat(join(dir, f))).size))).reduce((a, b) => a + b, 0));
      keyframesPerRung.push(await keyframeTimes(join(dir, 'index.m3u8')));
    }
    expect(keyframesPerRung[0]).toHaveLength(5);
    expect(keyframesPerRung[1]).toEqual(keyframesPerRung[0]);
    expect(keyframesPerRung[2]).toEqual(keyframesPerRung[0]);
  });

  it('encodes H.264 at each rung size, video only, and the audio once as a stereo AAC rendition the master names', async () => {
    for (const rendition of output.renditions) {
      const streams = await probeStreams(join(outputDir, rendition.playlistPath));
      expect(streams).toEqual([expect.objectContaining({ codec_type: 'video', codec_name: 'h264', width: rendition.width, height: rendition.height })]);
    }
    expect(output.audioTracks).toEqual([expect.objectContaining({ language: 'und', name: 'Audio 1', isDefault: true, channels: 2, playlistPath: 'audio_1/index.m3u8' })]);
    expect(await probeStreams(join(outputDir, 'audio_1/index.m3u8'))).toEqual([expect.objectContaining({ codec_type: 'audio', codec_name: 'aac', channels: 2 })]);
    const master = await readFile(join(outputDir, output.masterPlaylistPath), 'utf8');
    expect(master).toContain('#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID="audio",NAME="Audio 1",DEFAULT=YES,AUTOSELECT=YES,CHANNELS="2",URI="audio_1/index.m3u8"');
  });

  it('makes a poster, six thumbnails and a storyboard whose cues cover the video', async () => {
    expect((await probeStreams(join(outputDir, output.posterPath)))[0]).toMatchObject({ width: 1280, height: 720 });
    expect(output.thumbnails.map((t) => t.path)).toEqual([1, 2, 3, 4, 5, 6].map((n) => `thumbnails/thumb_0${n}.jpg`));
    const times = output.thumbnails.map((t) => t.timeSeconds);
    expect([...times].sort((a, b) => a - b)).toEqual(times);
    expect(times.every((t) => t > 0 && t < SECONDS)).toBe(true);
    for (const thumbnail of output.thumbnails) {
      expect((await probeStreams(join(outputDir, thumbnail.path)))[0]).toMatchObject({ width: 320, height: 180 });
    }

    const { storyboard } = output;
    expect(storyboard).toMatchObject({ intervalSeconds: 2, tileWidth: 160, tileHeight: 90, columns: 4, rows: 1 });
    const sprite = (await probeStreams(join(outputDir, storyboard.imagePath)))[0];
    expect(sprite).toMatchObject({ width: storyboard.columns * 160, height: storyboard.rows * 90 });

    const vtt = await readFile(join(outputDir, storyboard.vttPath), 'utf8');
    expect(vtt.startsWith('WEBVTT\n\n')).toBe(true);
    const cues = [...vtt.matchAll(/(\d\d):(\d\d):(\d\d\.\d{3}) --> (\d\d):(\d\d):(\d\d\.\d{3})\nstoryboard\.jpg#xywh=(\d+),(\d+),(\d+),(\d+)/g)].map((m) => {
      const n = m.slice(1).map(Number) as [number, number, number, number, number, number, number, number, number, number];
      return { start: n[0] * 3600 + n[1] * 60 + n[2], end: n[3] * 3600 + n[4] * 60 + n[5], x: n[6], y: n[7], w: n[8], h: n[9] };
    });
    expect(cues).toHaveLength(4);
    expect(cues[0]?.start).toBe(0);
    expect(cues.at(-1)?.end).toBeCloseTo(output.durationSeconds, 2);
    cues.forEach((cue, i) => {
      if (i > 0) expect(cue.start).toBe(cues[i - 1]?.end);
      expect(cue.x + cue.w).toBeLessThanOrEqual(sprite?.width ?? 0);
      expect(cue.y + cue.h).toBeLessThanOrEqual(sprite?.height ?? 0);
      expect([cue.x, cue.w, cue.h]).toEqual([i * 160, 160, 90]);
    });
  });

  it('reports progress that only grows and ends at 1', () => {
    expect(progress.length).toBeGreaterThan(3);
    progress.forEach((value, i) => {
      if (i > 0) expect(value).toBeGreaterThan(progress[i - 1] ?? 0);
    });
    expect(progress[0]).toBeGreaterThanOrEqual(0);
    expect(progress.at(-1)).toBe(1);
    expect(progress.some((value) => value > 0.1 && value < 0.9)).toBe(true);
  });

  it('returns only paths relative to the output folder', () => {
    const paths = [
      output.masterPlaylistPath,
      output.posterPath,
      output.storyboard.imagePath,
      output.storyboard.vttPath,
      ...output.thumbnails.map((t) => t.path),
      ...output.renditions.map((r) => r.playlistPath),
      ...output.audioTracks.map((t) => t.playlistPath),
    ];
    expect(paths.filter((p) => p.startsWith('/') || p.includes('..'))).toEqual([]);
  });
});
