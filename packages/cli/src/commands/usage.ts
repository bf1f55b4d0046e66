// `ott usage`: library totals until metering lands; billed usage (transcode minutes, egress, storage) comes with it.
import { createAdminClient, type ApiClient } from '../api-client.js';
import type { CliContext } from '../cli-context.js';
import { defineCommand } from '../command.js';
import { formatBytes, renderFields } from '../format.js';
import { listVideos } from './videos-list.js';

export interface UsageSummary {
  videos: number;
  sourceBytes: number;
  readyDurationMinutes: number;
}

export async function usageSummary(ctx: CliContext, client: ApiClient = createAdminClient(ctx)): Promise<UsageSummary> {
  const videos = await listVideos(ctx, {}, client);
  const readySeconds = videos.filter((video) => video.status === 'ready').reduce((sum, video) => sum + (video.durationSeconds ?? 0), 0);
  return {
    videos: videos.length,
    sourceBytes: videos.reduce((sum, video) => sum + video.sourceSize, 0),
    readyDurationMinutes: Math.round((readySeconds / 60) * 100) / 100,
  };
}

export const usageCommand = defineCommand({
  name: 'usage',
  summary: "Show your library's size (billing usage comes with metering)",
  flags: {
    json: { type: 'boolean', help: 'print {videos, sourceBytes, readyDurationMinutes} as JSON' },
  },
  examples: ['ott usage', 'ott usage --json'],
  async run({ flags }, ctx) {
    const usage = await usageSummary(ctx);
    if (flags.json) {
      ctx.stdout.write(`${JSON.stringify(usage)}\n`);
      return 0;
    }
    const fields = [
      ['videos', String(usage.videos)],
      ['source bytes', `${usage.sourceBytes} (${formatBytes(usage.sourceBytes)})`],
      ['ready duration minutes', String(usage.readyDurationMinutes)],
    ] as const;
    ctx.stdout.write(`${renderFields(fields)}\nBilling usage (transcode minutes, delivery egress, storage) comes with metering.\n`);
    return 0;
  },
});
