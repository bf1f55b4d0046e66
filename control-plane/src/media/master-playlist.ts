// The multivariant playlist, written by us: ffmpeg 5.1's adds an audio-only variant that some
// players pick, and lacks AVERAGE-BANDWIDTH and FRAME-RATE.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { RenditionOutput } from '../ports.js';

export const MASTER_PLAYLIST = 'master.m3u8';

/** Highest first: players that ignore BANDWIDTH start with the first variant. */
export function renderMasterPlaylist(renditions: readonly Omit<RenditionOutput, 'bytes'>[]): string {
  const ordered = [...renditions].sort((a, b) => b.width * b.height - a.width * a.height || b.bandwidth - a.bandwidth);
  const lines = ['#EXTM3U', '#EXT-X-VERSION:7', '#EXT-X-INDEPENDENT-SEGMENTS'];
  for (const r of ordered) {
    const attributes = [`BANDWIDTH=${r.bandwidth}`, `AVERAGE-BANDWIDTH=${r.averageBandwidth}`, `RESOLUTION=${r.width}x${r.height}`, `CODECS="${r.codecs}"`, `FRAME-RATE=${r.frameRate.toFixed(3)}`];
    lines.push(`#EXT-X-STREAM-INF:${attributes.join(',')}`, r.playlistPath);
  }
  return `${lines.join('\n')}\n`;
}

/** Returns the playlist's path relative to `outputDir`. */
export async function writeMasterPlaylist(outputDir: string, renditions: readonly RenditionOutput[]): Promise<string> {
  await writeFile(join(outputDir, MASTER_PLAYLIST), renderMasterPlaylist(renditions));
  return MASTER_PLAYLIST;
}
