// Chapters written as text, the way people write them in a file or a YouTube description: one chapter a line, its
// start time at the start (`00:00 Intro`, `1:02:03 - Q&A`, `[12:30] Outro`) or at the end (`Intro - 0:00`) of the
// line. Other prose lines of a description are skipped; a line that starts like a time but is not one is refused,
// naming it, rather than silently dropped. The CLI (`ott chapters set`) and the portal's paste box read the same way.
import type { Chapter } from './media-tracks.js';

export type ChapterListParse = { ok: true; chapters: Chapter[] } | { ok: false; message: string };

const TIME = String.raw`(?:(\d{1,3}):)?(\d{1,3}):(\d{2})(?:[.,](\d{1,3}))?`;
const SEPARATOR = String.raw`\s*(?:[-–—:|]\s*)?`;
const AT_START = new RegExp(String.raw`^[([]?${TIME}[)\]]?${SEPARATOR}(.*)$`);
const AT_END = new RegExp(String.raw`^(.*?)${SEPARATOR}[([]?${TIME}[)\]]?$`);
const LOOKS_LIKE_TIME = /^[([]?\d+:/;
const TIME_ONLY = new RegExp(`^${TIME}$`);

/** `1:05`, `01:02:03.5` → seconds; undefined when the text is not such a time (the portal's time fields). */
export function parseChapterTime(text: string): number | undefined {
  const match = TIME_ONLY.exec(text.trim());
  return match ? secondsOf(match.slice(1, 5)) : undefined;
}

/** From the four groups of TIME; undefined for an impossible time (a minute or second of 60 or more). */
function secondsOf([hours, minutes, seconds, fraction]: (string | undefined)[]): number | undefined {
  if (Number(seconds) >= 60 || (hours !== undefined && Number(minutes) >= 60)) return undefined;
  return Number(hours ?? 0) * 3600 + Number(minutes) * 60 + Number(seconds) + (fraction === undefined ? 0 : Number(`0.${fraction}`));
}

export function parseChapterList(text: string): ChapterListParse {
  const chapters: Chapter[] = [];
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  for (const [index, raw] of lines.entries()) {
    const line = raw.trim();
    if (line === '') continue;
    const lineNumber = index + 1;
    const start = AT_START.exec(line);
    const end = start ? undefined : AT_END.exec(line);
    const match = start ? { time: start.slice(1, 5), title: start[5] ?? '' } : end ? { time: end.slice(2, 6), title: end[1] ?? '' } : undefined;
    if (!match) {
      if (LOOKS_LIKE_TIME.test(line)) return { ok: false, message: `Line ${lineNumber} ("${line.slice(0, 60)}") does not start with a time like 1:05 or 01:02:03.` };
      continue;
    }
    const startSeconds = secondsOf(match.time);
    if (startSeconds === undefined) {
      return { ok: false, message: `Line ${lineNumber} ("${line.slice(0, 60)}") has an impossible time: minutes and seconds go up to 59.` };
    }
    const title = match.title.trim();
    if (title === '') return { ok: false, message: `Line ${lineNumber} ("${line.slice(0, 60)}") has a time but no title.` };
    chapters.push({ startSeconds, title });
  }
  if (chapters.length === 0) return { ok: false, message: 'No chapters found: write one chapter a line, starting with its time, for example "00:00 Intro".' };
  return { ok: true, chapters };
}

/** `1:02:03.5` / `2:03`: how people write a time in a chapter list, and what parseChapterList reads back. */
export function formatChapterTime(seconds: number): string {
  const millis = Math.round(seconds * 1000);
  const whole = Math.floor(millis / 1000);
  const fraction = millis % 1000;
  const hours = Math.floor(whole / 3600);
  const minutes = Math.floor((whole % 3600) / 60);
  const secs = String(whole % 60).padStart(2, '0');
  const base = hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${secs}` : `${minutes}:${secs}`;
  return fraction === 0 ? base : `${base}.${String(fraction).padStart(3, '0').replace(/0+$/, '')}`;
}
