// Delivery records → buckets per tenant, video and UTC hour: bytes served (egress) and started plays. A play is a
// master playlist served in full (200): players fetch it once per view, segments and renditions many times.
// Only what the edge served (2xx, 304) is the tenant's: a request it refused (403 unsigned or forged, 404, 416,
// an error) is counted apart, by status, for the operator, and never billed.
import type { DeliveryRecord } from './delivery-record.js';
import { HOUR_MS } from './time-buckets.js';

export interface DeliveryBucket {
  tenantId: string;
  /** Null when the path named no well-formed video id (the bytes are still the tenant's). */
  videoId: string | null;
  hour: Date;
  /** Served: billed as egress and plays. */
  bytes: number;
  plays: number;
  /** Of the above, the workspace's own previews in the portal: their bytes are in `bytes` too, their plays are not in `plays`. */
  previewBytes: number;
  previewPlays: number;
  requests: number;
  /** Refused, by status: requests and the bytes of their answers. */
  refused: Map<number, RefusedCount>;
}

export interface RefusedCount {
  requests: number;
  bytes: number;
}

/** One log's worth of buckets, with the line counts that are reported beside them. */
export interface DeliveryTotals {
  buckets: DeliveryBucket[];
  /** Lines read as delivery records (also those naming no tenant). */
  records: number;
  /** Lines that were not valid log records: counted and reported, never fatal. */
  malformed: number;
  /** Non-blank lines, headers included. */
  lines: number;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: string): boolean {
  return UUID.test(value);
}

export function isPlayStart(record: Pick<DeliveryRecord, 'path' | 'status'>): boolean {
  return record.status === 200 && record.path.endsWith('/master.m3u8');
}

/** What the edge served: a success (a download the viewer cut short included) or a revalidation. */
export function isServed(status: number): boolean {
  return (status >= 200 && status < 300) || status === 304;
}

/** One tenant × video: its buckets by hour number (hours since the epoch, UTC). */
export class DeliverySeries {
  private readonly hours = new Map<number, DeliveryBucket>();

  constructor(
    readonly tenantId: string,
    readonly videoId: string | null,
    private readonly into: DeliveryBucket[],
  ) {}

  /** Served: egress, and a play when `play` (a preview's when `preview`); otherwise refused, counted under its status. */
  add(hour: number, status: number, served: boolean, bytes: number, play: boolean, preview = false): void {
    let bucket = this.hours.get(hour);
    if (bucket === undefined) {
      bucket = { tenantId: this.tenantId, videoId: this.videoId, hour: new Date(hour * HOUR_MS), bytes: 0, plays: 0, previewBytes: 0, previewPlays: 0, requests: 0, refused: new Map() };
      this.hours.set(hour, bucket);
      this.into.push(bucket);
    }
    if (!served) {
      const refused = bucket.refused.get(status);
      if (refused === undefined) bucket.refused.set(status, { requests: 1, bytes });
      else {
        refused.requests += 1;
        refused.bytes += bytes;
      }
      return;
    }
    bucket.bytes += bytes;
    bucket.requests += 1;
    if (preview) {
      bucket.previewBytes += bytes;
      if (play) bucket.previewPlays += 1;
    } else if (play) bucket.plays += 1;
  }
}

/**
 * Sums deliveries without keeping a record per line: a log's parser asks for the series of a tenant and video once
 * (and may remember it under its own key, e.g. the raw text of both ids), then adds each line to it.
 */
export class DeliveryAggregator {
  readonly buckets: DeliveryBucket[] = [];
  private readonly ids = new Map<string, string | null>();
  private readonly series = new Map<string, DeliverySeries>();

  /** Undefined when the tenant id is not well-formed: nobody to bill, so the line adds to no bucket. */
  seriesOf(tenantId: string, videoId: string): DeliverySeries | undefined {
    const tenant = this.normalised(tenantId);
    if (tenant === null) return undefined;
    const video = this.normalised(videoId);
    const key = `${tenant}|${video ?? '-'}`;
    let series = this.series.get(key);
    if (series === undefined) {
      series = new DeliverySeries(tenant, video, this.buckets);
      this.series.set(key, series);
    }
    return series;
  }

  addRecord(record: DeliveryRecord): void {
    const served = record.refused !== true && isServed(record.status);
    this.seriesOf(record.tenantId, record.videoId)?.add(Math.floor(record.time.getTime() / HOUR_MS), record.status, served, record.bytes, isPlayStart(record), record.preview === true);
  }

  private normalised(value: string): string | null {
    let id = this.ids.get(value);
    if (id === undefined) {
      // Copies, once per distinct id: a parser's substrings would keep the whole text they were cut from alive.
      const own = detached(value);
      id = isUuid(own) ? detached(own.toLowerCase()) : null;
      this.ids.set(own, id);
    }
    return id;
  }
}

function detached(value: string): string {
  return JSON.parse(JSON.stringify(value)) as string;
}

export function aggregateDeliveries(records: readonly DeliveryRecord[]): DeliveryBucket[] {
  const aggregator = new DeliveryAggregator();
  for (const record of records) aggregator.addRecord(record);
  return aggregator.buckets;
}
