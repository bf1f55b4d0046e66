// A small real HLS package with what issue 16 gives a video beyond its picture, built with ffmpeg for player tests:
// fMP4 video, two audio renditions (English 440 Hz, French 880 Hz), WebVTT subtitles (English, an automatic French
// transcript, forced French), a chapters WebVTT, and the master playlist with its EXT-X-MEDIA lines written by hand
// as the control plane writes them.
import { execFile } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';

export const PACKAGE_SECONDS = 12;

/** The cues each subtitle track carries, as the test expects to see them (seconds from the start of the video). */
export const SUBTITLES = {
  en: [
    { start: 1, end: 4.5, text: 'Hello from the English track' },
    { start: 6, end: 9.5, text: 'Second English line' },
  ],
  fr: [{ start: 1, end: 9.5, text: 'Transcription automatique' }],
  forced: [{ start: 0.5, end: 11.5, text: 'Panneau : sortie de secours' }],
} as const;

export const CHAPTERS = [
  { start: 0, end: 4, title: 'Opening' },
  { start: 4, end: 8, title: 'The middle' },
  { start: 8, end: 12, title: 'The end' },
] as const;

const run = promisify(execFile);
const ffmpeg = (args: string[]) => run('ffmpeg', ['-y', '-loglevel', 'error', ...args]);
const hlsOutput = (folder: string) => ['-f', 'hls', '-hls_time', '2', '-hls_playlist_type', 'vod', '-hls_segment_type', 'fmp4', '-hls_segment_filename', `${folder}/%d.m4s`, `${folder}/index.m3u8`];

const clock = (seconds: number) => `00:00:${seconds.toFixed(3).padStart(6, '0')}`;
const vtt = (cues: readonly { start: number; end: number; text: string }[]) =>
  // The timestamp map ties cue times to the media's (fMP4 from 0): as the platform's segmented WebVTT does.
  `WEBVTT\nX-TIMESTAMP-MAP=MPEGTS:0,LOCAL:00:00:00.000\n\n${cues.map((cue) => `${clock(cue.start)} --> ${clock(cue.end)}\n${cue.text}\n`).join('\n')}`;
const subtitlePlaylist = (file: string) => `#EXTM3U\n#EXT-X-VERSION:7\n#EXT-X-TARGETDURATION:${PACKAGE_SECONDS}\n#EXT-X-PLAYLIST-TYPE:VOD\n#EXTINF:${PACKAGE_SECONDS}.0,\n${file}\n#EXT-X-ENDLIST\n`;

/** Writes the package into `dir`; the master is `master.m3u8`, the chapters `chapters.vtt`. */
export async function buildTracksPackage(dir: string): Promise<void> {
  await Promise.all(['video', 'audio-en', 'audio-fr'].map((folder) => mkdir(path.join(dir, folder), { recursive: true })));
  await Promise.all([
    ffmpeg([
      '-f',
      'lavfi',
      '-i',
      `testsrc2=s=320x180:r=25:d=${PACKAGE_SECONDS}`,
      '-c:v',
      'libx264',
      '-preset',
      'ultrafast',
      '-pix_fmt',
      'yuv420p',
      '-g',
      '50',
      '-an',
      ...hlsOutput(path.join(dir, 'video')),
    ]),
    ...(
      [
        ['audio-en', 440],
        ['audio-fr', 880],
      ] as const
    ).map(([folder, frequency]) => ffmpeg(['-f', 'lavfi', '-i', `sine=f=${frequency}:d=${PACKAGE_SECONDS}`, '-c:a', 'aac', '-b:a', '64k', '-ac', '2', '-vn', ...hlsOutput(path.join(dir, folder))])),
    writeFile(path.join(dir, 'subs-en.vtt'), vtt(SUBTITLES.en)),
    writeFile(path.join(dir, 'subs-fr.vtt'), vtt(SUBTITLES.fr)),
    writeFile(path.join(dir, 'subs-forced.vtt'), vtt(SUBTITLES.forced)),
    ...['en', 'fr', 'forced'].map((name) => writeFile(path.join(dir, `subs-${name}.m3u8`), subtitlePlaylist(`subs-${name}.vtt`))),
    writeFile(path.join(dir, 'chapters.vtt'), `WEBVTT\n\n${CHAPTERS.map((chapter) => `${clock(chapter.start)} --> ${clock(chapter.end)}\n${chapter.title}\n`).join('\n')}`),
    writeFile(
      path.join(dir, 'master.m3u8'),
      [
        '#EXTM3U',
        '#EXT-X-VERSION:7',
        '#EXT-X-INDEPENDENT-SEGMENTS',
        '#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID="audio",LANGUAGE="en",NAME="English",DEFAULT=YES,AUTOSELECT=YES,CHANNELS="2",URI="audio-en/index.m3u8"',
        '#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID="audio",LANGUAGE="fr",NAME="Français",DEFAULT=NO,AUTOSELECT=YES,CHANNELS="2",URI="audio-fr/index.m3u8"',
        '#EXT-X-MEDIA:TYPE=SUBTITLES,GROUP-ID="subs",LANGUAGE="en",NAME="English",DEFAULT=NO,AUTOSELECT=YES,FORCED=NO,URI="subs-en.m3u8"',
        '#EXT-X-MEDIA:TYPE=SUBTITLES,GROUP-ID="subs",LANGUAGE="fr",NAME="Français (automatic)",DEFAULT=NO,AUTOSELECT=YES,FORCED=NO,URI="subs-fr.m3u8"',
        '#EXT-X-MEDIA:TYPE=SUBTITLES,GROUP-ID="subs",LANGUAGE="fr",NAME="Français (forced)",DEFAULT=NO,AUTOSELECT=YES,FORCED=YES,URI="subs-forced.m3u8"',
        '#EXT-X-STREAM-INF:BANDWIDTH=400000,RESOLUTION=320x180,CODECS="avc1.42c00d,mp4a.40.2",AUDIO="audio",SUBTITLES="subs"',
        'video/index.m3u8',
        '',
      ].join('\n'),
    ),
  ]);
}
