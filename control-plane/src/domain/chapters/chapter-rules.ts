// What a video's chapters must be before they are kept: few enough, titled, in order, and inside the video. Each
// refusal names the chapter (by its number and title, as the tenant wrote it) and says what to change.
import { formatChapterTime, MEDIA_TRACK_LIMITS, type Chapter } from '@ott/contracts';
import { invalid } from '../errors.js';

const CONTROL_CHARACTERS = /\p{Cc}/u;

/** The chapters as kept: titles trimmed, starts rounded to the millisecond; throws an `invalid` DomainError otherwise. */
export function checkedChapters(chapters: readonly Chapter[], durationSeconds: number | null): Chapter[] {
  if (chapters.length > MEDIA_TRACK_LIMITS.chaptersPerVideo) {
    throw invalid(`A video can have at most ${MEDIA_TRACK_LIMITS.chaptersPerVideo} chapters; this list has ${chapters.length}. Merge some chapters.`);
  }
  const checked: Chapter[] = [];
  chapters.forEach((chapter, index) => {
    const title = chapter.title.trim();
    const named = `Chapter ${index + 1}${title === '' ? '' : ` ("${title.slice(0, 40)}")`}`;
    if (title === '') throw invalid(`Chapter ${index + 1} has no title. Give every chapter a title.`);
    if ([...title].length > MEDIA_TRACK_LIMITS.chapterTitleCharacters) {
      throw invalid(`${named} has a title of ${[...title].length} characters; the limit is ${MEDIA_TRACK_LIMITS.chapterTitleCharacters}. Shorten it.`);
    }
    if (CONTROL_CHARACTERS.test(title)) throw invalid(`${named} has a line break or another control character in its title. Keep the title on one line.`);
    if (!Number.isFinite(chapter.startSeconds) || chapter.startSeconds < 0) throw invalid(`${named} starts at ${chapter.startSeconds}: a start is a time of 0 seconds or more.`);
    const startSeconds = Math.round(chapter.startSeconds * 1000) / 1000;
    if (durationSeconds !== null && startSeconds >= durationSeconds) {
      throw invalid(`${named} starts at ${formatChapterTime(startSeconds)}, after the end of the video (${formatChapterTime(durationSeconds)}). Start it earlier.`);
    }
    const previous = checked[checked.length - 1];
    if (previous && startSeconds <= previous.startSeconds) {
      throw invalid(
        `${named} starts at ${formatChapterTime(startSeconds)}, ${startSeconds === previous.startSeconds ? 'the same time as' : 'before'} chapter ${index} (${formatChapterTime(previous.startSeconds)}). List chapters in order, each starting after the one before.`,
      );
    }
    checked.push({ startSeconds, title });
  });
  return checked;
}
