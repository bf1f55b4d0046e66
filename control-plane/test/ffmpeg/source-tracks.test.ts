import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FfmpegTranscoder } from '../../src/adapters/local/ffmpeg/ffmpeg-transcoder.js';
import { LOUDNESS_TARGET } from '../../src/media/plan-ladder.js';
import type { TranscodeOutput } from '../../src/ports.js';
import { ffmpeg, parseMasterPlaylist, probeStreams, tempDir } from './fixtures.js';

const exec = promisify(execFile);
const SECONDS = 4;

/** Integrated loudness (LUFS) of a rendition, as ffmpeg's EBU R128 meter reads it through its playlist. */
async function integratedLoudness(playlist: string): Promise<number> {
  const { stderr } = await exec('ffmpeg', ['-hide_banner', '-nostats', '-i', playlist, '-af', 'ebur128=framelog=verbose', '-f', 'null', '-']);
  const summary = stderr.slice(stderr.lastIndexOf('Summary:'));
  const match = /I:\s+(-?\d+(\.\d+)?) LUFS/.exec(summary);
  if (!match?.[1]) throw new Error(`no loudness in:\n${stderr}`);
  return Number(match[1]);
}

// A film as a tenant uploads it: English stereo at 48 kHz (default), a quiet French mono track at 22.05 kHz titled
// "Français", and an English SRT subtitle track.
describe('FfmpegTranscoder on an MKV with English and French audio and English subtitles', () => {
  let work: Awaited<ReturnType<typeof tempDir>>;
  let outputDir: string;
  let output: TranscodeOutput;

  beforeAll(async () => {
    work = await tempDir('ffmpeg-tracks');
    const srt = join(work.path, 'en.srt');
    await writeFile(srt, '1\n00:00:00,500 --> 00:00:01,800\nHello there.\n\n2\n00:00:02,000 --> 00:00:03,500\nGeneral Kenobi!\n');
    const sourcePath = join(work.path, 'film.mkv');
    await ffmpeg([
      ...['-f', 'lavfi', '-i', `testsrc2=size=320x180:rate=30:duration=${SECONDS}`],
      ...['-f', 'lavfi', '-i', `sine=frequency=440:sample_rate=48000:duration=${SECONDS}`],
      ...['-f', 'lavfi', '-i', `sine=frequency=660:sample_rate=22050:duration=${SECONDS},volume=0.1`],
      ...['-i', srt],
      ...['-map', '0', '-map', '1', '-map', '2', '-map', '3'],
      ...['-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p'],
      ...['-c:a', 'aac', '-ac:a:0', '2', '-ac:a:1', '1'],
      ...['-metadata:s:a:0', 'language=eng', '-metadata:s:a:1', 'language=fre', '-metadata:s:a:1', 'title=Français'],
      ...['-disposition:a:0', 'default', '-disposition:a:1', '0'],
      ...['-c:s', 'srt', '-metadata:s:s:0', 'language=eng'],
      sourcePath,
    ]);
    outputDir = join(work.path, 'out');
    output = await new FfmpegTranscoder({ preset: 'ultrafast' }).transcode({ sourcePath, outputDir, limits: { maxDurationSeconds: 60 } });
  }, 120_000);
  afterAll(() => work.remove());

  it('makes one audio rendition per track, in the source order, with its language, name and default', () => {
    expect(output.audioTracks.map(({ language, name, isDefault, channels, codecs, playlistPath }) => ({ language, name, isDefault, channels, codecs, playlistPath }))).toEqual([
      { language: 'en', name: 'English', isDefault: true, channels: 2, codecs: 'mp4a.40.2', playlistPath: 'audio_1/index.m3u8' },
      { language: 'fr', name: 'Français', isDefault: false, channels: 2, codecs: 'mp4a.40.2', playlistPath: 'audio_2/index.m3u8' },
    ]);
    for (const track of output.audioTracks) {
      expect(track.bandwidth).toBeGreaterThan(64_000);
      expect(track.bytes).toBeGreaterThan(0);
    }
  });

  it('names both languages in the master, which every video-only variant plays with', async () => {
    const master = await readFile(join(outputDir, output.masterPlaylistPath), 'utf8');
    const media = master.split('\n').filter((line) => line.startsWith('#EXT-X-MEDIA:TYPE=AUDIO'));
    expect(media).toEqual([
      '#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID="audio",LANGUAGE="en",NAME="English",DEFAULT=YES,AUTOSELECT=YES,CHANNELS="2",URI="audio_1/index.m3u8"',
      '#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID="audio",LANGUAGE="fr",NAME="Français",DEFAULT=NO,AUTOSELECT=YES,CHANNELS="2",URI="audio_2/index.m3u8"',
    ]);
    const variants = parseMasterPlaylist(master);
    expect(variants.map((variant) => variant.attributes['AUDIO'])).toEqual(variants.map(() => 'audio'));
    for (const rendition of output.renditions) {
      const streams = await probeStreams(join(outputDir, rendition.playlistPath));
      expect(streams.map((stream) => stream.codec_type)).toEqual(['video']);
    }
  });

  it('turns the mono 22 kHz track into stereo AAC at 48 kHz like the other', async () => {
    for (const track of output.audioTracks) {
      const streams = await probeStreams(join(outputDir, track.playlistPath));
      expect(streams).toEqual([expect.objectContaining({ codec_type: 'audio', codec_name: 'aac', channels: 2, sample_rate: '48000' })]);
    }
  });

  it(`normalises both tracks to ${LOUDNESS_TARGET.integratedLufs} LUFS (within 1 LU), the quiet one included`, async () => {
    for (const track of output.audioTracks) {
      expect(Math.abs((await integratedLoudness(join(outputDir, track.playlistPath))) - LOUDNESS_TARGET.integratedLufs)).toBeLessThanOrEqual(1);
    }
  });

  it('returns the English SRT track as WebVTT with its cues', () => {
    expect(output.textTracks).toHaveLength(1);
    const [track] = output.textTracks;
    expect(track).toMatchObject({ language: 'en', label: 'English', kind: 'subtitles', forced: false });
    expect(track?.webvtt.startsWith('WEBVTT')).toBe(true);
    // The MKV muxer shifted the whole file by the French track's AAC priming (46 ms); the cue moved with the picture.
    expect(track?.webvtt).toMatch(/00:00\.5\d\d --> 00:01\.8\d\d\nHello there\./);
    expect(track?.webvtt).toContain('General Kenobi!');
  });

  it('has nothing to report: every track was carried over', () => {
    expect(output.notes).toEqual([]);
    expect(output.videoRange).toBe('SDR');
  });
});
