// The LogBucket port over the cells' CloudFront log buckets, driven by their S3 event notices (one SQS queue per
// cell, filled by the log bucket's notification configuration: tenant-infra's CdnLogBucket). list() takes the notices
// waiting on every cell's queue; each names a new log object as `{bucket}/{key}` (bucket names are global, so the id
// is unique across cells). A notice is deleted only when every object it names is settled — its usage committed —
// so a worker killed in between leaves the notice to come back after the queue's visibility timeout; ingestion then
// finds the object finished and only settles it. Test events and notices of nothing we read are deleted at once.
import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { DeleteMessageCommand, ReceiveMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { LogBucket, LogObject } from '../../../ports.js';
import { parseS3EventNotice } from './s3-event-notice.js';
import { servingTenantOfLogKey } from './serving-tenant-of-log-key.js';

const gunzipAsync = promisify(gunzip);

export interface CellLogNotices {
  cellId: string;
  /** The cell's log bucket: notices naming any other bucket are not ours to read. */
  bucket: string;
  queueUrl: string;
  /** Clients of the cell (its account, region, role), made on first use. */
  sqs(): SQSClient;
  s3(): S3Client;
}

export interface NotifiedLogBucketsOptions {
  /**
   * Notices taken per cell and run. An ingest run must finish well inside the queue's visibility timeout, or its
   * notices come back while it still works on them (harmless — ingestion skips finished objects — but wasted work).
   */
  maxNoticesPerCell?: number;
  /** Long-poll wait: unlike short polling, it asks every SQS server, so a waiting notice is not missed. */
  waitSeconds?: number;
}

interface HeldNotice {
  cell: CellLogNotices;
  receipt: string;
  unsettled: Set<string>;
}

export class NotifiedLogBuckets implements LogBucket {
  readonly #cells: readonly CellLogNotices[];
  readonly #max: number;
  readonly #wait: number;
  /** Object id → the notices naming it (a redelivered or duplicated notice names it again). */
  #held = new Map<string, HeldNotice[]>();

  constructor(cells: readonly CellLogNotices[], options: NotifiedLogBucketsOptions = {}) {
    this.#cells = cells;
    this.#max = options.maxNoticesPerCell ?? 200;
    this.#wait = options.waitSeconds ?? 1;
  }

  async list(): Promise<LogObject[]> {
    this.#held = new Map();
    const objects = new Map<string, LogObject>();
    for (const cell of this.#cells) {
      for (let taken = 0; taken < this.#max;) {
        const answer = await cell.sqs().send(new ReceiveMessageCommand({ QueueUrl: cell.queueUrl, MaxNumberOfMessages: Math.min(10, this.#max - taken), WaitTimeSeconds: this.#wait }));
        const messages = answer.Messages ?? [];
        if (messages.length === 0) break;
        taken += messages.length;
        for (const message of messages) {
          if (!message.ReceiptHandle) continue;
          const notice = parseS3EventNotice(message.Body ?? '');
          const ours = notice.kind === 'created' ? notice.objects.filter((object) => object.bucket === cell.bucket) : [];
          if (ours.length === 0) {
            await this.remove(cell, message.ReceiptHandle);
            continue;
          }
          const held: HeldNotice = { cell, receipt: message.ReceiptHandle, unsettled: new Set() };
          for (const object of ours) {
            const id = `${object.bucket}/${object.key}`;
            held.unsettled.add(id);
            this.#held.set(id, [...(this.#held.get(id) ?? []), held]);
            objects.set(id, { key: id, size: object.size, servingTenantId: servingTenantOfLogKey(object.key) });
          }
        }
      }
    }
    return [...objects.values()];
  }

  async readText(id: string): Promise<string> {
    const cell = this.#held.get(id)?.[0]?.cell;
    if (!cell) throw new Error(`No notice announced the log object ${id}.`);
    const object = await cell.s3().send(new GetObjectCommand({ Bucket: cell.bucket, Key: id.slice(cell.bucket.length + 1) }));
    if (!object.Body) throw new Error(`The log object ${id} has no body.`);
    return (await gunzipAsync(await object.Body.transformToByteArray())).toString('utf8');
  }

  async settled(id: string): Promise<void> {
    for (const held of this.#held.get(id) ?? []) {
      if (held.unsettled.delete(id) && held.unsettled.size === 0) await this.remove(held.cell, held.receipt);
    }
    this.#held.delete(id);
  }

  private async remove(cell: CellLogNotices, receipt: string): Promise<void> {
    await cell.sqs().send(new DeleteMessageCommand({ QueueUrl: cell.queueUrl, ReceiptHandle: receipt }));
  }
}
