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

/**
 * The edge writes its fields in this order (JSON.stringify of one object shape): matching them directly is several
 * times faster than JSON.parse on every line. Anything else (escaped characters, older or foreign lines) takes the
 * general path below.
 */
const EDGE_LINE = /^\{"time":"([^"\\]+)","tenantId":"([^"\\]*)","videoId":"([^"\\]*)","path":"([^"\\]*)","status":(\d{1,3}),"bytes":(\d{1,15})[,}]/;

function toRecord(line: string): DeliveryRecord | undefined {
  const fast = EDGE_LINE.exec(line);
  if (fast) {
    const time = new Date(fast[1]!);
    if (Number.isNaN(time.getTime())) return undefined;
    return { time, tenantId: fast[2]!, videoId: fast[3]!, path: fast[4]!, status: Number(fast[5]), bytes: Number(fast[6]) };
  }
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
