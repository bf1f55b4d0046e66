// The local SpeechToText: Debian's pocketsphinx (CMU Sphinx, offline) with its US English model. ffmpeg extracts the
// chosen audio track of the stored original (the demuxer ffprobe named, forced: it reads the upload and nothing else)
// as 16 kHz mono PCM into a private scratch folder, pocketsphinx_continuous prints each word with its times, and the
// words become cues as they arrive: the output is streamed, so a two-hour film costs disk for its WAV, not memory.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { CaptionCue } from '@ott/contracts';
import { CaptionCueGrouper, type TimedWord } from '../../media/caption-cue-grouper.js';
import { runFfmpeg, runTool } from '../../media/ffmpeg-process.js';
import { readProbeReport } from '../../media/ffprobe-report.js';
import { acceptedDemuxer, formatRefusal } from '../../media/source-formats.js';
import { sourceDemuxerInput } from '../../media/source-input.js';
import { UntranscribableAudioError } from '../../domain/captions/untranscribable-audio-error.js';
import { placeSource } from '../../jobs/scratch-folder.js';
import type { ObjectStore, SpeechToText } from '../../ports.js';

export interface PocketsphinxOptions {
  ffmpegPath?: string;
  ffprobePath?: string;
  pocketsphinxPath?: string;
  /** Debian's pocketsphinx-en-us package: acoustic model, language model and pronunciation dictionary. */
  modelDir?: string;
}

/** `word start end confidence`, times in seconds from the start of the audio. */
const WORD_LINE = /^(\S+) (\d+(?:\.\d+)?) (\d+(?:\.\d+)?) (-?\d+(?:\.\d+)?(?:e-?\d+)?)$/;

export class PocketsphinxSpeechToText implements SpeechToText {
  readonly engine = 'pocketsphinx (en-US)';
  readonly languages = ['en'] as const;
  private readonly ffmpegPath: string;
  private readonly ffprobePath: string;
  private readonly pocketsphinxPath: string;
  private readonly modelDir: string;

  constructor(
    private readonly store: Pick<ObjectStore, 'localFile'>,
    options: PocketsphinxOptions = {},
  ) {
    this.ffmpegPath = options.ffmpegPath ?? 'ffmpeg';
    this.ffprobePath = options.ffprobePath ?? 'ffprobe';
    this.pocketsphinxPath = options.pocketsphinxPath ?? 'pocketsphinx_continuous';
    this.modelDir = options.modelDir ?? '/usr/share/pocketsphinx/model/en-us';
  }

  async transcribe(input: { tenantId: string; videoId: string; sourceKey: string; language: string; trackIndex?: number; signal?: AbortSignal }): Promise<CaptionCue[]> {
    if (!this.languages.some((language) => language === input.language)) {
      throw new Error(`${this.engine} transcribes ${this.languages.join(', ')} only, not "${input.language}".`);
    }
    // Private to this run: nothing but the original's bytes is beside what ffmpeg opens.
    const scratch = await mkdtemp(path.join(tmpdir(), `ott-captions-${input.videoId}-`));
    const signal = input.signal ? { signal: input.signal } : {};
    try {
      const sourcePath = path.join(scratch, 'source');
      await placeSource(await this.store.localFile(input.sourceKey), sourcePath);
      const report = await readProbeReport(this.ffprobePath, sourcePath, input.signal);
      const demuxer = acceptedDemuxer(report.format?.format_name ?? '');
      if (demuxer === undefined) throw formatRefusal(report.format?.format_name ?? '');
      const audioTracks = report.streams.filter((stream) => stream.codec_type === 'audio').length;
      const trackIndex = input.trackIndex ?? 0;
      if (trackIndex >= audioTracks) {
        throw new UntranscribableAudioError(
          audioTracks === 0 ? 'This video has no sound, so there is nothing to caption.' : `This video has ${audioTracks} audio track(s); there is no track ${trackIndex + 1}.`,
        );
      }
      const speech = sourceDemuxerInput(sourcePath, demuxer);
      await runFfmpeg(this.ffmpegPath, [...speech.args, '-map', `0:a:${trackIndex}`, '-vn', '-sn', '-dn', '-ac', '1', '-ar', '16000', '-c:a', 'pcm_s16le', '-f', 'wav', 'speech.wav'], {
        cwd: speech.cwd,
        ...signal,
      });
      const cues = new CaptionCueGrouper();
      await runTool(
        this.pocketsphinxPath,
        [
          ...['-infile', path.join(scratch, 'speech.wav'), '-time', 'yes'],
          ...['-hmm', path.join(this.modelDir, 'en-us'), '-lm', path.join(this.modelDir, 'en-us.lm.bin'), '-dict', path.join(this.modelDir, 'cmudict-en-us.dict')],
        ],
        {
          cwd: scratch,
          ...signal,
          onStdoutLine: (line) => {
            const word = spokenWord(line);
            if (word) cues.add(word);
          },
        },
      );
      return cues.finish();
    } finally {
      await rm(scratch, { recursive: true, force: true });
    }
  }
}

/**
 * A word of pocketsphinx's `-time yes` output, or undefined for the utterance's hypothesis line and for the markers
 * that are not speech: `<s>`, `</s>`, `<sil>`, `[NOISE]`, `++BREATH++`. `read(2)` is the dictionary's second
 * pronunciation of "read".
 */
export function spokenWord(line: string): TimedWord | undefined {
  const match = WORD_LINE.exec(line.trim());
  if (!match?.[1]) return undefined;
  const token = match[1];
  if (/^[<[+]/.test(token)) return undefined;
  return { text: token.replace(/\(\d+\)$/, ''), startSeconds: Number(match[2]), endSeconds: Number(match[3]) };
}
