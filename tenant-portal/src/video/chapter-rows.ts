// The chapters editor's rows (time as typed, title) and what they say before anything is sent: a time that is not
// one, a missing title, a chapter not after the one before, a start past the end. The server checks the same rules
// and has the last word; these messages appear next to the row while the tenant types.
import { formatChapterTime, MEDIA_TRACK_LIMITS, parseChapterTime, type Chapter } from '@ott/contracts';

export interface ChapterRow {
  /** Stable across edits, for React keys. */
  key: number;
  time: string;
  title: string;
}

export type RowsCheck = { ok: true; chapters: Chapter[] } | { ok: false; problems: Map<number, string> };

export function rowsOf(chapters: readonly Chapter[], firstKey = 0): ChapterRow[] {
  return chapters.map((chapter, index) => ({ key: firstKey + index, time: formatChapterTime(chapter.startSeconds), title: chapter.title }));
}

export function checkRows(rows: readonly ChapterRow[], durationSeconds: number | null): RowsCheck {
  const problems = new Map<number, string>();
  const chapters: Chapter[] = [];
  let previous: number | undefined;
  for (const row of rows) {
    const startSeconds = parseChapterTime(row.time);
    const title = row.title.trim();
    if (startSeconds === undefined) problems.set(row.key, 'Write the start as minutes:seconds, e.g. 1:05 or 1:02:03.');
    else if (previous !== undefined && startSeconds <= previous) problems.set(row.key, `Start it after the chapter before (${formatChapterTime(previous)}).`);
    else if (durationSeconds !== null && startSeconds >= durationSeconds) problems.set(row.key, `Start it before the end of the video (${formatChapterTime(durationSeconds)}).`);
    else if (title === '') problems.set(row.key, 'Give the chapter a title.');
    else if ([...title].length > MEDIA_TRACK_LIMITS.chapterTitleCharacters) problems.set(row.key, `Shorten the title to ${MEDIA_TRACK_LIMITS.chapterTitleCharacters} characters.`);
    if (startSeconds !== undefined) previous = startSeconds;
    chapters.push({ startSeconds: startSeconds ?? 0, title });
  }
  if (rows.length > MEDIA_TRACK_LIMITS.chaptersPerVideo) problems.set(rows[rows.length - 1]?.key ?? 0, `A video can have at most ${MEDIA_TRACK_LIMITS.chaptersPerVideo} chapters.`);
  return problems.size === 0 ? { ok: true, chapters } : { ok: false, problems };
}
