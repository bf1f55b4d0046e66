// What a MediaConvert job must select from the source beyond its picture, read from ffprobe's report of the probe copy:
// every audio track (in MediaConvert's track numbering), the captions MediaConvert can read from inside the file, the
// picture's dynamic range, and, as notes for the tenant, the subtitle tracks it cannot read.
//
// MediaConvert reads captions inside a video file only as CEA-608/708 carried in the video stream or a QuickTime/MP4
// 608 track ("Embedded"), SCTE-20, or Teletext/ancillary data in TS and MXF: UG "Supported input captions, within video
// containers" (https://docs.aws.amazon.com/mediaconvert/latest/ug/captions-support-tables-by-container-type.html),
// whose CMAF table has no row for Matroska and no text-track format (SubRip, ASS, mov_text, WebVTT) for MP4. Those
// tracks and image-based ones (PGS, DVB, VobSub) therefore become notes that say how to add them as uploads.
import { LANGUAGE_TAG_PATTERN, MEDIA_TRACK_LIMITS, type MediaNote, type VideoRange } from '@ott/contracts';
import type { ProbeReport, ProbeStream } from '../../../media/ffprobe-report.js';

export interface SourceAudioTrack {
  /**
   * 1-based among the source's audio tracks: MediaConvert's `Tracks` numbering "include[s] only tracks recognized as
   * audio" (API AudioSelector.Tracks), which is ffprobe's order of audio streams.
   */
  track: number;
  /** The source's own ISO 639-2/3 tag (`eng`, `fre`), which MediaConvert takes as CustomLanguageCode; undefined when untagged. */
  iso639: string | undefined;
  /** BCP 47 (`en`, `fr`), `und` when the source did not say. */
  language: string;
  /** Unique among the tracks: players list audio renditions by NAME (RFC 8216bis 4.4.6.1 requires it unique in its group). */
  name: string;
  channels: number;
  isDefault: boolean;
}

/** Captions MediaConvert reads from inside the source: CEA-608/708 (608 channel 1, the primary-language service). */
export interface SourceEmbeddedCaptions {
  /**
   * EMBEDDED: carried in the video stream; ANCILLARY: a QuickTime captions track (UG "QuickTime captions track or
   * captions in MXF VANC data", https://docs.aws.amazon.com/mediaconvert/latest/ug/ancillary.html).
   */
  sourceType: 'EMBEDDED' | 'ANCILLARY';
  language: string;
  name: string;
}

export interface SourceTracks {
  audio: SourceAudioTrack[];
  embeddedCaptions: SourceEmbeddedCaptions | undefined;
  /** Of the source's picture: PQ (HDR10) and HLG sources are tone-mapped to SDR. */
  range: VideoRange;
  notes: MediaNote[];
}

const TEXT_SUBTITLES: Record<string, string> = { subrip: 'SubRip', srt: 'SubRip', ass: 'ASS', ssa: 'SSA', mov_text: 'MP4 timed text', webvtt: 'WebVTT', text: 'plain text' };
const IMAGE_SUBTITLES: Record<string, string> = { hdmv_pgs_subtitle: 'PGS', dvd_subtitle: 'VobSub', dvb_subtitle: 'DVB', xsub: 'XSUB', dvb_teletext: 'Teletext' };
/** ffprobe's names of CEA-608 carried as its own track (QuickTime `c608`). */
const CEA_608_TRACKS = new Set(['eia_608']);

export function sourceTracksOf(report: ProbeReport): SourceTracks {
  const audioStreams = report.streams.filter((stream) => stream.codec_type === 'audio');
  const defaultIndex = Math.max(
    0,
    audioStreams.findIndex((stream) => stream.disposition?.default === 1),
  );
  const names = new UniqueNames();
  const audio = audioStreams.map((stream, index): SourceAudioTrack => {
    const language = languageOf(stream);
    return {
      track: index + 1,
      iso639: iso639Of(stream),
      language,
      name: names.take(labelOf(stream, language) ?? `Audio ${index + 1}`),
      channels: Math.max(1, stream.channels ?? 2),
      isDefault: index === defaultIndex,
    };
  });

  const video = report.streams.find((stream) => stream.codec_type === 'video' && stream.disposition?.attached_pic !== 1);
  const caption608 = report.streams.find((stream) => stream.codec_type === 'subtitle' && CEA_608_TRACKS.has(stream.codec_name ?? ''));
  const hasEmbedded = video?.closed_captions === 1 || caption608 !== undefined;
  const embeddedLanguage = caption608 ? languageOf(caption608) : 'und';
  const embeddedCaptions: SourceEmbeddedCaptions | undefined = hasEmbedded
    ? { sourceType: caption608 ? 'ANCILLARY' : 'EMBEDDED', language: embeddedLanguage, name: (caption608 && labelOf(caption608, embeddedLanguage)) ?? 'Captions' }
    : undefined;

  const notes = report.streams.flatMap((stream, index) => {
    if (stream.codec_type !== 'subtitle' || CEA_608_TRACKS.has(stream.codec_name ?? '')) return [];
    return [subtitleNote(stream, index)];
  });
  return { audio, embeddedCaptions, range: rangeOf(video), notes };
}

function subtitleNote(stream: ProbeStream, index: number): MediaNote {
  const language = languageOf(stream);
  const what = labelOf(stream, language) ?? `track ${index + 1}`;
  const codec = stream.codec_name ?? 'unknown';
  const image = IMAGE_SUBTITLES[codec];
  if (image) {
    return {
      code: 'subtitles-not-converted',
      message: `The subtitle track "${what}" is made of pictures (${image}), which are not converted to text. Upload it as an SRT or WebVTT file to offer it.`,
    };
  }
  return {
    code: 'subtitles-not-converted',
    message: `The subtitle track "${what}" (${TEXT_SUBTITLES[codec] ?? codec}) was not converted: MediaConvert reads only captions carried in the video stream (CEA-608/708). Upload it as an SRT or WebVTT file to offer it.`,
  };
}

function rangeOf(video: ProbeStream | undefined): VideoRange {
  if (video?.color_transfer === 'smpte2084') return 'PQ';
  if (video?.color_transfer === 'arib-std-b67') return 'HLG';
  return 'SDR';
}

/** MediaConvert's CustomLanguageCode takes a three-letter ISO 639-2/3 code (API: pattern ^[A-Za-z]{3}$). */
function iso639Of(stream: ProbeStream): string | undefined {
  const tag = stream.tags?.['language']?.trim().toLowerCase();
  return tag && /^[a-z]{3}$/.test(tag) && tag !== 'und' ? tag : undefined;
}

/** Matroska and MP4 tag ISO 639-2 (`eng`, `fre`); the canonical BCP 47 form is the two-letter code where one exists. */
export function languageOf(stream: ProbeStream): string {
  const tag = stream.tags?.['language']?.trim();
  if (!tag) return 'und';
  try {
    const [canonical] = Intl.getCanonicalLocales(tag);
    return canonical && LANGUAGE_TAG_PATTERN.test(canonical) ? canonical : 'und';
  } catch {
    return 'und';
  }
}

/** The track's title, or its language's English name; undefined when it has neither. */
function labelOf(stream: ProbeStream, language: string): string | undefined {
  const title = stream.tags?.['title']?.trim();
  if (title) return title.slice(0, MEDIA_TRACK_LIMITS.labelCharacters);
  if (language === 'und') return undefined;
  return new Intl.DisplayNames(['en'], { type: 'language', fallback: 'none' }).of(language);
}

class UniqueNames {
  private readonly seen = new Map<string, number>();

  take(name: string): string {
    const count = (this.seen.get(name) ?? 0) + 1;
    this.seen.set(name, count);
    return count === 1 ? name : `${name} (${count})`;
  }
}
