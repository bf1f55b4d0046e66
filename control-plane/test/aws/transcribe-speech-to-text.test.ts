// Automatic captions in the aws shape: the real Transcribe SDK against a Transcribe at the HTTP boundary
// (support/fake-transcribe.ts), reading media from and writing transcripts to an S3 emulator, with transcripts shaped
// as AWS documents them ("Data input and output", Amazon Transcribe Developer Guide).
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { TranscribeClient } from '@aws-sdk/client-transcribe';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CaptionCueGrouper, CUE_LIMITS } from '../../src/media/caption-cue-grouper.js';
import { UntranscribableAudioError } from '../../src/domain/captions/untranscribable-audio-error.js';
import { TranscribeSpeechToText, wordsOfTranscript } from '../../src/adapters/aws/transcribe-speech-to-text.js';
import { FakeTranscribe } from './support/fake-transcribe.js';
import { startS3Emulator, type S3Emulator } from './support/s3-emulator.js';

const BUCKET = 'ott-prod-tenant-media';
const TENANT = 'tenant-1';
const VIDEO = '6f1c2a8e-0000-4000-8000-000000000001';
const SOURCE_KEY = `sources/${TENANT}/${VIDEO}/original.mp4`;

const pronunciation = (content: string, start: number, end: number) => ({
  type: 'pronunciation',
  start_time: start.toFixed(3),
  end_time: end.toFixed(3),
  alternatives: [{ confidence: '0.98', content }],
});
const punctuation = (content: string) => ({ type: 'punctuation', alternatives: [{ confidence: '0.0', content }] });
/** A documented transcript: two sentences with a pause between them. */
const TRANSCRIPT = JSON.stringify({
  jobName: 'job',
  accountId: '111111111111',
  status: 'COMPLETED',
  results: {
    transcripts: [{ transcript: 'Hello world. This is a test.' }],
    items: [
      pronunciation('Hello', 0.5, 0.9),
      pronunciation('world', 0.95, 1.4),
      punctuation('.'),
      pronunciation('This', 3.0, 3.2),
      pronunciation('is', 3.25, 3.4),
      pronunciation('a', 3.45, 3.5),
      pronunciation('test', 3.55, 4.0),
      punctuation('.'),
    ],
  },
});

let s3: S3Emulator;
let fake: FakeTranscribe;
let transcribe: TranscribeClient;
let speech: TranscribeSpeechToText;
const sleeps: number[] = [];

beforeAll(async () => {
  s3 = await startS3Emulator();
  await s3.createBucket(BUCKET);
  await s3.client.send(new PutObjectCommand({ Bucket: BUCKET, Key: SOURCE_KEY, Body: Buffer.from('not really a film, but an object Transcribe can read') }));
  fake = await FakeTranscribe.start(s3.client, 3);
  transcribe = new TranscribeClient({ region: 'eu-west-1', endpoint: fake.endpoint, credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
  speech = new TranscribeSpeechToText({
    transcribe: async () => transcribe,
    bucketOf: async () => ({ client: s3.client, bucket: BUCKET }),
    pollMs: 1,
    maxPollMs: 4,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
  });
});
afterAll(async () => {
  transcribe.destroy();
  await fake.close();
  await s3.close();
});
beforeEach(() => {
  fake.transcript = TRANSCRIPT;
  fake.calls.length = 0;
  sleeps.length = 0;
});

describe('Amazon Transcribe speech to text', () => {
  it('transcribes the stored original into cues: one per sentence, punctuation joined to its word', async () => {
    const cues = await speech.transcribe({ tenantId: TENANT, videoId: VIDEO, sourceKey: SOURCE_KEY, language: 'en' });
    expect(cues).toEqual([
      { startSeconds: 0.5, endSeconds: 1.4, text: 'Hello world.' },
      { startSeconds: 3, endSeconds: 4, text: 'This is a test.' },
    ]);
    const [job] = [...fake.jobs.values()];
    expect(job?.body).toMatchObject({
      LanguageCode: 'en-US',
      MediaFormat: 'mp4',
      Media: { MediaFileUri: `s3://${BUCKET}/${SOURCE_KEY}` },
      OutputBucketName: BUCKET,
      OutputKey: expect.stringMatching(new RegExp(`^transcripts/${TENANT}/${VIDEO}/ott-${VIDEO}-[0-9a-f]{16}\\.json$`)),
    });
    // Polled until COMPLETED, waiting longer each time up to the ceiling.
    expect(fake.calls.filter((call) => call === 'GetTranscriptionJob')).toHaveLength(3);
    expect(sleeps).toEqual([1, 2]);
  });

  it('a retry finds the earlier transcription by its name instead of paying for a second one', async () => {
    const first = await speech.transcribe({ tenantId: TENANT, videoId: VIDEO, sourceKey: SOURCE_KEY, language: 'en-US' });
    const jobs = fake.jobs.size;
    const again = await speech.transcribe({ tenantId: TENANT, videoId: VIDEO, sourceKey: SOURCE_KEY, language: 'en-US' });
    expect(again).toEqual(first);
    expect(fake.jobs.size).toBe(jobs);
    expect(fake.calls.filter((call) => call === 'StartTranscriptionJob')).toHaveLength(2);
    expect(fake.calls).not.toContain('DeleteTranscriptionJob');
  });

  it("reports Transcribe's failure reason, and a retry replaces the failed job", async () => {
    fake.failNext = 'The media file is corrupt or in an unsupported format.';
    const input = { tenantId: TENANT, videoId: VIDEO, sourceKey: SOURCE_KEY, language: 'fr' };
    await expect(speech.transcribe(input)).rejects.toThrow('Amazon Transcribe could not transcribe the video: The media file is corrupt or in an unsupported format.');
    await expect(speech.transcribe(input)).resolves.toHaveLength(2);
    expect(fake.calls).toContain('DeleteTranscriptionJob');
  });

  it('refuses, before starting any job, a container Transcribe cannot read and a language it does not know', async () => {
    const mkv = speech.transcribe({ tenantId: TENANT, videoId: VIDEO, sourceKey: `sources/${TENANT}/${VIDEO}/original.mkv`, language: 'en' });
    await expect(mkv).rejects.toThrow(UntranscribableAudioError);
    await expect(mkv).rejects.toThrow("this video's original is .mkv, so no automatic captions can be made from it. Upload captions as an SRT or WebVTT file instead.");
    await expect(speech.transcribe({ tenantId: TENANT, videoId: VIDEO, sourceKey: SOURCE_KEY, language: 'tlh' })).rejects.toThrow('does not transcribe "tlh"');
    expect(fake.calls).toEqual([]);
  });

  it('stops polling when aborted', async () => {
    const controller = new AbortController();
    const aborting = new TranscribeSpeechToText({
      transcribe: async () => transcribe,
      bucketOf: async () => ({ client: s3.client, bucket: BUCKET }),
      sleep: async () => controller.abort(new Error('caption job cancelled')),
    });
    await expect(aborting.transcribe({ tenantId: TENANT, videoId: `${VIDEO}-abort`, sourceKey: SOURCE_KEY, language: 'de', signal: controller.signal })).rejects.toThrow('caption job cancelled');
    expect(fake.calls.filter((call) => call === 'GetTranscriptionJob')).toHaveLength(1);
  });

  it('refuses a transcript that is not in the documented shape', () => {
    expect(() => wordsOfTranscript(JSON.stringify({ results: { items: [{ type: 'word', alternatives: [] }] } }))).toThrow('not in its documented shape');
  });
});

describe('grouping a punctuated transcript into cues', () => {
  it('ends a cue at the end of a sentence even without a pause', () => {
    const word = (text: string, start: number) => ({ text, startSeconds: start, endSeconds: start + 0.3 });
    expect(CaptionCueGrouper.group([word('Yes.', 0), word('No', 0.35), word('way!', 0.7), word('Go', 1.05)])).toEqual([
      { startSeconds: 0, endSeconds: 0.3, text: 'Yes.' },
      { startSeconds: 0.35, endSeconds: 1, text: 'No way!' },
      { startSeconds: 1.05, endSeconds: 1.35, text: 'Go' },
    ]);
  });

  it('keeps every cue to two lines of 42 characters and 7 seconds, losing no word', () => {
    const words = Array.from({ length: 40 }, (_, index) => ({ text: 'word', startSeconds: index * 0.3, endSeconds: index * 0.3 + 0.25 }));
    const cues = CaptionCueGrouper.group(words);
    for (const cue of cues) {
      const lines = cue.text.split('\n');
      expect(lines.length).toBeLessThanOrEqual(CUE_LIMITS.lines);
      expect(Math.max(...lines.map((line) => line.length))).toBeLessThanOrEqual(CUE_LIMITS.lineCharacters);
      expect(cue.endSeconds - cue.startSeconds).toBeLessThanOrEqual(CUE_LIMITS.maxSeconds);
    }
    expect(cues.map((cue) => cue.text.split(/\s+/).length).reduce((a, b) => a + b, 0)).toBe(40);
  });
});
