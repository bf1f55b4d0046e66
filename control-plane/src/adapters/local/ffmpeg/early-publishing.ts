// Early publishing: while the ladder encodes, each rung's (and each audio rendition's) finished segments are
// published with a growing (EVENT) playlist that lists only them and, once every one has its first (one-second,
// fast-start-segments.ts) segment, a provisional master playlist. The video then plays from the start about a second
// of encoding after ffmpeg starts; the final package (VOD playlists, measured master) replaces these files, under the
// same names, when encoding is over. Rungs above HD are not published early: the provisional master is the one every
// grant plays, an HD-capped one included (media/uhd-folder.ts), and they arrive with the final package.
import { isUhdRung } from '../../../media/uhd-folder.js';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { EarlyPublishing, RenditionOutput } from '../../../ports.js';
import { MASTER_PLAYLIST, renderMasterPlaylist, type AudioRenditionEntry } from '../../../media/master-playlist.js';
import { measureSegments } from '../../../media/measure-rendition.js';
import { AAC_LC_CODEC } from '../../../media/codec-string.js';
import { INIT_SEGMENT, MEDIA_PLAYLIST } from '../../../media/media-playlist.js';
import { AUDIO_BITRATE, type PlannedRendition } from '../../../media/plan-ladder.js';
import { assembleRendition } from './fast-start-segments.js';

/** The provisional master is staged here, inside the transcoder's folder, and removed when publishing ends. */
const STAGING_FOLDER = '.early';

export interface PublishEarlyInput {
  outputDir: string;
  renditions: readonly PlannedRendition[];
  frameRate: number;
  /** The audio renditions (video rungs are video-only): published like the rungs and named in the master, so the video plays with sound. */
  audio: readonly EarlyAudioRendition[];
  publishing: EarlyPublishing;
  /** How often ffmpeg's playlists are read: the first segments last a second, and a look costs a few small reads. */
  pollMs?: number;
}

export interface EarlyAudioRendition {
  /** `audio_1`: its folder in the output folder and in the package. */
  folder: string;
  language: string;
  name: string;
  isDefault: boolean;
}

/**
 * Publishes what ffmpeg has finished, every `pollMs`, until `encoded` fires; then one last round, so that even a
 * ladder encoded faster than one poll is announced playable before the caller publishes the final package.
 * `signal` (encoding failed or was aborted) ends it at once; an in-flight round completes first.
 */
export async function publishEarly(everyRung: PublishEarlyInput, encoded: AbortSignal, signal: AbortSignal): Promise<void> {
  const input = { ...everyRung, renditions: everyRung.renditions.filter((rendition) => !isUhdRung(rendition.name)) };
  const staging = join(input.outputDir, STAGING_FOLDER);
  const publishedSegments = new Map<string, number>();
  let playable = false;
  const wake = AbortSignal.any([encoded, signal]);
  await mkdir(staging, { recursive: true });
  try {
    while (!signal.aborted) {
      const lastRound = encoded.aborted;
      // The lowest rung first: it is what a player starts on; the audio renditions it plays with, then.
      const folders = [...input.renditions.map((rendition) => rendition.name).reverse(), ...input.audio.map((audio) => audio.folder)];
      for (const folder of folders) await publishNewSegments(input, folder, publishedSegments);
      if (!playable && folders.every((folder) => (publishedSegments.get(folder) ?? 0) > 0)) {
        await publishProvisionalMaster(input, staging);
        await input.publishing.playable(MASTER_PLAYLIST);
        playable = true;
      }
      if (lastRound) return;
      await sleep(input.pollMs ?? 100, undefined, { signal: wake }).catch(() => {});
    }
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

/** One rendition folder of the package (`360p`, …): what ffmpeg finished since the last look. */
async function publishNewSegments(input: PublishEarlyInput, folder: string, publishedSegments: Map<string, number>): Promise<void> {
  const dir = join(input.outputDir, folder);
  const done = publishedSegments.get(folder) ?? 0;
  const assembled = await assembleRendition(dir, done);
  if (!assembled || assembled.segments.length <= done) return;
  if (done === 0) await input.publishing.publish(`${folder}/${INIT_SEGMENT}`, join(dir, INIT_SEGMENT));
  // Segments are complete and never change: published before the playlist that names them.
  for (const segment of assembled.segments.slice(done)) await input.publishing.publish(`${folder}/${segment.uri}`, join(dir, segment.uri));
  await input.publishing.publish(`${folder}/${MEDIA_PLAYLIST}`, join(dir, MEDIA_PLAYLIST));
  publishedSegments.set(folder, assembled.segments.length);
}

async function publishProvisionalMaster(input: PublishEarlyInput, staging: string): Promise<void> {
  const renditions = await Promise.all(input.renditions.map((rendition) => provisionalRendition(input, rendition)));
  // AAC at a set bitrate: the target is what the audio renditions use, from the first segment to the last.
  const audio: AudioRenditionEntry[] = input.audio.map((track) => ({
    uri: `${track.folder}/${MEDIA_PLAYLIST}`,
    language: track.language,
    name: track.name,
    isDefault: track.isDefault,
    channels: 2,
    codecs: AAC_LC_CODEC,
    bandwidth: AUDIO_BITRATE,
  }));
  const staged = join(staging, MASTER_PLAYLIST);
  await writeFile(staged, renderMasterPlaylist(renditions, { audio, videoRange: 'SDR' }));
  await input.publishing.publish(MASTER_PLAYLIST, staged);
}

/** Measured on the first segments; the peak is at least what the rung may use, or players would pick rungs too high. */
async function provisionalRendition(input: PublishEarlyInput, rendition: PlannedRendition): Promise<Omit<RenditionOutput, 'bytes'>> {
  const measured = await measureSegments({ outputDir: input.outputDir, rendition, frameRate: input.frameRate, hasAudio: false });
  return { ...measured, bandwidth: Math.max(measured.bandwidth, rendition.maxRate) };
}
