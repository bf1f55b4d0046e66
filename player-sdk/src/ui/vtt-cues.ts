// The few WebVTT files the player reads itself (storyboard tiles, chapters): cue times and text, nothing else.
export interface VttCue {
  start: number;
  end: number;
  text: string;
}

const CUE_TIMING = /^\s*((?:\d+:)?\d{1,2}:\d{2}(?:\.\d+)?)\s+-->\s+((?:\d+:)?\d{1,2}:\d{2}(?:\.\d+)?)/;

export function parseVttCues(vtt: string): VttCue[] {
  const cues: VttCue[] = [];
  const lines = vtt.split(/\r?\n/);
  for (let i = 0; i < lines.length; i += 1) {
    const timing = CUE_TIMING.exec(lines[i] ?? '');
    if (!timing?.[1] || !timing[2]) continue;
    const text: string[] = [];
    while (lines[i + 1]?.trim()) text.push((lines[(i += 1)] ?? '').trim());
    if (text.length > 0) cues.push({ start: vttSeconds(timing[1]), end: vttSeconds(timing[2]), text: text.join('\n') });
  }
  return cues;
}

/** The cue covering `time` in cues sorted by start (the last one before it when the cues leave a gap). */
export function cueAt<T extends { start: number }>(cues: readonly T[], time: number): T | undefined {
  let low = 0;
  let high = cues.length - 1;
  let found: T | undefined;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const cue = cues[middle];
    if (!cue) break;
    if (cue.start <= time) {
      found = cue;
      low = middle + 1;
    } else high = middle - 1;
  }
  return found;
}

function vttSeconds(text: string): number {
  return text.split(':').reduce((total, part) => total * 60 + Number(part), 0);
}
