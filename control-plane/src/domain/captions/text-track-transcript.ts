// A track's words as plain text with times, one cue a line (`[00:01:02] text`): for search, show notes and
// accessibility pages. Markup is dropped and entities decoded; a cue that only repeats the previous line is skipped.
import { plainText } from '../../media/caption-file.js';
import type { DomainDeps } from '../deps.js';
import { textTrackCues } from './text-track-library.js';

export async function textTrackTranscript(deps: Pick<DomainDeps, 'db'>, tenantId: string, videoId: string, trackId: string): Promise<string> {
  const { cues } = await textTrackCues(deps, tenantId, videoId, trackId);
  const lines: string[] = [];
  let previous = '';
  for (const cue of cues) {
    const text = plainText(cue.text);
    if (text === '' || text === previous) continue;
    previous = text;
    lines.push(`[${clock(cue.startSeconds)}] ${text}`);
  }
  return lines.length > 0 ? `${lines.join('\n')}\n` : '';
}

function clock(seconds: number): string {
  const whole = Math.floor(seconds);
  return [Math.floor(whole / 3600), Math.floor(whole / 60) % 60, whole % 60].map((part) => String(part).padStart(2, '0')).join(':');
}
