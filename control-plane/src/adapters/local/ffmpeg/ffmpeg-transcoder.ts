// The local Transcoder: probe, one-process HLS ladder (published while it encodes when the caller asks), our own
// master playlist, then poster, thumbnails and storyboard from the ladder's renditions.
// Every path it returns is relative to the output folder.
import { join } from 'node:path';
import { abortError } from '../../../media/ffmpeg-process.js';
import { writeMasterPlaylist } from '../../../media/master-playlist.js';
import { measureRendition } from '../../../media/measure-rendition.js';

import { DEFAULT_LADDER, planLadder, type LadderRung } from '../../../media/plan-ladder.js';
import { probeMedia } from '../../../media/probe-media.js';
import { buildStoryboard } from '../../../media/storyboard.js';
import type { DownloadOutput, DownloadsInput, TranscodeInput, TranscodeOutput, Transcoder } from '../../../ports.js';
import { publishEarly } from './early-publishing.js';
import { finaliseRendition } from './fast-start-segments.js';
import { encodeLadder } from './encode-ladder.js';
import { emptyOutputFolder } from './output-folder.js';
import { progressStages } from './progress-stages.js';
import { reencodePosterImage } from '../../../media/poster-image.js';
import { extractStills } from './stills.js';
import { sideBySide } from './side-by-side.js';
import type { X264Preset } from './x264-preset.js';

export interface FfmpegTranscoderOptions {
  ffmpegPath?: string;
  ffprobePath?: string;
  /** `veryfast` is 1.4x realtime for a 1080p ladder on 2 cores; `ultrafast` is for tests. */
  preset?: X264Preset;
  rungs?: readonly LadderRung[];
  thumbnailCount?: number;
  /** A 1 s first segment, so a video plays a second of encoding after upload (fast-start-segments.ts); on when not given. */
  fastStart?: boolean;
}

/** Encoding dominates; stills and storyboard take a second or two whatever the length. */
const PROGRESS_WEIGHTS = { encode: 90, stills: 5, storyboard: 5 };

export class FfmpegTranscoder implements Transcoder {
  private readonly ffmpegPath: string;
  private readonly ffprobePath: string;
  private readonly preset: X264Preset;
  private readonly rungs: readonly LadderRung[];
  private readonly thumbnailCount: number;
  private readonly fastStart: boolean;

  constructor(options: FfmpegTranscoderOptions = {}) {
    this.ffmpegPath = options.ffmpegPath ?? 'ffmpeg';
    this.ffprobePath = options.ffprobePath ?? 'ffprobe';
    this.preset = options.preset ?? 'veryfast';
    this.rungs = options.rungs ?? DEFAULT_LADDER;
    this.thumbnailCount = options.thumbnailCount ?? 6;
    this.fastStart = options.fastStart ?? true;
  }

  encodePoster(image: Buffer): Promise<Buffer> {
    return reencodePosterImage(this.ffmpegPath, image);
  }

  makeDownloads(_input: DownloadsInput): Promise<DownloadOutput[]> {
    return Promise.reject(new Error('SKELETON: downloads are not built yet'));
  }

  async transcode(input: TranscodeInput): Promise<TranscodeOutput> {
    const { sourcePath, outputDir, signal } = input;
    const progress = progressStages(input.onProgress, PROGRESS_WEIGHTS);
    const checkAborted = (): void => {
      if (signal?.aborted) throw abortError(signal);
    };

    const probed = await probeMedia(this.ffprobePath, sourcePath, input.limits, signal);
    const { source } = probed;
    checkAborted();
    progress.start();
    const plan = planLadder(source, this.rungs);
    await emptyOutputFolder(outputDir);
    const hasAudio = probed.audioStreamIndex !== null;
    const encoded = new AbortController();
    const { earlyPublishing } = input;
    await sideBySide(
      signal,
      async (encodingSignal) => {
        await encodeLadder({
          ffmpegPath: this.ffmpegPath,
          preset: this.preset,
          sourcePath,
          demuxer: probed.demuxer,
          outputDir,
          plan,
          sourceFrameRate: source.frameRate,
          videoStreamIndex: probed.videoStreamIndex,
          audioStreamIndex: probed.audioStreamIndex,
          durationSeconds: source.durationSeconds,
          fastStart: this.fastStart,
          onProgress: progress.stage('encode'),
          signal: encodingSignal,
        });
        encoded.abort();
      },
      async (publishingSignal) => {
        if (!earlyPublishing) return;
        const { renditions, frameRate } = plan;
        await publishEarly({ outputDir, renditions, frameRate, hasAudio, publishing: earlyPublishing }, encoded.signal, publishingSignal);
      },
    );
    checkAborted();
    for (const rendition of plan.renditions) await finaliseRendition(join(outputDir, rendition.name));

    const renditions = await Promise.all(plan.renditions.map((rendition) => measureRendition({ outputDir, rendition, frameRate: plan.frameRate, hasAudio })));
    const masterPlaylistPath = await writeMasterPlaylist(outputDir, renditions);
    const top = renditions[0];
    const smallest = plan.renditions.at(-1);
    if (!top || !smallest) throw new Error('The ladder produced no renditions');

    const [stills, storyboard] = await sideBySide(
      signal,
      async (finishingSignal) => {
        const result = await extractStills({
          ffmpegPath: this.ffmpegPath,
          outputDir,
          renditions: plan.renditions,
          videoDurationSeconds: Math.min(probed.videoDurationSeconds, top.durationSeconds),
          thumbnailCount: this.thumbnailCount,
          signal: finishingSignal,
        });
        progress.stage('stills')(1);
        return result;
      },
      async (finishingSignal) => {
        const result = await buildStoryboard({
          ffmpegPath: this.ffmpegPath,
          outputDir,
          rendition: smallest,
          durationSeconds: top.durationSeconds,
          signal: finishingSignal,
        });
        progress.stage('storyboard')(1);
        return result;
      },
    );
    progress.finish();

    return {
      source,
      durationSeconds: top.durationSeconds,
      masterPlaylistPath,
      renditions,
      posterPath: stills.posterPath,
      thumbnails: stills.thumbnails,
      storyboard,
      audioTracks: [],
      textTracks: [],
      notes: [],
      videoRange: 'SDR',
      downloads: [],
    };
  }
}
