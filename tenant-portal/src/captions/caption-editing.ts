// What the captions section checks before it sends anything: the file (extension and size), and the caption editor's
// rows (times typed as text, a cue that ends before it starts, empty text). The server checks again; this is so the
// tenant hears about a mistake at once, next to the row.
import { MEDIA_TRACK_LIMITS, type CaptionCue } from '@ott/contracts';

export const CAPTION_FILE_EXTENSIONS = ['.vtt', '.srt'] as const;

/** A cue as the editor's row holds it: times as typed. */
export interface CueRow {
  start: string;
  end: string;
  text: string;
}

/** Why the file cannot be sent, or undefined when it can. */
export function captionFileProblem(file: { name: string; size: number }): string | undefined {
  const name = file.name.toLowerCase();
  if (!CAPTION_FILE_EXTENSIONS.some((extension) => name.endsWith(extension))) return `${file.name} is not a caption file: choose a .vtt (WebVTT) or .srt (SubRip) file.`;
  if (file.size > MEDIA_TRACK_LIMITS.captionFileBytes) {
    return `${file.name} is ${Math.ceil(file.size / 1024)} KB; a caption file can be at most ${MEDIA_TRACK_LIMITS.captionFileBytes / 1024} KB.`;
  }
  return undefined;
}

/** `1:02.5` for 62.5 seconds; hours only when there are some (`1:00:00.000`). */
export function formatCueTime(seconds: number): string {
  const millis = Math.round(seconds * 1000);
  const hours = Math.floor(millis / 3_600_000);
  const minutes = Math.floor(millis / 60_000) % 60;
  const rest = ((millis % 60_000) / 1000).toFixed(3).padStart(6, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${rest}` : `${minutes}:${rest}`;
}

/** Seconds from `h:mm:ss.mmm`, `m:ss.mmm` or plain seconds (`12.5`); comma or dot; undefined when it is not a time. */
export function parseCueTime(text: string): number | undefined {
  const match = /^(?:(?:(\d{1,3}):)?(\d{1,2}):)?(\d{1,6})(?:[.,](\d{1,3}))?$/.exec(text.trim());
  if (!match) return undefined;
  const [, hours, minutes, seconds, fraction] = match;
  if (minutes !== undefined && Number(seconds) > 59) return undefined;
  return Number(hours ?? 0) * 3600 + Number(minutes ?? 0) * 60 + Number(seconds) + Number((fraction ?? '0').padEnd(3, '0')) / 1000;
}

export function toRows(cues: readonly CaptionCue[]): CueRow[] {
  return cues.map((cue) => ({ start: formatCueTime(cue.startSeconds), end: formatCueTime(cue.endSeconds), text: cue.text }));
}

/** The cues to save, or the problem of each row that has one (by index), for messages next to the rows. */
export function rowsToCues(rows: readonly CueRow[]): { cues: CaptionCue[] } | { problems: Map<number, string> } {
  const problems = new Map<number, string>();
  const cues: CaptionCue[] = [];
  if (rows.length > MEDIA_TRACK_LIMITS.captionCues) problems.set(rows.length - 1, `A track can have at most ${MEDIA_TRACK_LIMITS.captionCues} cues.`);
  rows.forEach((row, index) => {
    const start = parseCueTime(row.start);
    const end = parseCueTime(row.end);
    const text = row.text.trim();
    if (start === undefined) problems.set(index, `"${row.start}" is not a time: write it like 1:02.500.`);
    else if (end === undefined) problems.set(index, `"${row.end}" is not a time: write it like 1:04.000.`);
    else if (end <= start) problems.set(index, `The end ${row.end} is not after the start ${row.start}.`);
    else if (text === '') problems.set(index, 'Write the text, or remove the cue.');
    else if (text.length > MEDIA_TRACK_LIMITS.captionCueCharacters) problems.set(index, `The text has ${text.length} characters; at most ${MEDIA_TRACK_LIMITS.captionCueCharacters}.`);
    else cues.push({ startSeconds: start, endSeconds: end, text });
  });
  return problems.size > 0 ? { problems } : { cues };
}

/** A new row after `rows`' last cue: two seconds long, starting where the last one ends. */
export function nextRow(rows: readonly CueRow[]): CueRow {
  const last = rows.at(-1);
  const start = (last && parseCueTime(last.end)) ?? 0;
  return { start: formatCueTime(start), end: formatCueTime(start + 2), text: '' };
}
