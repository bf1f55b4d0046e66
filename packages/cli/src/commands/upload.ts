// `ott upload`: send a video file (resumable, parts in parallel) and optionally wait for transcoding.
import { createAdminClient } from '../api-client.js';
import { UsageError } from '../cli-error.js';
import { defineCommand, oneOf } from '../command.js';
import { formatDuration } from '../format.js';
import { createKeyClient } from '../key-client.js';
import { DEFAULT_CONCURRENCY, uploadFile, uploadFileWithKey } from '../upload/upload-file.js';
import { followVideo, waitForVideo } from '../upload/wait-for-video.js';

const ACCESS_MODES = ['public', 'viewers', 'token'] as const;
const MAX_CONCURRENCY = 32;

export const uploadCommand = defineCommand({
  name: 'upload',
  summary: 'Upload a video file; prints the video id',
  positionals: ['<file>'],
  description: [
    'Parts are sent in parallel and retried on failure. If the upload stops, run the same command again:',
    'only the parts the server does not have yet are sent. Progress goes to stderr, the video id to stdout.',
    'With OTT_API_KEY set (a key with the upload scope, and read for --wait), it uploads over the REST API with',
    'that key instead of the admin session.',
  ],
  flags: {
    title: { type: 'string', value: '<text>', help: 'title in the library (default: the file name)' },
    access: { type: 'string', value: '<mode>', help: 'who may watch: public (default), viewers (signed-in viewers), token (playback tokens)' },
    wait: { type: 'boolean', help: 'wait for transcoding; exit 1 if it fails' },
    concurrency: { type: 'string', value: '<n>', help: `parts in flight at once (default ${DEFAULT_CONCURRENCY})` },
  },
  examples: ['ott upload launch.mp4 --title "Launch film" --wait', 'ott upload members-only.mov --access viewers', 'id=$(ott upload clip.mp4) && ott play-url "$id"'],
  async run({ flags, positionals }, ctx) {
    const accessMode = oneOf(flags.access, ACCESS_MODES, '--access', 'upload');
    const concurrency = flags.concurrency === undefined ? DEFAULT_CONCURRENCY : Number(flags.concurrency);
    if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > MAX_CONCURRENCY) {
      throw new UsageError(`--concurrency must be a whole number from 1 to ${MAX_CONCURRENCY} (got "${flags.concurrency ?? ''}")`, 'upload');
    }
    const options = { file: positionals[0] ?? '', title: flags.title, accessMode, concurrency };
    const ott = createKeyClient(ctx);
    if (ott) {
      const { videoId } = await uploadFileWithKey(ctx, options, ott);
      ctx.stdout.write(`${videoId}\n`);
      if (!flags.wait) return 0;
      const video = await followVideo(ctx, (id) => ott.videos.get(id), videoId);
      ctx.stderr.write(`Ready: ${video.renditions.map((rendition) => rendition.name).join(', ') || 'no renditions'}, ${formatDuration(video.durationSeconds)}\n`);
      return 0;
    }
    const client = createAdminClient(ctx);
    const { videoId } = await uploadFile(ctx, options, client);
    ctx.stdout.write(`${videoId}\n`);
    if (!flags.wait) {
      ctx.stderr.write(`Upload complete; transcoding is queued. Follow it with: ott videos get ${videoId}\n`);
      return 0;
    }
    const video = await waitForVideo(ctx, client, videoId);
    ctx.stderr.write(`Ready: ${video.renditions.map((rendition) => rendition.name).join(', ') || 'no renditions'}, ${formatDuration(video.durationSeconds)}\n`);
    return 0;
  },
});
