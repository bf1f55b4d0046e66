// Automatic captions on Amazon Transcribe (batch): a transcription job on the stored original in the tenant's bucket,
// its transcript written back into that bucket, read, and grouped into cues. Sources (Amazon Transcribe Developer
// Guide and API reference, read 2026-12):
// - StartTranscriptionJob (https://docs.aws.amazon.com/transcribe/latest/APIReference/API_StartTranscriptionJob.html):
//   TranscriptionJobName is 1–200 characters of `[0-9a-zA-Z._-]` and unique in the account and region (a second start
//   with the same name is a ConflictException); OutputKey ending in `.json` is the transcript's exact key; MediaFormat
//   is one of amr, flac, m4a, mp3, mp4, ogg, wav, webm.
// - GetTranscriptionJob: TranscriptionJobStatus QUEUED | IN_PROGRESS | FAILED | COMPLETED, FailureReason when FAILED.
// - "Data input and output" (https://docs.aws.amazon.com/transcribe/latest/dg/how-input.html): the transcript JSON
//   has results.items[], each `{ type: 'pronunciation' | 'punctuation', alternatives: [{ content, confidence }] }`, with
//   start_time and end_time (seconds, as strings) on pronunciations only.
// The job name is derived from what is transcribed, so a retried caption job finds its earlier transcription instead
// of paying for a second one.
import { createHash } from 'node:crypto';
import { GetObjectCommand } from '@aws-sdk/client-s3';
import {
  ConflictException,
  DeleteTranscriptionJobCommand,
  GetTranscriptionJobCommand,
  StartTranscriptionJobCommand,
  type LanguageCode,
  type MediaFormat,
  type TranscribeClient,
  type TranscriptionJob,
} from '@aws-sdk/client-transcribe';
import { z } from 'zod';
import type { CaptionCue } from '@ott/contracts';
import { UntranscribableAudioError } from '../../domain/captions/untranscribable-audio-error.js';
import { CaptionCueGrouper, type TimedWord } from '../../media/caption-cue-grouper.js';
import type { SpeechToText } from '../../ports.js';
import type { TenantBucketResolver } from './s3-object-store.js';

/**
 * Our BCP 47 tags → Transcribe's batch language codes ("Supported languages",
 * https://docs.aws.amazon.com/transcribe/latest/dg/supported-languages.html); a bare language takes its most spoken variety.
 */
const LANGUAGES: Record<string, LanguageCode> = {
  en: 'en-US',
  'en-US': 'en-US',
  'en-GB': 'en-GB',
  'en-AU': 'en-AU',
  fr: 'fr-FR',
  'fr-FR': 'fr-FR',
  'fr-CA': 'fr-CA',
  de: 'de-DE',
  es: 'es-ES',
  'es-ES': 'es-ES',
  'es-US': 'es-US',
  it: 'it-IT',
  pt: 'pt-BR',
  'pt-BR': 'pt-BR',
  'pt-PT': 'pt-PT',
  nl: 'nl-NL',
  ja: 'ja-JP',
  ko: 'ko-KR',
  zh: 'zh-CN',
  hi: 'hi-IN',
};

/** The original's extension → MediaFormat; Transcribe reads no other container (MKV, MOV, AVI, MPEG-TS are not among them). */
const MEDIA_FORMATS: Record<string, MediaFormat> = { amr: 'amr', flac: 'flac', m4a: 'm4a', mp3: 'mp3', mp4: 'mp4', ogg: 'ogg', wav: 'wav', webm: 'webm' };
/** A three-hour film's transcript is a few MB of JSON; anything far larger is not one. */
const MAX_TRANSCRIPT_BYTES = 64 * 1024 * 1024;

export interface TranscribeSpeechToTextOptions {
  /** The Transcribe client of the tenant's cell (its account and region, where its bucket is). */
  transcribe(tenantId: string): Promise<TranscribeClient>;
  /** The tenant's bucket: the original is read there and the transcript written there. */
  bucketOf: TenantBucketResolver;
  /** First wait between polls; it doubles up to maxPollMs (a film takes minutes, a short clip seconds). */
  pollMs?: number;
  maxPollMs?: number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

const itemSchema = z.object({
  type: z.enum(['pronunciation', 'punctuation']),
  start_time: z.string().optional(),
  end_time: z.string().optional(),
  alternatives: z.array(z.object({ content: z.string() })).min(1),
});
const transcriptSchema = z.object({ results: z.object({ items: z.array(itemSchema) }) });

export class TranscribeSpeechToText implements SpeechToText {
  readonly engine = 'Amazon Transcribe';
  readonly languages = Object.keys(LANGUAGES);

  constructor(private readonly options: TranscribeSpeechToTextOptions) {}

  async transcribe(input: { tenantId: string; videoId: string; sourceKey: string; language: string; trackIndex?: number; signal?: AbortSignal }): Promise<CaptionCue[]> {
    const languageCode = LANGUAGES[input.language];
    if (!languageCode) throw new UntranscribableAudioError(`Amazon Transcribe does not transcribe ${JSON.stringify(input.language)} here; it takes ${this.languages.join(', ')}.`);
    // Transcribe hears the file's first audio track; it has no setting that picks another.
    if ((input.trackIndex ?? 0) !== 0) throw new UntranscribableAudioError('Amazon Transcribe transcribes only the first audio track of a video.');
    const extension = /\.([a-z0-9]+)$/.exec(input.sourceKey)?.[1] ?? '';
    const mediaFormat = MEDIA_FORMATS[extension];
    if (!mediaFormat) {
      throw new UntranscribableAudioError(
        `Amazon Transcribe reads MP4, M4A, MP3, WAV, FLAC, OGG, AMR and WebM files; this video's original is ${extension ? `.${extension}` : 'of no named type'}, so no automatic captions can be made from it. Upload captions as an SRT or WebVTT file instead.`,
      );
    }
    const { client: s3, bucket } = await this.options.bucketOf(input.tenantId);
    const client = await this.options.transcribe(input.tenantId);
    const jobName = transcriptionJobName(input.videoId, [input.sourceKey, languageCode]);
    const outputKey = `transcripts/${input.tenantId}/${input.videoId}/${jobName}.json`;
    const start = new StartTranscriptionJobCommand({
      TranscriptionJobName: jobName,
      LanguageCode: languageCode,
      MediaFormat: mediaFormat,
      Media: { MediaFileUri: `s3://${bucket}/${input.sourceKey}` },
      OutputBucketName: bucket,
      OutputKey: outputKey,
      Tags: [{ Key: 'ott:tenant', Value: input.tenantId }],
    });
    try {
      await client.send(start, { abortSignal: input.signal });
    } catch (error) {
      if (!(error instanceof ConflictException)) throw error;
      // A retry: the job of an earlier attempt exists. A failed one is removed and started again (its name is ours).
      const existing = await this.job(client, jobName, input.signal);
      if (existing?.TranscriptionJobStatus === 'FAILED') {
        await client.send(new DeleteTranscriptionJobCommand({ TranscriptionJobName: jobName }), { abortSignal: input.signal });
        await client.send(start, { abortSignal: input.signal });
      }
    }
    const finished = await this.waitFor(client, jobName, input.signal);
    if (finished.TranscriptionJobStatus === 'FAILED') throw new Error(`Amazon Transcribe could not transcribe the video: ${finished.FailureReason ?? 'no reason given'}`);

    const object = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: outputKey }), { abortSignal: input.signal });
    if ((object.ContentLength ?? 0) > MAX_TRANSCRIPT_BYTES) throw new Error(`The transcript s3://${bucket}/${outputKey} is ${object.ContentLength} bytes, too large to be one`);
    const text = (await object.Body?.transformToString('utf8')) ?? '';
    return CaptionCueGrouper.group(wordsOfTranscript(text));
  }

  private async job(client: TranscribeClient, name: string, signal: AbortSignal | undefined): Promise<TranscriptionJob | undefined> {
    const { TranscriptionJob: job } = await client.send(new GetTranscriptionJobCommand({ TranscriptionJobName: name }), { abortSignal: signal });
    return job;
  }

  private async waitFor(client: TranscribeClient, name: string, signal: AbortSignal | undefined): Promise<TranscriptionJob> {
    const sleep = this.options.sleep ?? abortableSleep;
    const maxPollMs = this.options.maxPollMs ?? 30_000;
    for (let wait = this.options.pollMs ?? 2_000; ; wait = Math.min(maxPollMs, wait * 2)) {
      signal?.throwIfAborted();
      const job = await this.job(client, name, signal);
      if (!job) throw new Error(`Amazon Transcribe lost transcription job ${name}`);
      if (job.TranscriptionJobStatus === 'COMPLETED' || job.TranscriptionJobStatus === 'FAILED') return job;
      await sleep(wait, signal);
    }
  }
}

/** `ott-{videoId}-{hash of what is transcribed}`: the same request names the same job (Transcribe's name rules above). */
export function transcriptionJobName(videoId: string, what: readonly string[]): string {
  const digest = createHash('sha256').update(JSON.stringify(what)).digest('hex').slice(0, 16);
  return `ott-${videoId.replace(/[^0-9a-zA-Z._-]/g, '-')}-${digest}`.slice(0, 200);
}

/** The transcript's words in order, each with the punctuation Transcribe reports after it as its own item. */
export function wordsOfTranscript(json: string): TimedWord[] {
  const parsed = transcriptSchema.safeParse(JSON.parse(json));
  if (!parsed.success) throw new Error(`Amazon Transcribe's transcript is not in its documented shape: ${parsed.error.message}`);
  const words: TimedWord[] = [];
  for (const item of parsed.data.results.items) {
    const text = item.alternatives[0]?.content ?? '';
    const previous = words.at(-1);
    if (item.type === 'punctuation') {
      if (previous) previous.text += text;
      continue;
    }
    const startSeconds = Number(item.start_time ?? 0);
    words.push({ text, startSeconds, endSeconds: Number(item.end_time ?? startSeconds) });
  }
  return words;
}

function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        reject(signal.reason instanceof Error ? signal.reason : new Error('aborted'));
      },
      { once: true },
    );
  });
}
