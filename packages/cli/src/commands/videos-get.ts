// `ott videos get`: one video with its renditions.
import { formatBytes } from '@ott/contracts';
import { createAdminClient, type ApiClient, type VideoDetails } from '../api-client.js';
import type { CliContext } from '../cli-context.js';
import { defineCommand } from '../command.js';
import { formatDuration, renderFields, renderTable } from '../format.js';
import { statusText } from './videos-list.js';

export async function getVideo(ctx: CliContext, videoId: string, client: ApiClient = createAdminClient(ctx)): Promise<VideoDetails> {
  return client.videos.get.query({ videoId });
}

export function describeVideo(video: VideoDetails): string {
  const fields: [string, string | null][] = [
    ['id', video.id],
    ['title', video.title],
    ['status', statusText(video)],
    ['failure', video.failureReason],
    ['access', video.accessMode],
    ['source', `${video.sourceFilename} (${formatBytes(video.sourceSize)})`],
    ['duration', formatDuration(video.durationSeconds)],
    ['size', video.width && video.height ? `${video.width}x${video.height}` : null],
    ['created', video.createdAt],
    ['ready', video.readyAt],
  ];
  const lines = renderFields(fields.filter((field): field is [string, string] => field[1] !== null));
  if (video.renditions.length === 0) return `${lines}\nrenditions: none yet\n`;
  const renditions = video.renditions.map((rendition) => [
    rendition.name,
    `${rendition.width}x${rendition.height}`,
    String(Math.round(rendition.frameRate * 100) / 100),
    `${(rendition.bandwidth / 1e6).toFixed(2)} Mbit/s`,
    formatBytes(rendition.bytes),
    rendition.codecs,
  ]);
  return `${lines}\n${renderTable(['RENDITION', 'RESOLUTION', 'FPS', 'BANDWIDTH', 'SIZE', 'CODECS'], renditions)}`;
}

export const videosGetCommand = defineCommand({
  name: 'videos get',
  summary: 'Show one video and its renditions',
  positionals: ['<video-id>'],
  flags: {
    json: { type: 'boolean', help: 'print the video as JSON, as the API returns it' },
  },
  examples: ['ott videos get 0b6e3c1e-6f0a-4c1e-9d0b-3f1f7c2a9e11', 'ott videos get "$id" --json | jq .renditions'],
  async run({ flags, positionals }, ctx) {
    const video = await getVideo(ctx, positionals[0] ?? '');
    ctx.stdout.write(flags.json ? `${JSON.stringify(video, null, 2)}\n` : describeVideo(video));
    return 0;
  },
});
