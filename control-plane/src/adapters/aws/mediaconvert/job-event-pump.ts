// Drains the transcode-events SQS queue into `mediaconvert_jobs`. Every worker runs one; whichever receives an
// event records it, and the worker waiting for that job sees it in the table. Messages are deleted only after
// the row is written, so a crash between the two replays the event (recording it twice is harmless).
import { DeleteMessageCommand, ReceiveMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { sql } from 'kysely';
import type { AwsDb } from '../aws-tables.js';
import { parseJobEvent, type JobState } from './job-events.js';

export interface EventQueue {
  /** Long-polls; resolves with what arrived (possibly nothing). */
  receive(signal: AbortSignal): Promise<{ body: string; receipt: string }[]>;
  remove(receipt: string): Promise<void>;
}

export class SqsEventQueue implements EventQueue {
  constructor(
    private readonly sqs: SQSClient,
    private readonly queueUrl: string,
  ) {}

  async receive(signal: AbortSignal) {
    const answer = await this.sqs.send(new ReceiveMessageCommand({ QueueUrl: this.queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 20 }), { abortSignal: signal });
    return (answer.Messages ?? []).flatMap((message) => (message.Body !== undefined && message.ReceiptHandle ? [{ body: message.Body, receipt: message.ReceiptHandle }] : []));
  }

  async remove(receipt: string) {
    await this.sqs.send(new DeleteMessageCommand({ QueueUrl: this.queueUrl, ReceiptHandle: receipt }));
  }
}

/** Writes a job's state; never moves a finished job back to running, nor progress backwards. */
export async function recordJobState(db: AwsDb, state: JobState): Promise<void> {
  const detail = state.status === 'COMPLETE' ? JSON.stringify(state.detail) : state.status === 'ERROR' ? JSON.stringify({ errorCode: state.errorCode, errorMessage: state.errorMessage }) : null;
  await db
    .insertInto('mediaconvert_jobs')
    .values({ job_id: state.jobId, status: state.status, progress: state.progress, detail })
    .onConflict((oc) =>
      oc.column('job_id').doUpdateSet({
        status: sql`case when mediaconvert_jobs.status in ('COMPLETE', 'ERROR', 'CANCELED') then mediaconvert_jobs.status else excluded.status end`,
        progress: sql`greatest(mediaconvert_jobs.progress, excluded.progress)`,
        detail: sql`case when mediaconvert_jobs.status in ('COMPLETE', 'ERROR', 'CANCELED') then mediaconvert_jobs.detail else coalesce(excluded.detail, mediaconvert_jobs.detail) end`,
        updated_at: sql`now()`,
      }),
    )
    .execute();
}

export class JobEventPump {
  #running: Promise<void> | undefined;
  #stop = new AbortController();

  constructor(
    private readonly db: AwsDb,
    private readonly queue: EventQueue,
    private readonly onError: (error: unknown) => void = () => {},
  ) {}

  /** Starts polling once; later calls are no-ops (the transcoder calls this before every job). */
  ensureStarted(): void {
    this.#running ??= this.loop();
  }

  async stop(): Promise<void> {
    this.#stop.abort();
    await this.#running;
  }

  /** One message: record it if it is a job event, then delete it either way (a malformed one would only loop). */
  async handle(message: { body: string; receipt: string }): Promise<void> {
    const state = parseJobEvent(message.body);
    if (state) await recordJobState(this.db, state);
    await this.queue.remove(message.receipt);
  }

  private async loop(): Promise<void> {
    const signal = this.#stop.signal;
    while (!signal.aborted) {
      try {
        for (const message of await this.queue.receive(signal)) await this.handle(message);
      } catch (error) {
        if (signal.aborted) return;
        this.onError(error);
        await new Promise((resolve) => setTimeout(resolve, 5_000));
      }
    }
  }
}
