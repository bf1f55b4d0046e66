// `--wait` after an upload: follow transcoding until the video is ready, or report why it failed.
import type { ApiClient, VideoDetails } from '../api-client.js';
import type { CliContext } from '../cli-context.js';
import { CliError } from '../cli-error.js';
import { createProgressBar } from './progress-bar.js';

const POLL_MS = 2_000;

export async function waitForVideo(ctx: CliContext, client: ApiClient, videoId: string, pollMs = POLL_MS): Promise<VideoDetails> {
  return followVideo(ctx, (id) => client.videos.get.query({ videoId: id }), videoId, pollMs);
}

/** The same wait over any way of reading the video: the admin session (tRPC) or an API key (REST). */
export async function followVideo<V extends { status: string; progress: number; failureReason: string | null }>(
  ctx: CliContext,
  getVideo: (videoId: string) => Promise<V>,
  videoId: string,
  pollMs = POLL_MS,
): Promise<V> {
  const bar = createProgressBar(ctx.stderr, 'transcode', () => ctx.clock.now());
  let lastStatus: string | undefined;
  for (;;) {
    const video = await getVideo(videoId);
    if (video.status === 'ready') {
      bar.finish('ready');
      return video;
    }
    if (video.status === 'failed') {
      bar.interrupt();
      throw new CliError(`transcoding failed: ${video.failureReason ?? 'the server gave no reason'}`);
    }
    bar.update(video.progress, video.status, video.status !== lastStatus);
    lastStatus = video.status;
    await ctx.clock.sleep(pollMs);
  }
}
