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
  for (const record of records) {
    if (!isUuid(record.tenantId)) continue;
    const tenantId = record.tenantId.toLowerCase();
    const videoId = isUuid(record.videoId) ? record.videoId.toLowerCase() : null;
    const hour = startOfHour(record.time);
    const key = `${tenantId}|${videoId ?? '-'}|${hour.toISOString()}`;
    const bucket = buckets.get(key) ?? { tenantId, videoId, hour, bytes: 0, plays: 0, requests: 0 };
    bucket.bytes += record.bytes;
    bucket.requests += 1;
    if (isPlayStart(record)) bucket.plays += 1;
    buckets.set(key, bucket);
  }
  return [...buckets.values()];
}
