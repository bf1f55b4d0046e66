// `ott clips create <video-id> --start <s> --end <s>`: a new video from a time range of a ready one.
import { parseClipTime } from '@ott/contracts';
import { createAdminClient } from '../api-client.js';
import { UsageError } from '../cli-error.js';
import { defineCommand } from '../command.js';

export const clipsCreateCommand = defineCommand({
  name: 'clips create',
  summary: 'Make a clip: a new video from a time range of a ready video',
  positionals: ['<video-id>'],
  description: ['Times are seconds from the start of the video (decimals allowed) or m:ss / h:mm:ss.'],
  flags: {
    start: { type: 'string', value: '<time>', help: 'where the clip starts' },
    end: { type: 'string', value: '<time>', help: 'where the clip ends' },
    title: { type: 'string', value: '<text>', help: "the clip's title (default: the video's, with the range)" },
    json: { type: 'boolean', help: 'print the new video as JSON' },
  },
  examples: ['ott clips create "$id" --start 12.5 --end 42', 'ott clips create "$id" --start 1:05 --end 1:35 --title "The goal"'],
  async run({ flags, positionals }, ctx) {
    const startSeconds = parseTime('--start', flags.start);
    const endSeconds = parseTime('--end', flags.end);
    const clip = await createAdminClient(ctx).clips.create.mutate({
      videoId: positionals[0] ?? '',
      startSeconds,
      endSeconds,
      ...(flags.title === undefined ? {} : { title: flags.title }),
    });
    ctx.stdout.write(flags.json ? `${JSON.stringify(clip, null, 2)}\n` : `Clip ${clip.id} ("${clip.title}") is queued; follow it with: ott videos get ${clip.id}\n`);
    return 0;
  },
});

function parseTime(flag: string, value: string | undefined): number {
  if (value === undefined) throw new UsageError(`${flag} is required (seconds, or m:ss)`, 'clips create');
  const seconds = parseClipTime(value);
  if (seconds === undefined) throw new UsageError(`${flag} must be seconds (e.g. 75.5) or m:ss / h:mm:ss (got "${value}")`, 'clips create');
  return seconds;
}
