// What a video carries beyond its picture: caption and subtitle tracks, audio languages, chapters. The same shapes go
// to the portal, the REST API, the CLI and the player.

/** How the picture's brightness is coded, as the HLS master's VIDEO-RANGE says it (RFC 8216bis 4.4.6.2). */
export type VideoRange = 'SDR' | 'PQ' | 'HLG';

/** Something in the source the platform did not carry over, and why: shown on the video's page. */
export interface MediaNote {
  /** Stable, for tests and translations: `subtitles-not-converted`, `audio-not-converted`, … */
  code: string;
  message: string;
}

export type MediaTrackStatus = 'processing' | 'ready' | 'failed';

/** `captions` also describe sounds (for viewers who cannot hear); `subtitles` translate or transcribe the dialogue. */
export type TextTrackKind = 'subtitles' | 'captions';
/** uploaded by the tenant, found in the source file, or made by speech to text (marked as automatic to viewers). */
export type TextTrackOrigin = 'uploaded' | 'embedded' | 'automatic';

export interface TextTrackSummary {
  id: string;
  /** A BCP 47 tag (`en`, `fr-CA`); `und` when the source did not say. */
  language: string;
  label: string;
  kind: TextTrackKind;
  origin: TextTrackOrigin;
  isDefault: boolean;
  /** Shown even when the viewer chose no captions: for foreign-language lines in an otherwise understood film. */
  forced: boolean;
  status: MediaTrackStatus;
  failureReason: string | null;
  cueCount: number;
  updatedAt: string;
}

/** One cue as the caption editor edits it: times in seconds from the start of the video. */
export interface CaptionCue {
  startSeconds: number;
  endSeconds: number;
  text: string;
}

/** `source`: an audio track of the uploaded file; `dub`: an audio file added for a language afterwards. */
export type AudioTrackOrigin = 'source' | 'dub';

export interface AudioTrackSummary {
  id: string;
  language: string;
  name: string;
  origin: AudioTrackOrigin;
  isDefault: boolean;
  /** After normalisation (mono and multichannel sources become stereo). */
  channels: number;
  status: MediaTrackStatus;
  failureReason: string | null;
}

export interface Chapter {
  startSeconds: number;
  title: string;
}

/** Limits checked by the API and shown by the portal before it sends anything. */
export const MEDIA_TRACK_LIMITS = {
  /** A feature film's subtitles are 100–300 KB; ten times that is not a subtitle file. */
  captionFileBytes: 2 * 1024 * 1024,
  captionCues: 20_000,
  captionCueCharacters: 1_000,
  textTracksPerVideo: 50,
  audioTracksPerVideo: 16,
  chaptersPerVideo: 200,
  chapterTitleCharacters: 100,
  labelCharacters: 80,
} as const;

/** A BCP 47 language tag as the platform accepts it: a 2–3 letter language, then optional subtags (`en`, `pt-BR`, `zh-Hant`). */
export const LANGUAGE_TAG_PATTERN = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;
