// CloudFront standard (access) logs, the legacy S3 delivery: gzip files of W3C extended log format, tab-separated,
// with `#Version` and `#Fields` header lines naming the columns. Columns are looked up by name, so a distribution
// logging extra fields (CloudFront appends new ones at the end) is read the same way. Empty values are `-`.
// Format: https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/standard-logs-reference.html
import { idsFromPath, type DeliveryRecord, type ParsedLog } from './delivery-record.js';

const REQUIRED = ['date', 'time', 'sc-bytes', 'cs-uri-stem', 'sc-status'] as const;

export function parseCloudFrontLog(text: string): ParsedLog {
  const records: DeliveryRecord[] = [];
  let malformed = 0;
  let columns: Map<string, number> | undefined;
  for (const line of text.split('\n')) {
    const trimmed = line.replace(/\r$/, '');
    if (trimmed === '') continue;
    if (trimmed.startsWith('#')) {
      if (trimmed.startsWith('#Fields:')) columns = new Map(trimmed.slice('#Fields:'.length).trim().split(/\s+/).map((name, index) => [name, index]));
      continue;
    }
    const record = columns ? toRecord(trimmed.split('\t'), columns) : undefined;
    if (record) records.push(record);
    else malformed += 1;
  }
  return { records, malformed };
}

function toRecord(fields: string[], columns: Map<string, number>): DeliveryRecord | undefined {
  const value = (name: (typeof REQUIRED)[number]) => {
    const index = columns.get(name);
    return index === undefined ? undefined : fields[index];
  };
  const [date, time, bytes, stem, status] = REQUIRED.map(value);
  if (!date || !time || !bytes || !stem || !status) return undefined;
  const when = new Date(`${date}T${time}Z`);
  const sent = Number(bytes);
  const code = Number(status);
  if (Number.isNaN(when.getTime()) || !Number.isSafeInteger(sent) || sent < 0 || !Number.isInteger(code)) return undefined;
  // CloudFront writes the URI stem URL-encoded; ids are plain, so they survive either way.
  return { time: when, ...idsFromPath(stem), path: stem, status: code, bytes: sent };
}
