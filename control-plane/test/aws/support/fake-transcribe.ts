// A small Amazon Transcribe (batch) at the HTTP boundary, for the real @aws-sdk/client-transcribe: the awsJson1_1
// protocol (POST / with `X-Amz-Target: Transcribe.{Operation}`), StartTranscriptionJob, GetTranscriptionJob and
// DeleteTranscriptionJob. It refuses what Transcribe refuses, as its API reference names it
// (https://docs.aws.amazon.com/transcribe/latest/APIReference/API_StartTranscriptionJob.html, "Errors"):
// - a job name that exists already: ConflictException;
// - a job name outside 1–200 characters of `[0-9a-zA-Z._-]`, no Media.MediaFileUri, an unknown MediaFormat, none of
//   LanguageCode/IdentifyLanguage, an OutputKey outside `[a-zA-Z0-9-_.!*'()/]{1,1024}`: BadRequestException;
// - an unknown job on Get or Delete: NotFoundException.
// A job stays IN_PROGRESS for `pollsUntilDone` Gets, then reads its media from the S3 emulator (missing: FAILED, as
// Transcribe fails a job whose media it cannot read) and writes `transcript` where OutputBucketName/OutputKey say.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { GetObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';

interface StartBody {
  TranscriptionJobName?: string;
  LanguageCode?: string;
  IdentifyLanguage?: boolean;
  MediaFormat?: string;
  Media?: { MediaFileUri?: string };
  OutputBucketName?: string;
  OutputKey?: string;
}

interface FakeJob {
  body: StartBody;
  status: 'QUEUED' | 'IN_PROGRESS' | 'FAILED' | 'COMPLETED';
  gets: number;
  failureReason?: string;
  transcriptUri?: string;
}

const JOB_NAME = /^[0-9a-zA-Z._-]{1,200}$/;
const OUTPUT_KEY = /^[a-zA-Z0-9-_.!*'()/]{1,1024}$/;
const MEDIA_FORMATS = new Set(['mp3', 'mp4', 'wav', 'flac', 'ogg', 'amr', 'webm', 'm4a']);

class Refusal extends Error {
  constructor(
    readonly type: string,
    message: string,
  ) {
    super(message);
  }
}

export class FakeTranscribe {
  readonly jobs = new Map<string, FakeJob>();
  readonly calls: string[] = [];
  /** The transcript JSON every job writes. */
  transcript = '';
  /** Reason a job fails with instead of completing (once; then jobs complete again). */
  failNext: string | undefined;

  private constructor(
    private readonly server: Server,
    private readonly s3: S3Client,
    private readonly pollsUntilDone: number,
  ) {}

  get endpoint(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  static async start(s3: S3Client, pollsUntilDone = 2): Promise<FakeTranscribe> {
    const fake: FakeTranscribe = new FakeTranscribe(
      createServer((request, response) => {
        const chunks: Buffer[] = [];
        request.on('data', (chunk: Buffer) => chunks.push(chunk));
        request.on('end', () => {
          const operation = String(request.headers['x-amz-target'] ?? '').replace(/^Transcribe\./, '');
          fake.calls.push(operation);
          fake
            .handle(operation, JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<string, unknown>)
            .then((body) => {
              response.writeHead(200, { 'content-type': 'application/x-amz-json-1.1' });
              response.end(JSON.stringify(body));
            })
            .catch((error: unknown) => {
              const refusal = error instanceof Refusal ? error : new Refusal('InternalFailureException', String(error));
              response.writeHead(400, { 'content-type': 'application/x-amz-json-1.1' });
              response.end(JSON.stringify({ __type: refusal.type, Message: refusal.message }));
            });
        });
      }),
      s3,
      pollsUntilDone,
    );
    await new Promise<void>((resolve) => fake.server.listen(0, '127.0.0.1', resolve));
    return fake;
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private async handle(operation: string, body: Record<string, unknown>): Promise<unknown> {
    if (operation === 'StartTranscriptionJob') return this.startJob(body as StartBody);
    const name = String(body['TranscriptionJobName'] ?? '');
    const job = this.jobs.get(name);
    if (!job) throw new Refusal('NotFoundException', "The requested job couldn't be found. Check the job name and try your request again.");
    if (operation === 'DeleteTranscriptionJob') {
      this.jobs.delete(name);
      return {};
    }
    if (operation === 'GetTranscriptionJob') {
      job.gets += 1;
      if (job.status === 'IN_PROGRESS' && job.gets >= this.pollsUntilDone) await this.finish(job);
      return { TranscriptionJob: this.describe(name, job) };
    }
    throw new Refusal('BadRequestException', `Unsupported operation ${operation}`);
  }

  private startJob(body: StartBody): unknown {
    const name = body.TranscriptionJobName ?? '';
    if (!JOB_NAME.test(name)) throw new Refusal('BadRequestException', `1 validation error detected: Value '${name}' at 'transcriptionJobName' failed to satisfy constraint`);
    if (this.jobs.has(name)) throw new Refusal('ConflictException', 'The requested job name already exists. Use a different job name.');
    if (!body.Media?.MediaFileUri) throw new Refusal('BadRequestException', 'Media.MediaFileUri is required');
    if (body.MediaFormat !== undefined && !MEDIA_FORMATS.has(body.MediaFormat)) throw new Refusal('BadRequestException', `Value '${body.MediaFormat}' at 'mediaFormat' failed to satisfy constraint`);
    if (!body.LanguageCode && !body.IdentifyLanguage) throw new Refusal('BadRequestException', 'You must specify LanguageCode, IdentifyLanguage or IdentifyMultipleLanguages.');
    if (body.OutputKey !== undefined && !OUTPUT_KEY.test(body.OutputKey)) throw new Refusal('BadRequestException', `Value '${body.OutputKey}' at 'outputKey' failed to satisfy constraint`);
    const job: FakeJob = { body, status: 'IN_PROGRESS', gets: 0 };
    this.jobs.set(name, job);
    return { TranscriptionJob: this.describe(name, job) };
  }

  private async finish(job: FakeJob): Promise<void> {
    const media = /^s3:\/\/([^/]+)\/(.+)$/.exec(job.body.Media?.MediaFileUri ?? '');
    const readable =
      media?.[1] && media[2]
        ? await this.s3.send(new GetObjectCommand({ Bucket: media[1], Key: media[2] })).then(
            () => true,
            () => false,
          )
        : false;
    if (!readable || this.failNext) {
      job.status = 'FAILED';
      job.failureReason = this.failNext ?? "The URI that you provided doesn't point to an S3 object. Make sure that the object exists and try your request again.";
      this.failNext = undefined;
      return;
    }
    const bucket = job.body.OutputBucketName ?? 'transcribe-service-bucket';
    const key = job.body.OutputKey ?? `${job.body.TranscriptionJobName}.json`;
    await this.s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: this.transcript, ContentType: 'application/json' }));
    job.status = 'COMPLETED';
    job.transcriptUri = `https://s3.us-east-1.amazonaws.com/${bucket}/${key}`;
  }

  private describe(name: string, job: FakeJob): Record<string, unknown> {
    return {
      TranscriptionJobName: name,
      TranscriptionJobStatus: job.status,
      LanguageCode: job.body.LanguageCode,
      MediaFormat: job.body.MediaFormat,
      Media: job.body.Media,
      CreationTime: 1765000000,
      ...(job.failureReason ? { FailureReason: job.failureReason } : {}),
      ...(job.transcriptUri ? { Transcript: { TranscriptFileUri: job.transcriptUri } } : {}),
    };
  }
}
