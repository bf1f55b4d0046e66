// `ott videos list`: the workspace's library as a table or JSON.
import { createAdminClient, type ApiClient, type VideoStatus, type VideoSummary } from '../api-client.js';
import type { CliContext } from '../cli-context.js';
import { defineCommand, oneOf } from '../command.js';
import { formatDuration, renderTable } from '../format.js';
import { createKeyClient, listVideosWithKey } from '../key-client.js';

const STATUSES = ['uploading', 'queued', 'processing', 'ready', 'failed'] as const satisfies readonly VideoStatus[];
/** The most the API returns per page. */
const PAGE_SIZE = 200;

export interface VideoFilters {
  search?: string | undefined;
  status?: VideoStatus | undefined;
}

/** Every matching video, newest first, fetched page by page. */
export async function listVideos(ctx: CliContext, filters: VideoFilters = {}, client: ApiClient = createAdminClient(ctx)): Promise<VideoSummary[]> {
  const videos: VideoSummary[] = [];
  let cursor: string | undefined;
  do {
    const page = await client.videos.list.query({
      ...(filters.search ? { search: filters.search } : {}),
      ...(filters.status ? { status: filters.status } : {}),
      limit: PAGE_SIZE,
      ...(cursor ? { cursor } : {}),
    });
    videos.push(...page.data);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return videos;
}

export function videoTable(videos: readonly Pick<VideoSummary, 'id' | 'status' | 'progress' | 'durationSeconds' | 'title'>[]): string {
  const rows = videos.map((video) => [video.id, statusText(video), formatDuration(video.durationSeconds), video.title]);
  return renderTable(['ID', 'STATUS', 'DURATION', 'TITLE'], rows);
}

export function statusText(video: Pick<VideoSummary, 'status' | 'progress'>): string {
  return video.status === 'processing' ? `processing ${Math.floor(video.progress * 100)}%` : video.status;
}

export const videosListCommand = defineCommand({
  name: 'videos list',
  summary: 'List the videos of your workspace',
  flags: {
    json: { type: 'boolean', help: 'print the videos as a JSON array' },
    search: { type: 'string', value: '<text>', help: 'only titles containing this text' },
    status: { type: 'string', value: '<status>', help: `only videos in this state: ${STATUSES.join(', ')}` },
  },
  examples: ['ott videos list', 'ott videos list --status failed', 'ott videos list --search trailer --json | jq -r ".[].id"'],
  async run({ flags }, ctx) {
    const filters = { search: flags.search, status: oneOf(flags.status, STATUSES, '--status', 'videos list') };
    const ott = createKeyClient(ctx);
    const videos = ott ? await listVideosWithKey(ott, filters) : await listVideos(ctx, filters);
    if (flags.json) ctx.stdout.write(`${JSON.stringify(videos, null, 2)}\n`);
    else if (videos.length === 0) ctx.stdout.write(flags.search || flags.status ? 'No videos match.\n' : 'No videos yet. Upload one with: ott upload <file>\n');
    else ctx.stdout.write(videoTable(videos));
    return 0;
  },
});
