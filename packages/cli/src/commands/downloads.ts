// `ott downloads enable|disable|links <video-id>`: static MP4 downloads of a video, and signed links to them.
import { formatBytes } from '@ott/contracts';
import { createAdminClient } from '../api-client.js';
import type { CliContext } from '../cli-context.js';
import { defineCommand } from '../command.js';
import { renderTable } from '../format.js';

type DownloadsView = Awaited<ReturnType<ReturnType<typeof createAdminClient>['downloads']['get']['query']>>;

function describeDownloads(downloads: DownloadsView): string {
  if (!downloads.enabled) return `Downloads are off for ${downloads.videoId}.\n`;
  if (downloads.status === 'failed') return `Downloads of ${downloads.videoId} could not be made: ${downloads.failureReason ?? 'unknown reason'}\n`;
  if (downloads.status !== 'ready')
    return `Downloads are on for ${downloads.videoId}; the files are being made (or will be once the video is ready). See them with: ott downloads links ${downloads.videoId}\n`;
  const files = downloads.files.map((file) => `${file.name} (${file.width}x${file.height}, ${formatBytes(file.bytes)})`).join(', ');
  return `Downloads are on for ${downloads.videoId}: ${files}.\n`;
}

function switchCommand(enabled: boolean) {
  const verb = enabled ? 'enable' : 'disable';
  return defineCommand({
    name: `downloads ${verb}`,
    summary: enabled ? 'Make static MP4 downloads of a video (the top rendition up to 1080p and the smallest)' : 'Delete the MP4 downloads of a video (their links stop working)',
    positionals: ['<video-id>'],
    flags: {
      json: { type: 'boolean', help: 'print the answer as JSON' },
    },
    examples: [`ott downloads ${verb} 0b6e3c1e-6f0a-4c1e-9d0b-3f1f7c2a9e11`],
    async run({ flags, positionals }, ctx: CliContext) {
      const downloads = await createAdminClient(ctx).downloads.setEnabled.mutate({ videoId: positionals[0] ?? '', enabled });
      ctx.stdout.write(flags.json ? `${JSON.stringify(downloads, null, 2)}\n` : describeDownloads(downloads));
      return 0;
    },
  });
}

export const downloadsEnableCommand = switchCommand(true);
export const downloadsDisableCommand = switchCommand(false);

export const downloadsLinksCommand = defineCommand({
  name: 'downloads links',
  summary: 'Signed links to the MP4 downloads of a video (short-lived: hand them out after your own checks)',
  positionals: ['<video-id>'],
  flags: {
    json: { type: 'boolean', help: 'print the links as JSON' },
  },
  examples: ['ott downloads links "$id"', `ott downloads links "$id" --json | jq -r '.files[0].url'`],
  async run({ flags, positionals }, ctx) {
    const links = await createAdminClient(ctx).downloads.links.query({ videoId: positionals[0] ?? '' });
    if (flags.json) {
      ctx.stdout.write(`${JSON.stringify(links, null, 2)}\n`);
      return 0;
    }
    const rows = links.files.map((file) => [file.name, `${file.width}x${file.height}`, formatBytes(file.bytes), file.url]);
    ctx.stdout.write(`${renderTable(['NAME', 'RESOLUTION', 'SIZE', 'URL'], rows)}Valid until ${String(links.expiresAt)}.\n`);
    return 0;
  },
});
