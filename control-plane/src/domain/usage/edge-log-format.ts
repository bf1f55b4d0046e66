// The local edge's access log: one JSON object per line (see edge/access-log.ts for the fields it writes).
import type { DeliveryRecord, ParsedLog } from './delivery-record.js';

export function parseEdgeLogLines(text: string): ParsedLog {
  const records: DeliveryRecord[] = [];
  let malformed = 0;
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    const record = toRecord(line);
    if (record) records.push(record);
    else malformed += 1;
  }
  return { records, malformed };
}

function toRecord(line: string): DeliveryRecord | undefined {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const { time, tenantId, videoId, path, status, bytes } = value as Record<string, unknown>;
  const when = typeof time === 'string' ? new Date(time) : undefined;
  if (!when || Number.isNaN(when.getTime())) return undefined;
  if (typeof status !== 'number' || typeof bytes !== 'number' || !Number.isSafeInteger(bytes) || bytes < 0) return undefined;
  return {
    time: when,
    tenantId: typeof tenantId === 'string' ? tenantId : '',
    videoId: typeof videoId === 'string' ? videoId : '',
    path: typeof path === 'string' ? path : '',
    status,
    bytes,
  };
}
