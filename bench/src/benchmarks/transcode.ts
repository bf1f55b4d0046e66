// The worker's transcoder on a 60 s 1080p30 source, against one hand-written ffmpeg command that produces
// the same ladder (four video-only rungs, split + cascaded scaling, x264 veryfast, and the audio once as its own
// loudness-normalised stereo AAC rendition, 6 s fMP4 HLS). Ours also probes,
// publishes segments into a local store while encoding (as the worker does), writes the master playlist,
// poster, thumbnails and storyboard: all of that is included in its time.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { FfmpegTranscoder } from '@ott/control-plane/internals/ffmpeg-transcoder';
import { FsObjectStore } from '@ott/control-plane/internals/fs-object-store';
import { median, round, timed, type Benchmark } from '../benchmark.js';

const run = promisify(execFile);

export const transcode: Benchmark = async (options) => {
  const seconds = options.quick ? 15 : 60;
  const source = path.join(options.workDir, `source-${seconds}s-1080p30.mp4`);
  if (!existsSync(source)) {
    options.log(`making a ${seconds} s 1080p30 source`);
    await run('ffmpeg', [
      '-y',
      '-loglevel',
      'error',
      '-f',
      'lavfi',
      '-i',
      `testsrc2=size=1920x1080:rate=30:duration=${seconds}`,
      '-f',
      'lavfi',
      '-i',
      `sine=frequency=440:sample_rate=48000:duration=${seconds}`,
      '-c:v',
      'libx264',
      '-preset',
      'veryfast',
      '-crf',
      '18',
      '-pix_fmt',
      'yuv420p',
      '-c:a',
      'aac',
      '-shortest',
      source,
    ]);
  }
  const runs = options.quick ? 1 : options.runs;
  const transcoder = new FfmpegTranscoder({ preset: 'veryfast' });
  const ours: number[] = [];
  const reference: number[] = [];
  for (let index = 0; index < runs; index += 1) {
    const oursDir = path.join(options.workDir, 'transcode-ours');
    const referenceDir = path.join(options.workDir, 'transcode-reference');
    await Promise.all([rm(oursDir, { recursive: true, force: true }), rm(referenceDir, { recursive: true, force: true })]);
    await mkdir(oursDir, { recursive: true });
    const store = new FsObjectStore(path.join(options.workDir, 'transcode-store'), 'http://127.0.0.1/unused', randomBytes(32));
    await store.deletePrefix('t/bench/v/film/');
    const earlyPublishing = { publish: (relativePath: string, localPath: string) => store.putFile(`t/bench/v/film/${relativePath}`, localPath), playable: async () => {} };
    ours.push((await timed(() => transcoder.transcode({ sourcePath: source, outputDir: oursDir, limits: { maxDurationSeconds: 3600 }, earlyPublishing }))).seconds);
    reference.push((await timed(() => referenceLadder(source, referenceDir))).seconds);
    options.log(`transcode run ${index + 1}: ours ${round(ours.at(-1)!)} s, reference ${round(reference.at(-1)!)} s`);
  }
  const oursSeconds = median(ours);
  const referenceSeconds = median(reference);
  return {
    name: 'transcode',
    ours: { label: `worker ladder (1080/720/480/360), ${seconds} s 1080p30, with stills and storyboard`, value: round(oursSeconds), unit: 's' },
    reference: { label: 'one hand-written ffmpeg command, same ladder', value: round(referenceSeconds), unit: 's' },
    ratio: round(oursSeconds / referenceSeconds),
    target: '≤ 1.05×',
    met: oursSeconds / referenceSeconds <= 1.05,
    notes: [`realtime factor ${round(seconds / oursSeconds)}× (reference ${round(seconds / referenceSeconds)}×)`, `median of ${runs}`],
    command: 'npm run bench -- transcode',
  };
};

async function referenceLadder(source: string, dir: string): Promise<void> {
  for (const rung of ['1080p', '720p', '480p', '360p', 'audio_1']) await mkdir(path.join(dir, rung), { recursive: true });
  await run('ffmpeg', [
    '-y',
    '-loglevel',
    'error',
    '-i',
    source,
    '-filter_complex',
    '[0:v]split=2[a][b];[b]scale=-2:720,split=2[c][d];[d]scale=-2:480,split=2[e][f];[f]scale=-2:360[v3];[a]null[v0];[c]null[v1];[e]null[v2];' +
      '[0:a]aformat=channel_layouts=stereo,loudnorm=I=-16:TP=-1.5:LRA=11,aresample=48000[a0]',
    '-map',
    '[v0]',
    '-map',
    '[v1]',
    '-map',
    '[v2]',
    '-map',
    '[v3]',
    '-map',
    '[a0]',
    '-c:v',
    'libx264',
    '-preset',
    'veryfast',
    '-profile:v',
    'high',
    '-b:v:0',
    '5000k',
    '-b:v:1',
    '3000k',
    '-b:v:2',
    '1400k',
    '-b:v:3',
    '800k',
    '-force_key_frames',
    'expr:gte(t,n_forced*2)',
    '-sc_threshold',
    '0',
    '-c:a',
    'aac',
    '-b:a',
    '128k',
    '-ac',
    '2',
    '-f',
    'hls',
    '-hls_time',
    '6',
    '-hls_playlist_type',
    'vod',
    '-hls_segment_type',
    'fmp4',
    '-hls_segment_filename',
    path.join(dir, '%v', 'seg_%05d.m4s'),
    '-var_stream_map',
    'v:0,name:1080p v:1,name:720p v:2,name:480p v:3,name:360p a:0,name:audio_1',
    path.join(dir, '%v', 'index.m3u8'),
  ]);
}
