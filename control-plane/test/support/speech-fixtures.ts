// Speech for the automatic-caption tests and the caption accuracy benchmark: espeak-ng (Debian) speaks a known text,
// and ffmpeg puts the speech under a small picture, as an upload would carry it. The word error rate compares what
// speech to text heard with the text that was spoken.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { ffmpeg } from '../ffmpeg/fixtures.js';

const exec = promisify(execFile);

export interface SpeechOptions {
  /** An espeak-ng voice: `en-us` with a variant (`en-us+f2`); variants with a Klatt-style source sound less robotic. */
  voice: string;
  wordsPerMinute: number;
}

/** An MP4 (H.264 160×120 + AAC) of `text` spoken; the speech alone stays beside it as `<name>.speech.wav`. */
export async function makeSpokenClip(file: string, text: string, options: SpeechOptions): Promise<string> {
  const speech = path.join(path.dirname(file), `${path.basename(file, path.extname(file))}.speech.wav`);
  await exec('espeak-ng', ['-v', options.voice, '-s', String(options.wordsPerMinute), '-w', speech, text]);
  // Half a second of silence at each end, as around speech in a film; the picture lasts as long as the sound.
  await ffmpeg([
    '-f',
    'lavfi',
    '-i',
    'color=c=navy:s=160x120:r=10',
    '-i',
    speech,
    '-filter_complex',
    '[1:a]adelay=500:all=1,apad=pad_dur=0.5[a]',
    '-map',
    '0:v',
    '-map',
    '[a]',
    '-shortest',
    '-c:v',
    'libx264',
    '-preset',
    'ultrafast',
    '-pix_fmt',
    'yuv420p',
    '-c:a',
    'aac',
    '-ar',
    '44100',
    file,
  ]);
  return file;
}

/** Word error rate: word-level edit distance over the reference's word count, case and punctuation ignored. */
export function wordErrorRate(reference: string, hypothesis: string): number {
  const expected = words(reference);
  const heard = words(hypothesis);
  if (expected.length === 0) return heard.length === 0 ? 0 : 1;
  let previous = heard.map((_, j) => j + 1);
  previous.unshift(0);
  for (let i = 1; i <= expected.length; i++) {
    const current = [i];
    for (let j = 1; j <= heard.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (expected[i - 1] === heard[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return (previous[heard.length] ?? 0) / expected.length;
}

function words(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9' ]+/g, ' ')
    .split(' ')
    .filter((word) => word !== '');
}
