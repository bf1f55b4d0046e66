// A finished MediaConvert job's staging folder, laid out with the file names AWS documents, becomes our HLS
// package. Names, from the MediaConvert user guide ("Output file names and paths", "Choosing your ABR streaming output
// groups") and API reference (FrameCaptureSettings):
// - CMAF group: the HLS multivariant playlist is `{base}.m3u8` (`cmaf/1.m3u8` for the destination `cmaf/1`), and video
//   segments are `.cmfv`. Per-output playlist, init and segment names are not documented, so the collector follows the
//   multivariant playlist (variants by RESOLUTION, audio by EXT-X-MEDIA GROUP-ID) and the variant playlists; the names
//   here (`{base}{modifier}.m3u8`, `{base}{modifier}_00001.cmfv`) are one plausible guess, and any other would do.
// - Frame captures: `{base}{nameModifier}.NNNNNNN.jpg`. The API reference numbers captures from 0; the user guide's
//   example (`file.0000036.jpg` is the last, "35 other images … file.0000001, file.0000002") counts from 1. Both are tested.
// The media itself is real fMP4 from ffmpeg (codec strings are read from it). The staged files sit in a folder here;
// `publish` copies into a second folder standing in for the video's package in the store, so the test sees what is
// copied server-side and what the worker holds.
import { execFile } from 'node:child_process';
import { copyFile, cp, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planLadder } from '../../src/media/plan-ladder.js';
import { collectOutputs, type StagedOutputs } from '../../src/adapters/aws/mediaconvert/collect-outputs.js';
import { jobStateOf } from '../../src/adapters/aws/mediaconvert/mediaconvert-sdk-jobs.js';
import type { SourceTracks } from '../../src/adapters/aws/mediaconvert/source-tracks.js';
import { makeClip } from '../support/media-fixtures.js';

const run = promisify(execFile);
const SECONDS = 4;
const source = { durationSeconds: SECONDS, width: 854, height: 480, frameRate: 30, videoCodec: 'h264', audioCodec: 'aac', rotation: 0 };
const plan = planLadder(source);
let work: string;
let encodedDir: string;
let clipFile: string;
/** A bilingual film with CEA-608 captions and a PGS track MediaConvert cannot read. */
const tracks: SourceTracks = {
  audio: [
    { track: 1, iso639: 'eng', language: 'en', name: 'English', channels: 2, isDefault: true },
    { track: 2, iso639: 'fre', language: 'fr', name: 'French', channels: 1, isDefault: false },
  ],
  embeddedCaptions: { sourceType: 'EMBEDDED', language: 'en', name: 'English' },
  range: 'PQ',
  notes: [{ code: 'subtitles-not-converted', message: 'The subtitle track "German" is made of pictures (PGS), which are not converted to text.' }],
};
/** The caption output's two segments as MediaConvert writes them: a cue that spans the boundary is in both. */
const CAPTION_SEGMENTS = [
  'WEBVTT\nX-TIMESTAMP-MAP=LOCAL:00:00:00.000,MPEGTS:0\n\n00:00:00.500 --> 00:00:01.500\nHello.\n\n00:00:01.800 --> 00:00:02.400\nAcross the boundary.\n',
  'WEBVTT\nX-TIMESTAMP-MAP=LOCAL:00:00:00.000,MPEGTS:0\n\n00:00:01.800 --> 00:00:02.400\nAcross the boundary.\n\n00:00:03.000 --> 00:00:03.500 line:85%\nGoodbye.\n',
];

/** One MediaConvert output of the CMAF group: `master{modifier}.m3u8` with its init and numbered fMP4 segments. */
async function encodeOutput(clip: string, modifier: string, extension: 'cmfv' | 'cmfa', args: string[]): Promise<void> {
  const base = `master${modifier}`;
  await run('ffmpeg', [
    '-y',
    '-loglevel',
    'error',
    '-i',
    clip,
    ...args,
    '-f',
    'hls',
    '-hls_time',
    '2',
    '-hls_playlist_type',
    'vod',
    '-hls_segment_type',
    'fmp4',
    '-start_number',
    '1',
    '-hls_fmp4_init_filename',
    `${base}_init.${extension}`,
    '-hls_segment_filename',
    path.join(encodedDir, `${base}_%05d.${extension}`),
    path.join(encodedDir, `${base}.m3u8`),
  ]);
}

beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), 'ott-mc-outputs-'));
  encodedDir = path.join(work, 'hls-encoded');
  await mkdir(encodedDir);
  const clip = await makeClip(path.join(work, 'source.mp4'), { seconds: SECONDS, width: 854, height: 480 });
  clipFile = clip;
  const x264 = ['-c:v', 'libx264', '-preset', 'ultrafast', '-g', '60', '-keyint_min', '60', '-sc_threshold', '0', '-an'];
  await Promise.all([
    ...plan.renditions.map((rendition) => encodeOutput(clip, `_${rendition.name}`, 'cmfv', [...x264, '-vf', `scale=${rendition.width}:${rendition.height}`])),
    encodeOutput(clip, '_audio_1', 'cmfa', ['-vn', '-c:a', 'aac', '-b:a', '128k']),
    encodeOutput(clip, '_audio_2', 'cmfa', ['-vn', '-c:a', 'aac', '-b:a', '128k']),
  ]);
  await writeFile(
    path.join(encodedDir, 'master_captions.m3u8'),
    [
      '#EXTM3U',
      '#EXT-X-TARGETDURATION:2',
      '#EXT-X-VERSION:3',
      '#EXT-X-PLAYLIST-TYPE:VOD',
      '#EXTINF:2,',
      'master_captions_00001.vtt',
      '#EXTINF:2,',
      'master_captions_00002.vtt',
      '#EXT-X-ENDLIST',
      '',
    ].join('\n'),
  );
  await Promise.all(CAPTION_SEGMENTS.map((text, index) => writeFile(path.join(encodedDir, `master_captions_0000${index + 1}.vtt`), text)));
  await run('ffmpeg', ['-y', '-loglevel', 'error', '-f', 'lavfi', '-i', 'testsrc2=size=160x90', '-frames:v', '1', path.join(work, 'tile.jpg')]);
  // The multivariant playlist the CMAF group writes (RFC 8216 tags, StreamInfResolution INCLUDE); ours replaces it.
  await writeFile(
    path.join(encodedDir, 'master.m3u8'),
    [
      '#EXTM3U',
      '#EXT-X-VERSION:6',
      '#EXT-X-INDEPENDENT-SEGMENTS',
      '#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID="audio",NAME="English",LANGUAGE="eng",AUTOSELECT=YES,DEFAULT=YES,URI="master_audio_1.m3u8"',
      '#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID="audio",NAME="French",LANGUAGE="fre",AUTOSELECT=YES,DEFAULT=NO,URI="master_audio_2.m3u8"',
      '#EXT-X-MEDIA:TYPE=SUBTITLES,GROUP-ID="subs",NAME="English",LANGUAGE="en",AUTOSELECT=YES,DEFAULT=YES,URI="master_captions.m3u8"',
      ...[...plan.renditions]
        .reverse()
        .flatMap((rendition) => [
          `#EXT-X-STREAM-INF:BANDWIDTH=${rendition.maxRate},CODECS="avc1.64001f,mp4a.40.2",RESOLUTION=${rendition.width}x${rendition.height},AUDIO="audio",SUBTITLES="subs"`,
          `master_${rendition.name}.m3u8`,
        ]),
      '',
    ].join('\n'),
  );
});
afterAll(() => rm(work, { recursive: true, force: true }));

/** A staging folder as the job leaves it, with frame captures numbered from `firstNumber`. */
async function stagingFolder(name: string, firstNumber: 0 | 1): Promise<string> {
  const staging = path.join(work, name);
  await cp(encodedDir, path.join(staging, 'cmaf'), { recursive: true });
  await mkdir(path.join(staging, 'stills'));
  const capture = (modifier: string, k: number) => writeFile(path.join(staging, 'stills', `frame${modifier}.${String(firstNumber + k).padStart(7, '0')}.jpg`), `${modifier} capture ${k}`);
  await Promise.all([...[0, 1].map((k) => capture('_poster', k)), ...[0, 1, 2, 3, 4, 5, 6].map((k) => capture('_thumb', k))]);
  // One storyboard tile per 2 s of the 4 s film.
  await Promise.all([0, 1].map((k) => copyFile(path.join(work, 'tile.jpg'), path.join(staging, 'stills', `frame_tile.${String(firstNumber + k).padStart(7, '0')}.jpg`))));
  // The FILE group's MP4 downloads: `{destination}{modifier}.mp4` (UG "Output file names and paths").
  await mkdir(path.join(staging, 'downloads'));
  await Promise.all(['480p', '360p'].map((name) => copyFile(clipFile, path.join(staging, 'downloads', `download_${name}.mp4`))));
  return staging;
}

/** The staged files of a folder, with `publish` copying into `packageDir` (S3 CopyObject in production). */
function stagedIn(staging: string, packageDir: string): StagedOutputs & { fetched: string[] } {
  const fetched: string[] = [];
  return {
    fetched,
    async list() {
      const files = (await readdir(staging, { recursive: true, withFileTypes: true })).filter((entry) => entry.isFile());
      const sizes = await Promise.all(
        files.map(async (entry) => [path.relative(staging, path.join(entry.parentPath, entry.name)), (await stat(path.join(entry.parentPath, entry.name))).size] as const),
      );
      return new Map(sizes);
    },
    async fetch(relativePath, target) {
      fetched.push(relativePath);
      await mkdir(path.dirname(target), { recursive: true });
      await copyFile(path.join(staging, relativePath), target);
    },
    async publish(relativePath, packagePath) {
      await mkdir(path.dirname(path.join(packageDir, packagePath)), { recursive: true });
      await copyFile(path.join(staging, relativePath), path.join(packageDir, packagePath));
    },
    remove: () => rm(staging, { recursive: true, force: true }),
  };
}

describe('collecting a finished MediaConvert job', () => {
  it.each([
    ['numbered from 0 (API reference)', 0],
    ['numbered from 1 (user guide example)', 1],
  ] as const)('turns the documented output names into our package, frame captures %s', async (label, firstNumber) => {
    const outputDir = path.join(work, `out-${firstNumber}`);
    const packageDir = path.join(work, `package-${firstNumber}`);
    const workDir = path.join(work, `work-${firstNumber}`);
    await Promise.all([mkdir(outputDir), mkdir(workDir)]);
    const staged = stagedIn(await stagingFolder(`staging-${firstNumber}`, firstNumber), packageDir);
    const output = await collectOutputs({ staged, workDir, outputDir, plan, source, tracks, downloads: true, ffmpegPath: 'ffmpeg' });

    expect(output.renditions.map((rendition) => [rendition.name, rendition.playlistPath])).toEqual([
      ['480p', '480p/index.m3u8'],
      ['360p', '360p/index.m3u8'],
    ]);
    for (const [folder, modifier] of [
      ['480p', '480p'],
      ['360p', '360p'],
      ['audio_1', 'audio_1'],
      ['audio_2', 'audio_2'],
    ] as const) {
      const playlist = await readFile(path.join(outputDir, folder, 'index.m3u8'), 'utf8');
      expect(playlist).toContain('#EXT-X-MAP:URI="init.mp4"');
      const segments = playlist.split('\n').filter((line) => line !== '' && !line.startsWith('#'));
      // CMAF's .cmfv/.cmfa segments become .m4s, like the local shape's (content type, storyboard input).
      expect(segments[0]).toBe(`master_${modifier}_00001.m4s`);
      expect(segments.length).toBeGreaterThanOrEqual(2);
      expect(segments.every((segment) => new RegExp(`^master_${modifier}_\\d{5}\\.m4s$`).test(segment))).toBe(true);
      // Segments were copied into the package in the store; the worker holds only the playlist and the init segment.
      expect((await readdir(path.join(packageDir, folder))).sort()).toEqual([...segments].sort());
      expect((await readdir(path.join(outputDir, folder))).sort()).toEqual(['index.m3u8', 'init.mp4']);
    }
    // Only init segments (codec strings) were fetched, never a media segment.
    expect(staged.fetched.filter((file) => /_\d{5}\.cmf[va]$/.test(file))).toEqual([]);
    expect(output.renditions.every((rendition) => rendition.bandwidth > 0 && rendition.bytes > rendition.averageBandwidth / 8)).toBe(true);
    const master = await readFile(path.join(outputDir, 'master.m3u8'), 'utf8');
    expect(master).toContain('#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID="audio",LANGUAGE="en",NAME="English",DEFAULT=YES,AUTOSELECT=YES,CHANNELS="2",URI="audio_1/index.m3u8"');
    expect(master).toContain('#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID="audio",LANGUAGE="fr",NAME="French",DEFAULT=NO,AUTOSELECT=YES,CHANNELS="2",URI="audio_2/index.m3u8"');
    // The HDR10 source was tone-mapped: the package is SDR and says so.
    expect(master).toMatch(/RESOLUTION=854x480,CODECS="avc1\.[0-9a-f]{6},mp4a\.40\.2".*VIDEO-RANGE=SDR,AUDIO="audio"\n480p\/index\.m3u8/);
    // Captions are published by the control plane from textTracks, not named by this master.
    expect(master).not.toContain('TYPE=SUBTITLES');
    expect(output.videoRange).toBe('SDR');
    expect(output.audioTracks.map(({ bytes, ...track }) => ({ ...track, counted: bytes > 0 }))).toEqual([
      { language: 'en', name: 'English', isDefault: true, channels: 2, codecs: 'mp4a.40.2', bandwidth: 128_000, playlistPath: 'audio_1/index.m3u8', counted: true },
      { language: 'fr', name: 'French', isDefault: false, channels: 2, codecs: 'mp4a.40.2', bandwidth: 128_000, playlistPath: 'audio_2/index.m3u8', counted: true },
    ]);
    expect(output.textTracks).toEqual([
      {
        language: 'en',
        label: 'English',
        kind: 'captions',
        isDefault: false,
        forced: false,
        webvtt: 'WEBVTT\n\n00:00:00.500 --> 00:00:01.500\nHello.\n\n00:00:01.800 --> 00:00:02.400\nAcross the boundary.\n\n00:00:03.000 --> 00:00:03.500 line:85%\nGoodbye.\n',
      },
    ]);
    expect(output.notes).toEqual(tracks.notes);
    // Downloads are copied inside S3 into the package, never fetched by the worker.
    const clipBytes = (await stat(clipFile)).size;
    expect(output.downloads).toEqual([
      { name: '480p', width: 854, height: 480, bytes: clipBytes, path: 'downloads/480p.mp4' },
      { name: '360p', width: 640, height: 360, bytes: clipBytes, path: 'downloads/360p.mp4' },
    ]);
    expect((await readdir(path.join(packageDir, 'downloads'))).sort()).toEqual(['360p.mp4', '480p.mp4']);
    expect(staged.fetched.filter((file) => file.startsWith('downloads/'))).toEqual([]);

    // The poster is the second poster capture (at 10 %), the thumbnails every thumbnail capture but the first.
    expect(await readFile(path.join(outputDir, 'poster.jpg'), 'utf8')).toBe('_poster capture 1');
    expect(output.thumbnails.map((thumbnail) => thumbnail.path)).toEqual([1, 2, 3, 4, 5, 6].map((k) => `thumbnails/thumb_0${k}.jpg`));
    expect(await readFile(path.join(outputDir, 'thumbnails', 'thumb_01.jpg'), 'utf8')).toBe('_thumb capture 1');
    expect(await readFile(path.join(outputDir, 'thumbnails', 'thumb_06.jpg'), 'utf8')).toBe('_thumb capture 6');
    expect(output.storyboard).toMatchObject({ imagePath: 'storyboard.jpg', intervalSeconds: 2, columns: 2, rows: 1, tileWidth: 160, tileHeight: 90 });
    const sprite = await run('ffprobe', ['-v', 'error', '-show_entries', 'stream=width,height', '-of', 'csv=p=0', path.join(outputDir, 'storyboard.jpg')]);
    expect(sprite.stdout.trim()).toBe('320,90');
    expect(output.durationSeconds).toBeCloseTo(SECONDS, 0);
  });
});

describe('GetJob answers', () => {
  it('read like job events, so a reconciled job and an evented one are handled alike', () => {
    expect(jobStateOf({ Id: 'j', Status: 'PROGRESSING', JobPercentComplete: 40 } as never)).toEqual({ jobId: 'j', status: 'PROGRESSING', progress: 0.4 });
    expect(jobStateOf({ Id: 'j', Status: 'ERROR', ErrorCode: 1010, ErrorMessage: 'no parser' } as never)).toMatchObject({ status: 'ERROR', errorCode: 1010, errorMessage: 'no parser' });
    expect(jobStateOf({ Id: 'j', Status: 'COMPLETE', OutputGroupDetails: [{ OutputDetails: [{ DurationInMs: 4000, VideoDetails: { WidthInPx: 854, HeightInPx: 480 } }] }] } as never)).toMatchObject({
      status: 'COMPLETE',
      progress: 1,
    });
    expect(jobStateOf({ Id: 'j', Status: 'CANCELED' } as never)).toMatchObject({ status: 'CANCELED' });
  });
});
