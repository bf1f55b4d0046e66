// Delivery records → buckets per tenant, video and UTC hour: bytes served (egress) and started plays. A play is a
// master playlist served in full (200): players fetch it once per view, segments and renditions many times.
import type { DeliveryRecord } from './delivery-record.js';
import { startOfHour } from './time-buckets.js';

export interface DeliveryBucket {
  tenantId: string;
  /** Null when the path named no well-formed video id (the bytes are still the tenant's). */
  videoId: string | null;
  hour: Date;
  bytes: number;
  plays: number;
  requests: number;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: string): boolean {
  return UUID.test(value);
}

export function isPlayStart(record: Pick<DeliveryRecord, 'path' | 'status'>): boolean {
  return record.status === 200 && record.path.endsWith('/master.m3u8');
}

export function aggregateDeliveries(records: readonly DeliveryRecord[]): DeliveryBucket[] {
  const buckets = new Map<string, DeliveryBucket>();
  // Hot loop (every log line): ids are checked once per distinct value, and hours keyed by number, not by string.
  const ids = new Map<string, string | null>();
  const normalised = (value: string) => {
    let id = ids.get(value);
    if (id === undefined) {
      id = isUuid(value) ? value.toLowerCase() : null;
      ids.set(value, id);
    }
    return id;
  };
  for (const record of records) {
    const tenantId = normalised(record.tenantId);
    if (tenantId === null) continue;
    const videoId = normalised(record.videoId);
    const hour = Math.floor(record.time.getTime() / HOUR_MS);
    const key = `${tenantId}|${videoId ?? '-'}|${hour}`;
    let bucket = buckets.get(key);
    if (!bucket) {
      bucket = { tenantId, videoId, hour: startOfHour(record.time), bytes: 0, plays: 0, requests: 0 };
      buckets.set(key, bucket);
    }
    bucket.bytes += record.bytes;
    bucket.requests += 1;
    if (isPlayStart(record)) bucket.plays += 1;
  }
  return [...buckets.values()];
}

const HOUR_MS = 3_600_000;
