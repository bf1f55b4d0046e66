// `ott captions add|list|remove|transcript|generate`: a video's caption and subtitle tracks over the admin session (tRPC
// captions), as the portal's captions section manages them. The file is checked (extension, size) before it is read.
import { readFile, stat } from 'node:fs/promises';
import { extname } from 'node:path';
import { MEDIA_TRACK_LIMITS } from '@ott/contracts';
import { createAdminClient } from '../api-client.js';
import { UsageError } from '../cli-error.js';
import { defineCommand, oneOf, requireFlag } from '../command.js';
import { renderTable } from '../format.js';

const FORMATS: Record<string, 'vtt' | 'srt'> = { '.vtt': 'vtt', '.srt': 'srt' };

export const captionsAddCommand = defineCommand({
  name: 'captions add',
  summary: 'Add a WebVTT or SRT caption file to a video',
  positionals: ['<video-id>', '<file.vtt|file.srt>'],
  description: [`At most ${MEDIA_TRACK_LIMITS.captionFileBytes / 1024 / 1024} MB. A video still processing publishes the track when it is ready.`],
  flags: {
    language: { type: 'string', value: '<tag>', help: 'the language as a BCP 47 tag: en, fr, pt-BR' },
    label: { type: 'string', value: '<text>', help: 'shown in the player’s captions menu (default: the language’s name)' },
    kind: { type: 'string', value: '<kind>', help: 'subtitles (default) or captions (also describes sounds)' },
    default: { type: 'boolean', help: 'shown when the viewer has not chosen' },
  },
  examples: ['ott captions add 3f1c… film.en.srt --language en', 'ott captions add 3f1c… film.fr.vtt --language fr --label "Français" --kind captions'],
  async run({ flags, positionals }, ctx) {
    const [videoId = '', file = ''] = positionals;
    const language = requireFlag(flags.language, '--language', 'captions add');
    const kind = flags.kind === undefined ? undefined : oneOf(flags.kind, ['subtitles', 'captions'] as const, '--kind', 'captions add');
    const format = FORMATS[extname(file).toLowerCase()];
    if (!format) throw new UsageError(`${file} is not a caption file: give a .vtt (WebVTT) or .srt (SubRip) file`, 'captions add');
    const size = await stat(file).then(
      (found) => found.size,
      () => {
        throw new UsageError(`cannot read ${file}: check the path`, 'captions add');
      },
    );
    if (size > MEDIA_TRACK_LIMITS.captionFileBytes)
      throw new UsageError(`${file} is ${Math.ceil(size / 1024)} KB; a caption file can be at most ${MEDIA_TRACK_LIMITS.captionFileBytes / 1024} KB`, 'captions add');
    const track = await createAdminClient(ctx).captions.upload.mutate({
      videoId,
      content: await readFile(file, 'utf8'),
      format,
      language,
      ...(flags.label ? { label: flags.label } : {}),
      ...(kind ? { kind } : {}),
      ...(flags.default ? { isDefault: true } : {}),
    });
    ctx.stdout.write(`${track.id}\n`);
    ctx.stderr.write(`Added ${track.label} (${track.language}, ${track.kind}, ${track.cueCount} cues) to video ${videoId}.\n`);
    return 0;
  },
});

export const captionsListCommand = defineCommand({
  name: 'captions list',
  summary: 'List a video’s caption and subtitle tracks',
  positionals: ['<video-id>'],
  flags: { json: { type: 'boolean', help: 'print the tracks as a JSON array' } },
  examples: ['ott captions list 3f1c…'],
  async run({ flags, positionals }, ctx) {
    const videoId = positionals[0] ?? '';
    const tracks = await createAdminClient(ctx).captions.list.query({ videoId });
    if (flags.json) ctx.stdout.write(`${JSON.stringify(tracks, null, 2)}\n`);
    else if (tracks.length === 0) ctx.stdout.write(`No caption tracks yet. Add one with: ott captions add ${videoId} <file.vtt> --language en\n`);
    else
      ctx.stdout.write(
        renderTable(
          ['ID', 'LANGUAGE', 'KIND', 'ORIGIN', 'CUES', 'DEFAULT', 'LABEL'],
          tracks.map((track) => [track.id, track.language, track.kind, track.origin, String(track.cueCount), track.isDefault ? 'yes' : '', track.label]),
        ),
      );
    return 0;
  },
});

export const captionsRemoveCommand = defineCommand({
  name: 'captions remove',
  summary: 'Remove a caption track from a video',
  positionals: ['<video-id>', '<track-id>'],
  flags: {},
  examples: ['ott captions remove 3f1c… 9a2b…'],
  async run({ positionals }, ctx) {
    const [videoId = '', trackId = ''] = positionals;
    await createAdminClient(ctx).captions.remove.mutate({ videoId, trackId });
    ctx.stdout.write(`Removed caption track ${trackId}.\n`);
    return 0;
  },
});

export const captionsTranscriptCommand = defineCommand({
  name: 'captions transcript',
  summary: 'Print a caption track as plain text with times',
  positionals: ['<video-id>', '<track-id>'],
  flags: {},
  examples: ['ott captions transcript 3f1c… 9a2b… > transcript.txt'],
  async run({ positionals }, ctx) {
    const [videoId = '', trackId = ''] = positionals;
    const { text } = await createAdminClient(ctx).captions.transcript.query({ videoId, trackId });
    ctx.stdout.write(text);
    return 0;
  },
});

export const captionsGenerateCommand = defineCommand({
  name: 'captions generate',
  summary: 'Make automatic captions for a ready video by speech to text',
  positionals: ['<video-id>'],
  description: [
    'Runs after the video is ready and never delays it; the automatic track shows as processing until done.',
    'Asking again replaces the automatic track. Locally the engine is pocketsphinx: US English (en) only.',
  ],
  flags: { language: { type: 'string', value: '<tag>', help: 'the spoken language (default: en)' } },
  examples: ['ott captions generate 3f1c…', 'ott captions list 3f1c…   # ORIGIN automatic, then CUES once ready'],
  async run({ flags, positionals }, ctx) {
    const videoId = positionals[0] ?? '';
    const track = await createAdminClient(ctx).captions.generate.mutate({ videoId, language: flags.language ?? 'en' });
    ctx.stdout.write(`${track.id}\n`);
    ctx.stderr.write(`Automatic captions (${track.label}) are being made for video ${videoId}; see them with: ott captions list ${videoId}\n`);
    return 0;
  },
});
