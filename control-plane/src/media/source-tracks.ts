// The audio and subtitle streams of a source as the package will carry them: each audio stream becomes an audio
// rendition (language, name, default), each text subtitle stream a WebVTT track; what cannot be carried over (an audio
// codec ffmpeg cannot decode, subtitles made of pictures) becomes a MediaNote the tenant sees on the video's page.
import { MEDIA_TRACK_LIMITS, type MediaNote } from '@ott/contracts';
import type { ProbeStream } from './ffprobe-report.js';
import { languageName, languageTagFromStream } from './language-tags.js';

export interface SourceAudioTrack {
  /** Absolute stream index in the source. */
  streamIndex: number;
  codec: string;
  /** Of the source; every rendition is stereo. */
  channels: number;
  /** BCP 47, `und` when the source does not say. */
  language: string;
  name: string;
  isDefault: boolean;
}

export interface SourceSubtitleTrack {
  streamIndex: number;
  codec: string;
  language: string;
  label: string;
  kind: 'subtitles' | 'captions';
  isDefault: boolean;
  forced: boolean;
}

export interface SourceTracks {
  /** The readable audio streams, in the source's order; exactly one is the default when there are any. */
  audio: SourceAudioTrack[];
  /** Text subtitle streams, converted to WebVTT by extract-subtitles.ts. */
  subtitles: SourceSubtitleTrack[];
  notes: MediaNote[];
}

/** Subtitle codecs that are text (ffmpeg converts them to WebVTT); every other one is pictures or broadcast data. */
export const TEXT_SUBTITLE_CODECS: ReadonlySet<string> = new Set(['subrip', 'srt', 'ass', 'ssa', 'webvtt', 'mov_text', 'text']);

/** `audio_1/index.m3u8`: the folder of the audio rendition at `position` (0-based, the source's order). */
export function audioRenditionFolder(position: number): string {
  return `audio_${position + 1}`;
}

export function describeSourceTracks(streams: readonly ProbeStream[]): SourceTracks {
  const audioStreams = streams.filter((stream) => stream.codec_type === 'audio');
  const readable = audioStreams.filter(isDecodableAudio);
  // A file whose every audio track is unreadable is refused by the encoder as before; with at least one readable
  // track, the unreadable ones are said and left out.
  const carried = (readable.length > 0 ? readable : audioStreams.slice(0, 1)).slice(0, MEDIA_TRACK_LIMITS.audioTracksPerVideo);
  const defaultIndex = Math.max(
    0,
    carried.findIndex((stream) => stream.disposition?.default === 1),
  );
  const audio = carried.map((stream, position) => {
    const language = languageTagFromStream(stream.tags?.['language']);
    return {
      streamIndex: stream.index,
      codec: stream.codec_name ?? 'unknown',
      channels: stream.channels ?? 2,
      language,
      name: titleOf(stream) ?? languageName(language) ?? `Audio ${position + 1}`,
      isDefault: position === defaultIndex,
    };
  });
  const notes: MediaNote[] = audioStreams
    .filter((stream) => !carried.includes(stream))
    .map((stream) => ({
      code: 'audio-not-converted',
      message: readable.includes(stream)
        ? `The ${describeTrack(stream, 'audio')} is beyond the ${MEDIA_TRACK_LIMITS.audioTracksPerVideo} audio tracks a video can carry, so it is not in the video.`
        : `The ${describeTrack(stream, 'audio')} is in a format we cannot decode (${stream.codec_name ?? 'unknown codec'}), so it is not in the video. Export it as AAC, MP3 or PCM and add it as a dub.`,
    }));

  const subtitles: SourceSubtitleTrack[] = [];
  for (const stream of streams.filter((s) => s.codec_type === 'subtitle')) {
    const codec = stream.codec_name ?? 'unknown';
    if (!TEXT_SUBTITLE_CODECS.has(codec)) {
      notes.push({
        code: 'subtitles-not-converted',
        message: `The ${describeTrack(stream, 'subtitle')} is made of pictures or broadcast data (${codec}), not text, so it was not converted. Upload it as a WebVTT or SRT file to add it.`,
      });
      continue;
    }
    if (subtitles.length === MEDIA_TRACK_LIMITS.textTracksPerVideo) {
      notes.push({
        code: 'subtitles-not-converted',
        message: `The ${describeTrack(stream, 'subtitle')} is beyond the ${MEDIA_TRACK_LIMITS.textTracksPerVideo} caption and subtitle tracks a video can carry, so it was not converted.`,
      });
      continue;
    }
    const language = languageTagFromStream(stream.tags?.['language']);
    const title = titleOf(stream);
    subtitles.push({
      streamIndex: stream.index,
      codec,
      language,
      label: title ?? languageName(language) ?? `Subtitles ${subtitles.length + 1}`,
      kind: stream.disposition?.hearing_impaired === 1 || (title !== undefined && HEARING_IMPAIRED_TITLE.test(title)) ? 'captions' : 'subtitles',
      isDefault: stream.disposition?.default === 1,
      forced: stream.disposition?.forced === 1,
    });
  }
  return { audio, subtitles, notes };
}

/** What editors call captions in a track's title: SDH (subtitles for the deaf and hard of hearing), CC. */
const HEARING_IMPAIRED_TITLE = /\b(sdh|cc|closed captions?|hearing impaired|deaf)\b/i;

/** ffprobe reports a stream it found but cannot decode without a codec, channels or sample rate. */
function isDecodableAudio(stream: ProbeStream): boolean {
  return stream.codec_name !== undefined && stream.codec_name !== 'none' && (stream.channels ?? 0) > 0 && Number(stream.sample_rate ?? 0) > 0;
}

function titleOf(stream: ProbeStream): string | undefined {
  const title = stream.tags?.['title']?.trim();
  return title ? title : undefined;
}

/** "French audio track (stream 2)", "audio track (stream 2)" when it has no language. */
function describeTrack(stream: ProbeStream, type: string): string {
  const name = languageName(languageTagFromStream(stream.tags?.['language']));
  return `${name ? `${name} ` : ''}${type} track (stream ${stream.index})`;
}
