// The multivariant playlist for MediaConvert's CMAF outputs: audio is its own rendition (EXT-X-MEDIA) that
// every video variant references, unlike the local shape where audio is muxed into each variant.
import type { RenditionOutput } from '../../../ports.js';

export const AUDIO_PLAYLIST = 'audio/index.m3u8';

export function renderCmafMasterPlaylist(renditions: readonly RenditionOutput[], audio: { bandwidth: number } | undefined): string {
  const ordered = [...renditions].sort((a, b) => b.width * b.height - a.width * a.height);
  const lines = ['#EXTM3U', '#EXT-X-VERSION:7', '#EXT-X-INDEPENDENT-SEGMENTS'];
  if (audio) lines.push(`#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID="audio",NAME="Audio",DEFAULT=YES,AUTOSELECT=YES,URI="${AUDIO_PLAYLIST}"`);
  for (const r of ordered) {
    const attributes = [
      `BANDWIDTH=${r.bandwidth + (audio?.bandwidth ?? 0)}`,
      `AVERAGE-BANDWIDTH=${r.averageBandwidth + (audio?.bandwidth ?? 0)}`,
      `RESOLUTION=${r.width}x${r.height}`,
      `CODECS="${r.codecs}"`,
      `FRAME-RATE=${r.frameRate.toFixed(3)}`,
      ...(audio ? ['AUDIO="audio"'] : []),
    ];
    lines.push(`#EXT-X-STREAM-INF:${attributes.join(',')}`, r.playlistPath);
  }
  return `${lines.join('\n')}\n`;
}
