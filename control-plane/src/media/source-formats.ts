// Which containers an upload may be: an allow-list of ffmpeg 5.1 demuxers that read nothing but the file itself,
// and, for everything else ffmpeg recognises, a reason the uploader understands. The dangerous ones are those that
// follow what the file (or its name) says to other files or to the network (HLS and DASH playlists, concat lists,
// numbered image sequences, SDP/RTP, IMF compositions, VobSub indexes): they never open an upload.
import { UnplayableMediaError } from '../domain/videos/unplayable-media-error.js';

/**
 * What people upload video in: MP4/MOV/3GP, Matroska/WebM, AVI, MPEG-TS, MPEG-PS (VOB), MXF, FLV, ASF/WMV, Ogg, DV,
 * animated GIF and Y4M. MP3 is here only so that a song with cover art is refused as audio with its picture named.
 */
const ACCEPTED: readonly (readonly string[])[] = [
  ['mov', 'mp4', 'm4a', '3gp', '3g2', 'mj2'],
  ['matroska', 'webm'],
  ['avi'],
  ['mpegts'],
  ['mpeg'],
  ['mxf'],
  ['flv'],
  ['asf'],
  ['ogg'],
  ['dv'],
  ['gif'],
  ['yuv4mpegpipe'],
  ['mp3'],
];

/**
 * A dub (domain/videos/dub-uploads.ts) may also be a plain audio file: WAV, Wave64, FLAC, AIFF and CAF read nothing but
 * the file itself either. (MP3, M4A and Ogg are in ACCEPTED already.)
 */
const ACCEPTED_FOR_AUDIO: readonly (readonly string[])[] = [...ACCEPTED, ['wav'], ['w64'], ['flac'], ['aiff'], ['caf']];

/** ffmpeg's `-format_whitelist` value: nested demuxers inherit it, so a demuxer off the list never runs at all. */
export const ACCEPTED_FORMATS = ACCEPTED.flat().join(',');
/** The same for a dub's file. */
export const ACCEPTED_AUDIO_FORMATS = ACCEPTED_FOR_AUDIO.flat().join(',');

/** The demuxer to force for a format name ffprobe reported (`mov,mp4,m4a,…` → `mov`), or undefined when not accepted. */
export function acceptedDemuxer(formatName: string, accepted: readonly (readonly string[])[] = ACCEPTED): string | undefined {
  const names = formatName.split(',');
  return accepted.find((group) => group.some((name) => names.includes(name)))?.[0];
}

/** acceptedDemuxer for a dub's file, which may be audio only. */
export function acceptedAudioDemuxer(formatName: string): string | undefined {
  return acceptedDemuxer(formatName, ACCEPTED_FOR_AUDIO);
}

/** Demuxers that read other files or the network on the file's say-so, and how to tell the uploader. */
const FOLLOWS_REFERENCES: Record<string, string> = {
  hls: 'This file is a playlist that points at other files; upload the video itself.',
  dash: 'This file is a playlist (DASH manifest) that points at other files; upload the video itself.',
  concat: 'This file is a list that points at other files to join; upload the video itself.',
  imf: 'This file is an IMF composition that points at other files; upload a single video file exported from it instead.',
  sdp: 'This file describes a network stream (SDP), not a recorded video; upload the video file itself.',
  rtp: 'This file describes a network stream (RTP), not a recorded video; upload the video file itself.',
  rtsp: 'This file describes a network stream (RTSP), not a recorded video; upload the video file itself.',
  sap: 'This file describes a network stream (SAP), not a recorded video; upload the video file itself.',
};

const TEXT = new Set(['tty', 'bin', 'xbin', 'idf']);
const SUBTITLES = new Set([
  'srt',
  'webvtt',
  'ass',
  'microdvd',
  'subviewer',
  'subviewer1',
  'sami',
  'realtext',
  'jacosub',
  'mpl2',
  'mpsub',
  'pjs',
  'stl',
  'vplayer',
  'lrc',
  'aqtitle',
  'scc',
  'mcc',
  'vobsub',
  'sup',
  'tedcaptions',
  'dvbsub',
  'dvbtxt',
]);
const AUDIO = new Set([
  'aac',
  'ac3',
  'eac3',
  'aiff',
  'amr',
  'amrnb',
  'amrwb',
  'ape',
  'au',
  'caf',
  'dts',
  'dtshd',
  'dsf',
  'flac',
  'loas',
  'mlp',
  'truehd',
  'mpc',
  'mpc8',
  'oma',
  'spdif',
  'tak',
  'tta',
  'w64',
  'wav',
  'wv',
  'xwma',
  'voc',
  'shn',
  'ircam',
  'qcp',
  'aa',
  'aax',
  'mmf',
  'sox',
]);
/** `image2` is also what reads a numbered sequence (`frame%03d.png`) from a name; it never opens an upload either. */
const STILL_IMAGES = new Set(['image2', 'image2pipe', 'alias_pix', 'brender_pix', 'ico', 'apng']);

/** Why a file in a container off the allow-list cannot become a video, for the person who uploaded it. */
export function formatRefusal(formatName: string, options?: { cause?: unknown }): UnplayableMediaError {
  const name = formatName.split(',')[0] ?? '';
  const follows = FOLLOWS_REFERENCES[name];
  if (follows) return new UnplayableMediaError('refers-to-other-files', follows, options);
  if (TEXT.has(name)) return new UnplayableMediaError('not-media', 'The file is a text document, not a video. Upload a video file such as MP4, MOV, MKV or WebM.', options);
  if (SUBTITLES.has(name)) return new UnplayableMediaError('no-video', 'The file has no video stream (subtitles only). Upload a file that contains video.', options);
  if (AUDIO.has(name)) return new UnplayableMediaError('no-video', 'The file has no video stream (audio only). Upload a file that contains video.', options);
  if (STILL_IMAGES.has(name) || name.endsWith('_pipe')) return new UnplayableMediaError('still-image', 'The file is a still image, not a video. Upload a video file.', options);
  return new UnplayableMediaError('not-media', 'The file is not in a video format we accept. Upload MP4, MOV, MKV, WebM, AVI, MPEG-TS, MPEG-PS, MXF, FLV, WMV or Ogg video.', options);
}
