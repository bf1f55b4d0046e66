// The multivariant playlist, written by us for both shapes: ffmpeg 5.1's adds an audio-only variant that some players
// pick and lacks AVERAGE-BANDWIDTH and FRAME-RATE; MediaConvert's names its staging files. Audio languages and
// captions are renditions (EXT-X-MEDIA) that every video variant names in AUDIO= and SUBTITLES= (RFC 8216bis 4.4.6.1,
// 4.4.6.2); a package without audio renditions has its audio muxed into the variants (packages made before 0029) or none.
import { isUhdRung } from './uhd-folder.js';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { VideoRange } from '@ott/contracts';
import type { RenditionOutput } from '../ports.js';

export const MASTER_PLAYLIST = 'master.m3u8';
export const AUDIO_GROUP = 'audio';
export const SUBTITLES_GROUP = 'subs';

export type VideoVariant = Omit<RenditionOutput, 'bytes'>;

export interface AudioRenditionEntry {
  /** From the master playlist's folder. */
  uri: string;
  /** BCP 47; `und` is left out of the playlist (LANGUAGE is optional, and `und` tells a player nothing). */
  language: string;
  name: string;
  isDefault: boolean;
  channels: number;
  codecs: string;
  /** Peak bits per second: added to every variant's BANDWIDTH, as the variant plays with it. */
  bandwidth: number;
}

export interface SubtitleRenditionEntry {
  uri: string;
  language: string;
  name: string;
  isDefault: boolean;
  forced: boolean;
  /** Captions (sounds described) carry the accessibility characteristics Apple's players look for. */
  kind: 'subtitles' | 'captions';
}

export interface MasterPlaylistMedia {
  audio?: readonly AudioRenditionEntry[];
  subtitles?: readonly SubtitleRenditionEntry[];
  /** Omitted: the playlist says nothing (players assume SDR). */
  videoRange?: VideoRange;
}

/** Highest first: players that ignore BANDWIDTH start with the first variant. */
export function renderMasterPlaylist(variants: readonly VideoVariant[], media: MasterPlaylistMedia = {}): string {
  const audio = media.audio ?? [];
  const subtitles = media.subtitles ?? [];
  const ordered = [...variants].sort((a, b) => b.width * b.height - a.width * a.height || b.bandwidth - a.bandwidth);
  const lines = ['#EXTM3U', '#EXT-X-VERSION:7', '#EXT-X-INDEPENDENT-SEGMENTS'];
  for (const track of withOneDefault(audio)) {
    lines.push(
      `#EXT-X-MEDIA:${[
        'TYPE=AUDIO',
        `GROUP-ID="${AUDIO_GROUP}"`,
        ...languageAttribute(track.language),
        `NAME="${quoted(track.name)}"`,
        `DEFAULT=${track.isDefault ? 'YES' : 'NO'}`,
        'AUTOSELECT=YES',
        `CHANNELS="${track.channels}"`,
        `URI="${track.uri}"`,
      ].join(',')}`,
    );
  }
  for (const track of subtitles) {
    lines.push(
      `#EXT-X-MEDIA:${[
        'TYPE=SUBTITLES',
        `GROUP-ID="${SUBTITLES_GROUP}"`,
        ...languageAttribute(track.language),
        `NAME="${quoted(track.name)}"`,
        `DEFAULT=${track.isDefault ? 'YES' : 'NO'}`,
        // A forced track is chosen by the player, never by the viewer's menu (RFC 8216bis: FORCED=YES needs AUTOSELECT=YES).
        `AUTOSELECT=YES`,
        `FORCED=${track.forced ? 'YES' : 'NO'}`,
        ...(track.kind === 'captions' ? ['CHARACTERISTICS="public.accessibility.transcribes-spoken-dialog,public.accessibility.describes-music-and-sound"'] : []),
        `URI="${track.uri}"`,
      ].join(',')}`,
    );
  }
  const audioPeak = Math.max(0, ...audio.map((track) => track.bandwidth));
  const audioCodecs = [...new Set(audio.map((track) => track.codecs))];
  for (const variant of ordered) {
    const codecs = [...new Set([...variant.codecs.split(','), ...audioCodecs])].join(',');
    const attributes = [
      `BANDWIDTH=${variant.bandwidth + audioPeak}`,
      `AVERAGE-BANDWIDTH=${variant.averageBandwidth + audioPeak}`,
      `RESOLUTION=${variant.width}x${variant.height}`,
      `CODECS="${codecs}"`,
      `FRAME-RATE=${variant.frameRate.toFixed(3)}`,
      ...(media.videoRange ? [`VIDEO-RANGE=${media.videoRange}`] : []),
      ...(audio.length > 0 ? [`AUDIO="${AUDIO_GROUP}"`] : []),
      ...(subtitles.length > 0 ? [`SUBTITLES="${SUBTITLES_GROUP}"`] : []),
    ];
    lines.push(`#EXT-X-STREAM-INF:${attributes.join(',')}`, variant.playlistPath);
  }
  return `${lines.join('\n')}\n`;
}

/**
 * A transcoder's own master, published with its package: the rungs up to HD. It is what plays between the package's
 * publishing and the video being ready; then package-master.ts renders the masters from the database, the full one naming
 * the rungs above HD in their folder (uhd-folder.ts). Returns the playlist's path relative to `outputDir`.
 */
export async function writeMasterPlaylist(outputDir: string, variants: readonly VideoVariant[], media: MasterPlaylistMedia = {}): Promise<string> {
  await writeFile(
    join(outputDir, MASTER_PLAYLIST),
    renderMasterPlaylist(
      variants.filter((variant) => !isUhdRung(variant.name)),
      media,
    ),
  );
  return MASTER_PLAYLIST;
}

/** Exactly one audio rendition is the default (RFC 8216bis: at most one DEFAULT=YES per group; players need one to start). */
function withOneDefault(audio: readonly AudioRenditionEntry[]): AudioRenditionEntry[] {
  const chosen = Math.max(
    0,
    audio.findIndex((track) => track.isDefault),
  );
  return audio.map((track, index) => ({ ...track, isDefault: index === chosen }));
}

function languageAttribute(language: string): string[] {
  return language && language !== 'und' ? [`LANGUAGE="${quoted(language)}"`] : [];
}

/** A quoted-string may hold neither a double quote nor a line break (RFC 8216bis 4.2). */
function quoted(value: string): string {
  return value.replace(/["\r\n]/g, "'");
}
