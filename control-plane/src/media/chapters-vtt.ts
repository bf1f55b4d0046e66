// The WebVTT chapters track players read (HTML `kind="chapters"`, the player SDK's seek-bar markers and menu): one cue
// per chapter, from its start to the next chapter's start, the last one to the end of the video.
import type { Chapter } from '@ott/contracts';

export function renderChaptersVtt(chapters: readonly Chapter[], durationSeconds: number): string {
  // A chapter past the end (the source was replaced by a shorter one) has nothing to mark.
  const shown = chapters.filter((chapter) => chapter.startSeconds < durationSeconds);
  const cues = shown.map((chapter, index) => {
    const end = shown[index + 1]?.startSeconds ?? durationSeconds;
    return `chapter-${index + 1}\n${vttTimestamp(chapter.startSeconds)} --> ${vttTimestamp(end)}\n${escapeCueText(chapter.title)}\n`;
  });
  return ['WEBVTT\n', ...cues].join('\n');
}

/** `hh:mm:ss.ttt`, as WebVTT requires (hours always written: simpler for every reader). */
export function vttTimestamp(seconds: number): string {
  const millis = Math.round(seconds * 1000);
  const hours = Math.floor(millis / 3_600_000);
  const minutes = Math.floor((millis % 3_600_000) / 60_000);
  const secs = Math.floor((millis % 60_000) / 1000);
  const pad = (value: number, size = 2) => String(value).padStart(size, '0');
  return `${pad(hours)}:${pad(minutes)}:${pad(secs)}.${pad(millis % 1000, 3)}`;
}

/** Cue text is markup: `&`, `<` and `>` are written as entities (which also keeps `-->` out of a cue). */
function escapeCueText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
