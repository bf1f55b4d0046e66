// `ott chapters set|get`: a video's chapters from and to text, one chapter a line (`00:00 Intro`); `set` also reads a
// YouTube-style description, skipping its other lines. The server checks order, titles and the video's length.
import { readFile } from 'node:fs/promises';
import { formatChapterTime, MEDIA_TRACK_LIMITS, parseChapterList } from '@ott/contracts';
import { createAdminClient } from '../api-client.js';
import { CliError } from '../cli-error.js';
import { defineCommand } from '../command.js';

const POSITIONALS = ['<video-id>'];
/** A chapter list is a few KB; a file much bigger than the limit allows is not one. */
const MAX_FILE_BYTES = MEDIA_TRACK_LIMITS.chaptersPerVideo * (MEDIA_TRACK_LIMITS.chapterTitleCharacters * 4 + 32);

export const chaptersSetCommand = defineCommand({
  name: 'chapters set',
  summary: 'Replace a video’s chapters with those in a text file',
  positionals: [...POSITIONALS, '<file>'],
  description: ['One chapter a line, its time first: "00:00 Intro", "1:02:03 - Q&A", "[12:30] Outro".', 'A YouTube description works as it is: lines without a time are skipped.'],
  flags: {},
  examples: ['ott chapters set "$id" chapters.txt', 'ott chapters set "$id" description.txt'],
  async run({ positionals }, ctx) {
    const [videoId = '', file = ''] = positionals;
    const parsed = parseChapterList(await readChapterFile(file));
    if (!parsed.ok) throw new CliError(`${file}: ${parsed.message}`);
    const kept = await createAdminClient(ctx).chapters.set.mutate({ videoId, chapters: parsed.chapters });
    ctx.stdout.write(`Set ${kept.length} chapter${kept.length === 1 ? '' : 's'} on ${videoId}:\n${chapterLines(kept)}`);
    return 0;
  },
});

export const chaptersClearCommand = defineCommand({
  name: 'chapters clear',
  summary: 'Remove every chapter of a video',
  positionals: POSITIONALS,
  flags: {},
  examples: ['ott chapters clear "$id"'],
  async run({ positionals }, ctx) {
    const videoId = positionals[0] ?? '';
    await createAdminClient(ctx).chapters.set.mutate({ videoId, chapters: [] });
    ctx.stdout.write(`Removed the chapters of ${videoId}.\n`);
    return 0;
  },
});

export const chaptersGetCommand = defineCommand({
  name: 'chapters get',
  summary: 'Print a video’s chapters, one a line (what chapters set reads)',
  positionals: POSITIONALS,
  flags: { json: { type: 'boolean', help: 'print them as a JSON array' } },
  examples: ['ott chapters get "$id" > chapters.txt'],
  async run({ flags, positionals }, ctx) {
    const chapters = await createAdminClient(ctx).chapters.get.query({ videoId: positionals[0] ?? '' });
    ctx.stdout.write(flags.json ? `${JSON.stringify(chapters, null, 2)}\n` : chapterLines(chapters));
    return 0;
  },
});

function chapterLines(chapters: readonly { startSeconds: number; title: string }[]): string {
  return chapters.map((chapter) => `${formatChapterTime(chapter.startSeconds)} ${chapter.title}\n`).join('');
}

async function readChapterFile(file: string): Promise<string> {
  const bytes = await readFile(file).catch((error: NodeJS.ErrnoException) => {
    throw new CliError(`cannot read ${file}: ${error.code === 'ENOENT' ? 'no such file' : error.message}`);
  });
  if (bytes.length > MAX_FILE_BYTES) throw new CliError(`${file} has ${bytes.length} bytes: too big for a chapter list (at most ${MAX_FILE_BYTES}).`);
  return bytes.toString('utf8');
}
