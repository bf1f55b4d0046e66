// `ott dubs add|list|remove`: a video's dubs (audio files added for a language) over the admin session (tRPC
// audioTracks). The file is sent in parts like a video's (`ott upload`), then encoded; the player's audio menu lists it.
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { formatBytes } from '@ott/contracts';
import { putFilePart } from '@ott/node-sdk';
import { PartUrlPool, sendParts } from '@ott/upload-client';
import { createAdminClient } from '../api-client.js';
import { CliError, UsageError } from '../cli-error.js';
import { defineCommand, requireFlag } from '../command.js';
import { renderTable } from '../format.js';
import { describeError } from '../report-error.js';
import { DEFAULT_CONCURRENCY } from '../upload/upload-file.js';

export const dubsAddCommand = defineCommand({
  name: 'dubs add',
  summary: 'Add a dub (an audio file for a language) to a ready video; prints the track id',
  positionals: ['<video-id>', '<file>'],
  description: ['WAV, FLAC, MP3, M4A, Ogg, or a video whose sound is the dub. A dub longer than the video is cut to it.'],
  flags: {
    language: { type: 'string', value: '<tag>', help: 'the language as a BCP 47 tag: fr, es, pt-BR' },
    name: { type: 'string', value: '<text>', help: 'shown in the player’s audio menu (default: the language tag)' },
  },
  examples: ['ott dubs add 3f1c… film.fr.wav --language fr --name "Français"'],
  async run({ flags, positionals }, ctx) {
    const [videoId = '', file = ''] = positionals;
    const language = requireFlag(flags.language, '--language', 'dubs add');
    const size = await stat(file).then(
      (found) => found.size,
      () => {
        throw new UsageError(`cannot read ${file}: check the path`, 'dubs add');
      },
    );
    const client = createAdminClient(ctx);
    const ticket = await client.audioTracks.addDub.mutate({ videoId, filename: path.basename(file), size, language, ...(flags.name ? { name: flags.name } : {}) });
    ctx.stderr.write(`Uploading ${path.basename(file)} (${formatBytes(size)}) as dub ${ticket.trackId}\n`);
    const plan = { size, partSize: ticket.partSize, partCount: ticket.partCount };
    const urls = new PartUrlPool(
      ticket,
      (partNumbers) => client.audioTracks.dubPartUrls.mutate({ videoId, trackId: ticket.trackId, partNumbers }),
      () => ctx.clock.now(),
    );
    try {
      await sendParts({
        plan,
        partNumbers: ticket.parts.map((part) => part.partNumber),
        urls,
        put: putFilePart(file, ctx.fetch),
        concurrency: DEFAULT_CONCURRENCY,
        sleep: (ms) => ctx.clock.sleep(ms),
      });
    } catch (error) {
      throw new CliError(`${describeError(error, ctx.api).message}; remove the dub (ott dubs remove ${videoId} ${ticket.trackId}) and add it again`);
    }
    await client.audioTracks.completeDub.mutate({ videoId, trackId: ticket.trackId });
    ctx.stdout.write(`${ticket.trackId}\n`);
    ctx.stderr.write(`Uploaded; the dub is being encoded. Follow it with: ott dubs list ${videoId}\n`);
    return 0;
  },
});

export const dubsListCommand = defineCommand({
  name: 'dubs list',
  summary: 'List a video’s audio tracks: the source’s, then its dubs',
  positionals: ['<video-id>'],
  flags: { json: { type: 'boolean', help: 'print the tracks as a JSON array' } },
  examples: ['ott dubs list 3f1c…'],
  async run({ flags, positionals }, ctx) {
    const videoId = positionals[0] ?? '';
    const tracks = await createAdminClient(ctx).audioTracks.list.query({ videoId });
    if (flags.json) ctx.stdout.write(`${JSON.stringify(tracks, null, 2)}\n`);
    else if (tracks.length === 0) ctx.stdout.write(`No audio tracks. Add a dub with: ott dubs add ${videoId} <file> --language fr\n`);
    else
      ctx.stdout.write(
        renderTable(
          ['ID', 'LANGUAGE', 'ORIGIN', 'STATUS', 'DEFAULT', 'NAME'],
          tracks.map((track) => [track.id, track.language, track.origin, track.failureReason ? `failed: ${track.failureReason}` : track.status, track.isDefault ? 'yes' : '', track.name]),
        ),
      );
    return 0;
  },
});

export const dubsRemoveCommand = defineCommand({
  name: 'dubs remove',
  summary: 'Remove a dub from a video (out of its playlist, its files deleted)',
  positionals: ['<video-id>', '<track-id>'],
  flags: {},
  examples: ['ott dubs remove 3f1c… 9a2b…'],
  async run({ positionals }, ctx) {
    const [videoId = '', trackId = ''] = positionals;
    await createAdminClient(ctx).audioTracks.removeDub.mutate({ videoId, trackId });
    ctx.stdout.write(`Removed dub ${trackId}.\n`);
    return 0;
  },
});
