// The local Transcoder: probe, HLS ladder (video rungs, and one audio rendition per audio track in a process beside
// them; HDR tone-mapped to SDR), our own master playlist, then poster, thumbnails and storyboard from the ladder's
// renditions and the source's text subtitles as WebVTT. When the caller asks, the video is published playable while it
// encodes: a browser-playable source remuxed as it is (pass-through-start.ts), any other from the ladder's first
// one-second segments (early-publishing.ts).
// Every path it returns is relative to the output folder.
import { join } from 'node:path';
import { abortError } from '../../../media/ffmpeg-process.js';
import { writeMasterPlaylist } from '../../../media/master-playlist.js';
import { measureAudioRendition, measureRendition } from '../../../media/measure-rendition.js';
import { DEFAULT_LADDER, planLadder, type LadderRung } from '../../../media/plan-ladder.js';
import { PASS_THROUGH_FOLDER, planPassThrough } from '../../../media/pass-through.js';
import { probeMedia } from '../../../media/probe-media.js';
import { audioRenditionFolder } from '../../../media/source-tracks.js';
import { toneMappedNote } from '../../../media/video-range.js';
import { buildStoryboard } from '../../../media/storyboard.js';
import type { AudioRenditionInput, AudioRenditionOutput, DownloadOutput, DownloadsInput, TranscodeInput, TranscodeOutput, Transcoder } from '../../../ports.js';
import { publishEarly } from './early-publishing.js';
import { publishPassThrough } from './pass-through-start.js';
import { finaliseRendition } from './fast-start-segments.js';
import { encodeAudioRendition } from '../../../media/encode-audio-rendition.js';
import { encodeLadder } from './encode-ladder.js';
import { extractSubtitles } from './extract-subtitles.js';
import { makeDownloadsFromPackage, packagePath } from './make-downloads.js';
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
  /** A local copy of a stored object (the store's localFile): makeDownloads reads a published package through it. */
  storedFile?: (key: string) => Promise<string>;
  /**
   * Fast start, on when not given: a browser-playable source plays as soon as it is remuxed (pass-through-start.ts),
   * any other after one second of encoding (a 1 s first segment, fast-start-segments.ts).
   */
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
  private readonly storedFile: ((key: string) => Promise<string>) | undefined;
  private readonly fastStart: boolean;

  constructor(options: FfmpegTranscoderOptions = {}) {
    this.ffmpegPath = options.ffmpegPath ?? 'ffmpeg';
    this.ffprobePath = options.ffprobePath ?? 'ffprobe';
    this.preset = options.preset ?? 'veryfast';
    this.rungs = options.rungs ?? DEFAULT_LADDER;
    this.thumbnailCount = options.thumbnailCount ?? 6;
    this.storedFile = options.storedFile;
    this.fastStart = options.fastStart ?? true;
  }

  encodePoster(image: Buffer): Promise<Buffer> {
    return reencodePosterImage(this.ffmpegPath, image);
  }

  makeDownloads(input: DownloadsInput): Promise<DownloadOutput[]> {
    const { storedFile } = this;
    if (!storedFile) return Promise.reject(new Error('This transcoder was made without access to the store (storedFile): it cannot read a published package'));
    const videoPrefix = `t/${input.tenantId}/v/${input.videoId}/`;
    return makeDownloadsFromPackage({
      ffmpegPath: this.ffmpegPath,
      packageFile: (relativePath) => storedFile(packagePath(videoPrefix, input.packagePrefix, relativePath)),
      outputDir: input.outputDir,
      ...(input.signal ? { signal: input.signal } : {}),
    });
  }

  encodeAudioRendition(input: AudioRenditionInput): Promise<AudioRenditionOutput> {
    return encodeAudioRendition({ ffmpegPath: this.ffmpegPath, ffprobePath: this.ffprobePath }, input);
  }

  async transcode(input: TranscodeInput): Promise<TranscodeOutput> {
    const { sourcePath, outputDir, signal } = input;
    const progress = progressStages(input.onProgress, PROGRESS_WEIGHTS);
    const checkAborted = (): void => {
      if (signal?.aborted) throw abortError(signal);
    };

    const probed = await probeMedia(this.ffprobePath, sourcePath, input.limits, signal);
    const { source } = probed;
    const { clip } = input;
    checkAborted();
    progress.start();
    const plan = planLadder(source, this.rungs);
    await emptyOutputFolder(outputDir);
    const audioTracks = probed.tracks.audio.map((track, position) => ({ ...track, folder: audioRenditionFolder(position) }));
    const encoded = new AbortController();
    const { earlyPublishing } = input;
    // Fast start off (the benchmark's "today's design") and clips (a copy cannot cut exactly) wait for the ladder.
    const passThrough = earlyPublishing && this.fastStart && !clip ? planPassThrough(probed) : undefined;
    const provisionalFolders: string[] = [];
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
          audioStreamIndexes: audioTracks.map((track) => track.streamIndex),
          colour: probed.colour,
          durationSeconds: clip ? clip.endSeconds - clip.startSeconds : source.durationSeconds,
          ...(clip ? { clip } : {}),
          fastStart: this.fastStart,
          onProgress: progress.stage('encode'),
          signal: encodingSignal,
        });
        encoded.abort();
      },
      async (publishingSignal) => {
        if (!earlyPublishing) return;
        // A complete, seekable video at once beats the ladder's first seconds: the ladder's early segments are then not announced.
        if (passThrough) {
          const outcome = await publishPassThrough({
            ffmpegPath: this.ffmpegPath,
            sourcePath,
            demuxer: probed.demuxer,
            outputDir,
            plan: passThrough,
            publishing: earlyPublishing,
            signal: publishingSignal,
          });
          if (outcome.published) {
            provisionalFolders.push(PASS_THROUGH_FOLDER);
            return;
          }
        }
        const { renditions, frameRate } = plan;
        await publishEarly({ outputDir, renditions, frameRate, audio: audioTracks, publishing: earlyPublishing }, encoded.signal, publishingSignal);
      },
    );
    checkAborted();
    for (const folder of [...plan.renditions.map((rendition) => rendition.name), ...audioTracks.map((track) => track.folder)]) {
      await finaliseRendition(join(outputDir, folder));
    }

    const renditions = await Promise.all(plan.renditions.map((rendition) => measureRendition({ outputDir, rendition, frameRate: plan.frameRate, hasAudio: false })));
    const audioRenditions = await Promise.all(audioTracks.map((track) => measureAudioRendition(outputDir, track.folder, track)));
    // The same master package-master.ts renders from the database once the video is ready (and again whenever a
    // caption track or a dub is added): audio group, SDR, the variants.
    const masterPlaylistPath = await writeMasterPlaylist(outputDir, renditions, {
      audio: audioRenditions.map((track) => ({ ...track, uri: track.playlistPath })),
      videoRange: 'SDR',
    });
    const top = renditions[0];
    const smallest = plan.renditions.at(-1);
    if (!top || !smallest) throw new Error('The ladder produced no renditions');

    // Subtitles read the source, stills and storyboard the ladder: all three at once.
    const [[stills, subtitles], storyboard] = await sideBySide(
      signal,
      (finishingSignal) =>
        sideBySide(
          finishingSignal,
          async (stillsSignal) => {
            const result = await extractStills({
              ffmpegPath: this.ffmpegPath,
              outputDir,
              renditions: plan.renditions,
              videoDurationSeconds: Math.min(probed.videoDurationSeconds, top.durationSeconds),
              thumbnailCount: this.thumbnailCount,
              signal: stillsSignal,
            });
            progress.stage('stills')(1);
            return result;
          },
          (subtitlesSignal) =>
            extractSubtitles({
              ffmpegPath: this.ffmpegPath,
              sourcePath,
              demuxer: probed.demuxer,
              outputDir,
              tracks: probed.tracks.subtitles,
              signal: subtitlesSignal,
            }),
        ),
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
    const downloads = input.downloads
      ? await makeDownloadsFromPackage({
          ffmpegPath: this.ffmpegPath,
          packageFile: async (relativePath) => packagePath(outputDir, outputDir, relativePath),
          outputDir,
          ...(signal ? { signal } : {}),
        })
      : [];
    progress.finish();

    return {
      source,
      durationSeconds: top.durationSeconds,
      masterPlaylistPath,
      renditions,
      posterPath: stills.posterPath,
      thumbnails: stills.thumbnails,
      storyboard,
      audioTracks: audioRenditions,
      textTracks: subtitles.textTracks,
      notes: [...toneMappedNote(probed.colour), ...probed.tracks.notes, ...subtitles.notes],
      videoRange: 'SDR',
      downloads,
      provisionalFolders,
    };
  }
}
